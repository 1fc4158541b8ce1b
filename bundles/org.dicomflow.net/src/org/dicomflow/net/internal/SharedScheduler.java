package org.dicomflow.net.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler for all ARTIM, DIMSE, idle and write-stall timers of all associations, plus a
 * pool for the socket writes that timers and non-blocking callers decide on. Timer tasks only flip
 * state, complete futures, close sockets and hand work to {@link #io()}: they never touch a socket
 * stream, so one thread is plenty and a peer that does not read cannot freeze it.
 */
public final class SharedScheduler {
    private static final ScheduledExecutorService SCHEDULER = create();
    private static final AtomicInteger IO_THREADS = new AtomicInteger();
    /**
     * Grows with demand: each task is one association's queued control PDUs, whose write is bounded
     * by the write-stall timeout, so the number of busy threads is bounded by the associations.
     */
    private static final ThreadPoolExecutor IO = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dicomflow-net-io-" + IO_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

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
        return SCHEDULER.schedule(() -> runGuarded(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long periodMillis) {
        return SCHEDULER.scheduleWithFixedDelay(() -> runGuarded(task), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Where blocking socket writes decided by timers and by non-blocking callers run. */
    static Executor io() {
        return task -> IO.execute(() -> runGuarded(task));
    }

    /** True on the timer thread, which must never block on a socket. */
    static boolean onTimerThread() {
        return Thread.currentThread().getName().equals("dicomflow-net-timers");
    }

    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // a failing task must not kill the shared thread
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }
}
