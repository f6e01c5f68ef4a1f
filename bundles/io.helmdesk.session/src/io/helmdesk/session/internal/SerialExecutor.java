package io.helmdesk.session.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were given, on any executor (a pool included): at most one task of
 * this instance runs at a time, so received messages are handled in the order they arrived without a thread of
 * their own. A task that throws is logged and the next one runs.
 */
public final class SerialExecutor implements Executor {

    private final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);
    private final Executor executor;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    public SerialExecutor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Queues a task; never blocks.
     *
     * @throws RejectedExecutionException when the underlying executor refused to run the queue (it was shut down);
     *             the tasks still queued are dropped then
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                logger.warn("A queued task failed; the next one runs", e);
            }
        }
    }
}
