package io.helmdesk.agent.desktop.internal.x11;

import static io.helmdesk.agent.desktop.internal.x11.XClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.agent.desktop.internal.Keysyms;

/**
 * A whole X11 desktop session on an Xvfb of the test's own: what its sink injects is not local activity, what another
 * XTEST connection (the test playing the local user) does is.
 */
class X11LocalInputMonitorTest {

    private static XvfbServer xvfb;
    private static XClient user;

    @BeforeAll
    static void startDisplay() throws Exception {
        xvfb = XvfbServer.start(1280, 800);
        user = new XClient(xvfb.display());
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (user != null) {
            user.close();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    private static final class Counting implements LocalInputListener {

        final AtomicInteger activity = new AtomicInteger();
        final AtomicInteger escapes = new AtomicInteger();

        @Override
        public void onLocalActivity() {
            activity.incrementAndGet();
        }

        @Override
        public void onLocalEscape() {
            escapes.incrementAndGet();
        }

        void reset() {
            activity.set(0);
            escapes.set(0);
        }
    }

    @Test
    void tellsTheLocalUserFromTheSink() throws Exception {
        Counting listener = new Counting();
        try (DesktopSession session = X11Desktop.open(xvfb.display())) {
            assertTrue(session.description().startsWith("X11 " + xvfb.display() + " (MIT-SHM"), session.description());
            session.localInput().start(listener);
            InputSink sink = session.input();

            for (int step = 0; step < 40; step++) {
                sink.pointer(100 + step * 10, 100 + step * 5, step % 10 == 5 ? InputSink.BUTTON_LEFT : 0);
                Thread.sleep(5);
            }
            sink.key('a', true);
            sink.key('a', false);
            sink.key(Keysyms.ESCAPE, true);
            Thread.sleep(50);
            sink.key(Keysyms.ESCAPE, false);
            Thread.sleep(300);
            assertEquals(0, listener.activity.get(), "the sink's moves, clicks and keys are not local activity");
            assertEquals(0, listener.escapes.get(), "the sink's Escape is not the local user's");

            user.userMoves(700, 500);
            await("local activity from the user's pointer move", () -> listener.activity.get() > 0);
            assertEquals(0, listener.escapes.get());

            listener.reset();
            user.userKey('b', true);
            await("local activity from the user's key", () -> listener.activity.get() > 0);
            user.userKey('b', false);
            assertEquals(0, listener.escapes.get());

            user.userKey(Keysyms.ESCAPE, true);
            await("the user's Escape", () -> listener.escapes.get() == 1);
            user.userKey(Keysyms.ESCAPE, false);

            listener.reset();
            sink.pointer(10, 10, 0); // the sink takes over again: quiet
            Thread.sleep(300);
            assertEquals(0, listener.activity.get());
        }
        assertFalse(user.anyKeyDown(), "closing the session leaves no key down");
    }
}
