package io.helmdesk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.Message;

/** {@link SessionPeer#inOrder}: calls leave the caller's thread and arrive one at a time, in order, even on a pool. */
class SessionPeerTest {

    @Test
    void callsArriveInOrderOnTheExecutorAndCloseComesLast() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<String> seen = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            CountDownLatch closed = new CountDownLatch(1);
            SessionPeer slow = new SessionPeer() {

                @Override
                public void received(Message message) {
                    // Unsynchronized on purpose: one call at a time, and each sees the one before.
                    seen.add(((ChatMessage) message).text());
                    threads.add(Thread.currentThread().getName());
                    if (seen.size() % 100 == 0) {
                        Thread.yield();
                    }
                }

                @Override
                public void closed(String reason) {
                    seen.add("closed: " + reason);
                    closed.countDown();
                }
            };
            SessionPeer ordered = SessionPeer.inOrder(pool, slow);

            for (int i = 0; i < 2000; i++) {
                ordered.received(new ChatMessage(i, "a", Integer.toString(i)));
            }
            ordered.closed("done");

            // The latch publishes what the calls wrote.
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertEquals(2001, seen.size());
            for (int i = 0; i < 2000; i++) {
                assertEquals(Integer.toString(i), seen.get(i));
            }
            assertEquals("closed: done", seen.get(2000));
            assertNotEquals(Thread.currentThread().getName(), threads.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
