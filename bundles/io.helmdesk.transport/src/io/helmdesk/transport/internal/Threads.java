package io.helmdesk.transport.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one timer thread a server or a client connection keeps (MINA owns the network threads). */
public final class Threads {

    private Threads() {
    }

    /** A one-thread scheduler with daemon threads whose cancelled tasks leave its queue at once. */
    public static ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(name + "-", 0).daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return timer;
    }
}
