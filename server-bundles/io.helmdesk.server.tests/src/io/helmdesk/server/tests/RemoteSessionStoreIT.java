package io.helmdesk.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.store.api.RemoteSessionEventRecord;
import io.helmdesk.store.api.RemoteSessionRecord;
import io.helmdesk.store.api.RemoteSessionRecord.State;
import io.helmdesk.store.api.RemoteSessionRepository;
import io.helmdesk.testing.OsgiServices;

/**
 * Remote sessions and their events in the JPA store on a real embedded Derby database, through the OSGi service.
 * Every test uses devices and sessions of its own: the database is shared by the whole test run.
 */
class RemoteSessionStoreIT {

    private RemoteSessionRepository sessions;
    private String device;

    @BeforeEach
    void findRepository() throws Exception {
        sessions = OsgiServices.await(RemoteSessionRepository.class);
        device = "device-" + UUID.randomUUID();
    }

    @Test
    void insertedSessionIsFoundAsItWasStored() {
        RemoteSessionRecord session = requested(1_000);
        sessions.insert(session);

        assertEquals(Optional.of(session), sessions.find(session.id()));
        assertEquals(Optional.empty(), sessions.find("no-such-session"));

        RemoteSessionRecord full = new RemoteSessionRecord("session-" + UUID.randomUUID(), device, "account-2",
                "Oskar", State.ACTIVE, 2_000, 2_100L, null, "", 5, 6);
        sessions.insert(full);
        assertEquals(Optional.of(full), sessions.find(full.id()));
    }

    @Test
    void sessionBecomesActiveOnlyOnceAndOnlyFromRequested() {
        RemoteSessionRecord session = requested(1_000);
        sessions.insert(session);

        assertTrue(sessions.markActive(session.id(), 1_500));
        assertFalse(sessions.markActive(session.id(), 1_700), "already active");
        RemoteSessionRecord active = sessions.find(session.id()).orElseThrow();
        assertEquals(State.ACTIVE, active.state());
        assertEquals(1_500L, active.startedAt(), "the first pairing is kept");

        RemoteSessionRecord endedFirst = requested(2_000);
        sessions.insert(endedFirst);
        assertTrue(sessions.end(endedFirst.id(), 2_100, "cancelled", 0, 0));
        assertFalse(sessions.markActive(endedFirst.id(), 2_200), "an ended session never becomes active");
        assertEquals(State.ENDED, sessions.find(endedFirst.id()).orElseThrow().state());
        assertNull(sessions.find(endedFirst.id()).orElseThrow().startedAt());

        assertFalse(sessions.markActive("no-such-session", 1));
    }

    @Test
    void sessionEndsOnlyOnceAndKeepsTheFirstEnd() {
        RemoteSessionRecord session = requested(1_000);
        sessions.insert(session);
        sessions.markActive(session.id(), 1_200);

        assertTrue(sessions.end(session.id(), 5_000, "operator closed the window", 123_456, 789));
        assertFalse(sessions.end(session.id(), 6_000, "agent disconnected", 1, 2));

        RemoteSessionRecord ended = sessions.find(session.id()).orElseThrow();
        assertEquals(new RemoteSessionRecord(session.id(), device, "account-1", "Olivia Operator", State.ENDED, 1_000,
                1_200L, 5_000L, "operator closed the window", 123_456, 789), ended);
        assertFalse(sessions.end("no-such-session", 1, "x", 0, 0));
    }

    @Test
    void longTextIsCutToItsColumnInsteadOfFailing() {
        RemoteSessionRecord session = new RemoteSessionRecord("session-" + UUID.randomUUID(), device, "account-1",
                "n".repeat(1_000), State.REQUESTED, 1_000, null, null, null, 0, 0);
        sessions.insert(session);
        assertEquals("n".repeat(RemoteSessionRecord.MAX_OPERATOR_NAME_LENGTH),
                sessions.find(session.id()).orElseThrow().operatorName());

        String reason = "r".repeat(RemoteSessionRecord.MAX_END_REASON_LENGTH - 1) + "\uD83D\uDE00 and more";
        assertTrue(sessions.end(session.id(), 2_000, reason, 0, 0));
        // The emoji would be split at the limit: it is dropped whole.
        assertEquals("r".repeat(RemoteSessionRecord.MAX_END_REASON_LENGTH - 1),
                sessions.find(session.id()).orElseThrow().endReason());

        sessions.addEvent(new RemoteSessionEventRecord(session.id(), 1_500, "file-sent", "a".repeat(10_000),
                "d".repeat(100_000)));
        sessions.addEvent(new RemoteSessionEventRecord(session.id(), 1_600, "chat", "agent", null));
        sessions.addEvent(new RemoteSessionEventRecord(session.id(), 1_700, "chat", "agent", "nul\0inside"));
        assertEquals(List.of(
                new RemoteSessionEventRecord(session.id(), 1_500, "file-sent",
                        "a".repeat(RemoteSessionEventRecord.MAX_ACTOR_LENGTH),
                        "d".repeat(RemoteSessionEventRecord.MAX_DETAIL_LENGTH)),
                new RemoteSessionEventRecord(session.id(), 1_600, "chat", "agent", ""),
                new RemoteSessionEventRecord(session.id(), 1_700, "chat", "agent", "nul\uFFFDinside")),
                sessions.events(session.id()));
    }

