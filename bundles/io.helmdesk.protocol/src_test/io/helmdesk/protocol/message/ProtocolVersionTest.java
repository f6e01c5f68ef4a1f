package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void picksTheHighestCommonVersion() {
        assertEquals(OptionalInt.of(3), ProtocolVersion.negotiate(1, 5, 2, 3));
        assertEquals(OptionalInt.of(2), ProtocolVersion.negotiate(2, 2, 1, 4));
        assertEquals(OptionalInt.of(4), ProtocolVersion.negotiate(4, 9, 1, 4));
        assertEquals(OptionalInt.of(1), ProtocolVersion.negotiate(1, 1));
    }

    @Test
    void findsNoneWhenTheRangesDoNotMeet() {
        assertEquals(OptionalInt.empty(), ProtocolVersion.negotiate(5, 9, 1, 4));
        assertEquals(OptionalInt.empty(), ProtocolVersion.negotiate(1, 1, 2, 3));
        assertEquals(OptionalInt.empty(), ProtocolVersion.negotiate(2, 7));
    }

    @Test
    void helloOffersWhatThisCodeSpeaks() {
        Hello hello = Hello.console("0.1.0", "Linux", "6.8");
        assertEquals(ProtocolVersion.OLDEST_SUPPORTED, hello.minVersion());
        assertEquals(ProtocolVersion.CURRENT, hello.maxVersion());
    }
}
