package io.helmdesk.relay.internal;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread of the relay around one selector: the keys that are ready, tasks handed over by other threads (run in
 * order, on this thread), and a look at the clock a few times a second. Neither a task's nor one key's exception
 * ends the loop; only the selector failing does.
 */
abstract class SelectorLoop implements Runnable {

    private static final long TICK_NANOS = 250_000_000L;

    final Logger logger = LoggerFactory.getLogger(getClass());
    final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final String name;
    private final String failureMeans;
    private Thread thread;
    private volatile boolean running = true;

    /**
     * @param failureMeans what it means for the relay when the selector fails, for the log
     */
    SelectorLoop(String name, String failureMeans) throws IOException {
        this.name = name;
        this.failureMeans = failureMeans;
        this.selector = Selector.open();
    }

    void start() {
        thread = Thread.ofPlatform().name(name).daemon().start(this);
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Ends the loop; what it holds is closed ({@link #closeAll}) after the tasks handed over so far ran. */
    void stop() {
        running = false;
        selector.wakeup();
        if (thread == null) { // never started: only the selector to free
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
            return;
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                selector.select(1000);
                runTasks();
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        ready(key);
                    } catch (RuntimeException e) {
                        failed(key, e);
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    tick(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            logger.error("The relay's thread {} failed; {}", name, failureMeans, e);
        } finally {
            runTasks();
            closeAll();
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                logger.error("A task of the relay's thread {} failed; it goes on", name, e);
            }
        }
    }

    /** A key of this selector is ready. */
    abstract void ready(SelectionKey key);

    /** {@link #ready} threw: a bug, which must not end the loop. */
    abstract void failed(SelectionKey key, RuntimeException e);

    /** A few times a second: timeouts. */
    abstract void tick(long now);

    /** The loop ends: close every channel it holds. */
    abstract void closeAll();
}
