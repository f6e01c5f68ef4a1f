package io.helmdesk.transport.nio;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
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
                if (tasks.isEmpty()) {
                    selector.select(1000);
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
