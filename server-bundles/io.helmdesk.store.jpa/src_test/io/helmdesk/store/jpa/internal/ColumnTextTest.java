package io.helmdesk.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ColumnTextTest {

    @Test
    void shortTextIsKept() {
        assertEquals("hello", ColumnText.fit("hello", 5));
        assertEquals("", ColumnText.fit("", 5));
        assertNull(ColumnText.fit(null, 5));
    }

    @Test
    void longTextIsCutToTheLimit() {
        assertEquals("hel", ColumnText.fit("hello", 3));
    }

    @Test
    void surrogatePairAtTheLimitIsDroppedWhole() {
        String grin = "\uD83D\uDE00";
        assertEquals("ab", ColumnText.fit("ab" + grin + "c", 3));
        assertEquals("ab" + grin, ColumnText.fit("ab" + grin + "c", 4));
    }

    @Test
    void nulCharactersAreReplaced() {
        assertEquals("a\uFFFDb", ColumnText.fit("a\0b", 10));
    }
}
