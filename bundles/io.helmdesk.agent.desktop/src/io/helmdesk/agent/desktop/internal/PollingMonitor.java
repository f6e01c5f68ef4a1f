package io.helmdesk.agent.desktop.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.agent.desktop.LocalInputMonitor;

/**
 * A {@link LocalInputMonitor} that compares the desktop's input state with what the sink injected, {@value #HZ}
 * times a second, on a thread of its own: platforms such as X11 have no event that tells injected input from a
 * device's, and the native connection it polls through must stay on one thread.
 */
public abstract class PollingMonitor implements LocalInputMonitor {

    public static final int HZ = 50;

    private final Logger logger = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private Thread thread;
    private volatile boolean running;
    private boolean closed;

    protected PollingMonitor(String threadName) {
        this.threadName = threadName;
    }

    /** Checks once and tells {@code listener}; runs on the monitor's thread only. */
    protected abstract void poll(LocalInputListener listener);

    /** Frees what {@link #poll} uses; runs once, on the monitor's thread if it was started. */
    protected abstract void release();

    @Override
    public synchronized void start(LocalInputListener listener) {
        if (closed || thread != null) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        running = true;
        thread = new Thread(() -> run(listener), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(LocalInputListener listener) {
        try {
            long period = TimeUnit.SECONDS.toNanos(1) / HZ;
            while (running) {
                long started = System.nanoTime();
                poll(listener);
                long rest = period - (System.nanoTime() - started);
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DesktopLostException e) {
            logger.info("Local input is no longer watched: {}", e.getMessage());
        } catch (RuntimeException e) {
            logger.warn("Local input is no longer watched", e);
        } finally {
            release();
        }
    }

    /** Calls the listener, so that a listener's failure does not stop the watching. */
    protected final void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            logger.warn("A local input listener failed", e);
        }
    }

    @Override
    public void close() {
        Thread started;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            started = thread;
        }
        if (started == null) {
            release();
        } else if (started != Thread.currentThread()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
