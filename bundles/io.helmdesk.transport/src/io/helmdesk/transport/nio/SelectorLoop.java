package io.helmdesk.transport.nio;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network thread around one selector: the keys that are ready, tasks handed over by other threads or by itself
 * (run in order, on this thread, before it waits again), and a look at the clock a few times a second. Neither a
 * task's nor one key's exception ends the loop; only the selector failing does. The relay's threads and the agent
 * gateway's are such loops.
 */
public abstract class SelectorLoop implements Runnable {

    /** How often {@link #tick} runs, at most; a quiet loop wakes up for it. */
    public static final long TICK_NANOS = 250_000_000L;

    protected final Logger logger = LoggerFactory.getLogger(getClass());
    protected final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks handed over and not run yet: a round runs those there were when it began, so none can starve keys. */
    private final AtomicInteger waitingTasks = new AtomicInteger();
    private final String name;
    private final String failureMeans;
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * @param name the thread's name
     * @param failureMeans what it means for the application when the selector fails, for the log
     */
    protected SelectorLoop(String name, String failureMeans) throws IOException {
        this.name = name;
        this.failureMeans = failureMeans;
        this.selector = Selector.open();
    }

    public void start() {
        thread = Thread.ofPlatform().name(name).daemon().start(this);
    }

    /** Runs {@code task} on this loop's thread: soon after the current key when called from it. */
    public void execute(Runnable task) {
        tasks.add(task);
        waitingTasks.incrementAndGet();
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /** Whether the loop runs (or is about to): false once it ended, for example because its selector failed. */
    public boolean alive() {
        Thread current = thread;
        return running && (current == null || current.isAlive());
    }

    /** Whether the calling thread is this loop's. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Ends the loop; what it holds is closed ({@link #closeAll}) after the tasks handed over so far ran. */
    public void stop() {
        running = false;
        selector.wakeup();
        Thread running = thread;
        if (running == null) { // never started: only the selector to free
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
            return;
        }
        if (running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                long untilTick = nextTick - System.nanoTime();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (untilTick > 0) {
                    // A quiet loop still ticks on time: its timeouts are looked at every tick.
                    selector.select(Math.max(1, untilTick / 1_000_000));
                } else {
                    selector.selectNow();
                }
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
            logger.error("The network thread {} failed; {}", name, failureMeans, e);
        } finally {
            while (!tasks.isEmpty()) {
                runTasks();
            }
            closeAll();
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
    }

    private void runTasks() {
        // Only the tasks there were when the round began: one that hands itself over again (a long write giving
        // others their turn) runs after the keys that are ready.
        for (int count = waitingTasks.get(); count > 0; count--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            waitingTasks.decrementAndGet();
            try {
                task.run();
            } catch (RuntimeException e) {
                logger.error("A task of the network thread {} failed; it goes on", name, e);
            }
        }
    }

    /** A key of this selector is ready. */
    protected abstract void ready(SelectionKey key);

    /** {@link #ready} threw: a bug, which must not end the loop. */
    protected abstract void failed(SelectionKey key, RuntimeException e);

    /** A few times a second: timeouts. */
    protected abstract void tick(long now);

    /** The loop ends: close every channel it holds. */
    protected abstract void closeAll();
}
