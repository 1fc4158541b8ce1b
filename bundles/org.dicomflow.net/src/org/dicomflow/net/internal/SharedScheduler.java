package org.dicomflow.net.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one scheduler for all ARTIM, DIMSE and idle timers of all associations. Timer tasks only
 * flip state, close sockets or send a 10-byte A-ABORT, so one daemon thread is plenty.
 */
public final class SharedScheduler {
    private static final ScheduledExecutorService SCHEDULER = create();

    private SharedScheduler() {
    }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dicomflow-net-timers");
            t.setDaemon(true);
            return t;
        });
        // cancelled timers (the normal case: the peer answered) must not pile up in the queue
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    public static ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return SCHEDULER.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failing timer task must not kill the shared thread
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }
}
