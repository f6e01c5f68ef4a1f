package io.helmdesk.agent.desktop.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InjectedInputTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final InjectedInput injected = new InjectedInput(() -> now.getAndIncrement());

    @Test
    void aQueryCanShowTheLastAppliedPositionOrAnyLaterOne() {
        injected.pointerMoved(10, 10);
        injected.applied();
        long queriedAt = injected.timestamp();
        injected.pointerMoved(20, 20);
        injected.pointerMoved(30, 30);
        assertTrue(injected.explainsPointer(10, 10, queriedAt), "the server had not handled the moves yet");
        assertTrue(injected.explainsPointer(20, 20, queriedAt), "pending: the server may have handled it");
        injected.applied();
        assertTrue(injected.explainsPointer(20, 20, queriedAt), "handled after the query started: it may show");
        assertFalse(injected.explainsPointer(15, 15, queriedAt));

        long later = injected.timestamp();
        assertTrue(injected.explainsPointer(30, 30, later), "where the sink left the pointer");
        assertFalse(injected.explainsPointer(20, 20, later), "handled before the query and then superseded");
        assertFalse(injected.explainsPointer(10, 10, later));
    }

    @Test
    void buttonsNobodyInjectedAreNotExplained() {
        long queriedAt = injected.timestamp();
        assertFalse(injected.explainsButtons(1, queriedAt));
        injected.buttonsChanged(1);
        injected.buttonsChanged(0);
        injected.applied();
        assertTrue(injected.explainsButtons(1, queriedAt));
        assertFalse(injected.explainsButtons(1, injected.timestamp()));
        assertTrue(injected.explainsButtons(0, injected.timestamp()));
    }

    @Test
    void aKeyIsTheSinksWhileHeldAndNotAfterItsReleaseWasHandled() {
        assertFalse(injected.explainsKeyDown(9, injected.timestamp()));
        injected.keyPressed(9);
        assertTrue(injected.explainsKeyDown(9, injected.timestamp()), "pending press");
        injected.applied();
        long whileHeld = injected.timestamp();
        assertTrue(injected.explainsKeyDown(9, whileHeld));
        injected.keyReleased(9);
        injected.applied();
        assertTrue(injected.explainsKeyDown(9, whileHeld), "a query started before the release was handled");
        assertFalse(injected.explainsKeyDown(9, injected.timestamp()), "the local user's press, right after");
    }

    @Test
    void theHistoryIsBounded() {
        for (int i = 0; i < 1000; i++) {
            injected.pointerMoved(i, 0);
        }
        long queriedAt = injected.timestamp();
        assertTrue(injected.explainsPointer(999, 0, queriedAt));
        assertFalse(injected.explainsPointer(0, 0, queriedAt), "only the latest moves are kept");
    }
}
