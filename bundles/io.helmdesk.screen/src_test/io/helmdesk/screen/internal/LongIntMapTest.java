package io.helmdesk.screen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The map grows while counting: every count survives, whatever the number of keys. */
class LongIntMapTest {

    @Test
    void countsSurviveGrowing() {
        LongIntMap votes = new LongIntMap(8);
        for (int round = 1; round <= 3; round++) {
            for (long key = 0; key < 5000; key++) {
                assertEquals(round, votes.increment(key * 7919));
            }
        }
        assertEquals(5000, votes.size());
        for (long key = 0; key < 5000; key++) {
            assertEquals(3, votes.get(key * 7919, -1));
        }
        assertEquals(-1, votes.get(1, -1));
    }

    @Test
    void theReservedKeyIsAKeyToo() {
        LongIntMap votes = new LongIntMap(8);
        votes.increment(LongIntMap.RESERVED);
        assertEquals(2, votes.increment(LongIntMap.RESERVED));
    }
}