    @Test
    void eventsComeOldestFirstAndInTheirOrderWithinAMillisecond() {
        RemoteSessionRecord session = requested(1_000);
        RemoteSessionRecord other = requested(1_000);
        sessions.insert(session);
        sessions.insert(other);
        RemoteSessionEventRecord paired = new RemoteSessionEventRecord(session.id(), 3_000, "paired", "relay", "");
        RemoteSessionEventRecord requested = new RemoteSessionEventRecord(session.id(), 1_000, "requested",
                "Olivia Operator", "from 192.0.2.7");
        RemoteSessionEventRecord controlGiven = new RemoteSessionEventRecord(session.id(), 3_000, "control-given",
                "agent", "the user allowed control");
        RemoteSessionEventRecord controlTaken = new RemoteSessionEventRecord(session.id(), 3_000, "control-taken",
                "agent", "the user took control back");
        sessions.addEvent(paired);
        sessions.addEvent(requested);
        sessions.addEvent(new RemoteSessionEventRecord(other.id(), 2_000, "requested", "someone", ""));
        sessions.addEvent(controlGiven);
        sessions.addEvent(controlTaken);

        assertEquals(List.of(requested, paired, controlGiven, controlTaken), sessions.events(session.id()));
        assertEquals(List.of(), sessions.events("no-such-session"));
    }

    @Test
    void eventOfAnUnknownSessionOrWithABadKindIsRefused() {
        RemoteSessionRecord session = requested(1_000);
        sessions.insert(session);

        assertThrows(IllegalArgumentException.class,
                () -> sessions.addEvent(new RemoteSessionEventRecord("no-such-session", 1, "chat", "a", "d")));
        assertThrows(IllegalArgumentException.class, () -> sessions.addEvent(new RemoteSessionEventRecord(
                session.id(), 1, "k".repeat(RemoteSessionEventRecord.MAX_KIND_LENGTH + 1), "a", "d")));
        assertThrows(IllegalArgumentException.class,
                () -> sessions.addEvent(new RemoteSessionEventRecord(session.id(), 1, "", "a", "d")));
        assertEquals(List.of(), sessions.events(session.id()));
    }

    @Test
    void sessionsOfADeviceComeNewestFirstUpToTheLimit() {
        RemoteSessionRecord first = requested(1_000);
        RemoteSessionRecord second = requested(2_000);
        RemoteSessionRecord third = requested(3_000);
        RemoteSessionRecord fourth = requested(4_000);
        for (RemoteSessionRecord session : List.of(third, first, fourth, second)) {
            sessions.insert(session);
        }
        sessions.insert(RemoteSessionRecord.requested("session-" + UUID.randomUUID(), "other-" + device, "account-1",
                "Olivia Operator", 5_000));

        assertEquals(List.of(fourth, third, second), sessions.listForDevice(device, 3));
        assertEquals(List.of(fourth, third, second, first), sessions.listForDevice(device, 100));
        assertEquals(List.of(fourth), sessions.listForDevice(device, 1));
        assertEquals(List.of(), sessions.listForDevice("never-" + device, 10));
        assertThrows(IllegalArgumentException.class, () -> sessions.listForDevice(device, 0));
    }

    @Test
    void endAllOpenEndsRequestedAndActiveSessionsAndLeavesEndedOnes() {
        RemoteSessionRecord waiting = requested(1_000);
        RemoteSessionRecord active = requested(2_000);
        RemoteSessionRecord ended = requested(3_000);
        for (RemoteSessionRecord session : List.of(waiting, active, ended)) {
            sessions.insert(session);
        }
        sessions.markActive(active.id(), 2_500);
        sessions.end(ended.id(), 3_500, "operator left", 10, 20);
        // Read once, so a stale cached copy would show if the bulk update left it behind.
        assertEquals(State.ACTIVE, sessions.find(active.id()).orElseThrow().state());

        List<String> openIds = sessions.listOpen().stream().map(RemoteSessionRecord::id).toList();
        assertEquals(List.of(waiting.id(), active.id()),
                openIds.stream().filter(Set.of(waiting.id(), active.id(), ended.id())::contains).toList(),
                "open sessions, oldest request first");

        assertTrue(sessions.endAllOpen(9_000, "the server restarted") >= 2);

        RemoteSessionRecord endedActive = sessions.find(active.id()).orElseThrow();
        assertEquals(new RemoteSessionRecord(active.id(), device, "account-1", "Olivia Operator", State.ENDED, 2_000,
                2_500L, 9_000L, "the server restarted", 0, 0), endedActive);
        assertEquals(State.ENDED, sessions.find(waiting.id()).orElseThrow().state());
        assertNull(sessions.find(waiting.id()).orElseThrow().startedAt());
        assertEquals(new RemoteSessionRecord(ended.id(), device, "account-1", "Olivia Operator", State.ENDED, 3_000,
                null, 3_500L, "operator left", 10, 20), sessions.find(ended.id()).orElseThrow(),
                "the first end is kept");
        assertEquals(List.of(), sessions.listOpen());
        assertEquals(0, sessions.endAllOpen(10_000, "again"));
    }

    private RemoteSessionRecord requested(long at) {
        return RemoteSessionRecord.requested("session-" + UUID.randomUUID(), device, "account-1", "Olivia Operator",
                at);
    }
}
