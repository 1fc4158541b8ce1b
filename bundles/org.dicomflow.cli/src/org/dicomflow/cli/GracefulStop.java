package org.dicomflow.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a tool is talking to a peer: rather than dying with requests in flight, the
 * JVM's shutdown waits, at most {@code grace}, while the tool starts nothing new, collects the responses
 * outstanding and releases its association. The tool asks {@link #requested()} before each new piece of work
 * and closes this object when it is done; the process then exits with the signal's status (130 for SIGINT).
 */
final class GracefulStop implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;
    /** Any stop signal in this JVM: its shutdown is under way. */
    private static volatile boolean signalled;
    private volatile Runnable onStop = () -> { };

    private GracefulStop(String tool, Duration grace, PrintStream err) {
        hook = new Thread(() -> {
            signalled = true;
            requested = true;
            err.println(tool + ": stopping: no new requests, waiting up to " + grace.toSeconds()
                    + " s for the outstanding responses");
            try {
                onStop.run();
            } catch (RuntimeException e) {
                err.println(tool + ": " + e);
            }
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, tool + " graceful stop");
    }

    /** Watches for a stop signal until {@link #close()}. */
    static GracefulStop install(String tool, Duration grace, PrintStream err) {
        GracefulStop stop = new GracefulStop(tool, grace, err);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * What to do when a stop signal arrives, on the signal's thread, for a tool that waits for a peer rather than
     * starting work of its own (a C-GET or C-MOVE: ask the peer to cancel).
     */
    void onStop(Runnable action) {
        onStop = action;
    }

    /**
     * Whether a stop signal began the JVM's shutdown. The process then ends with the signal's status (130, 143) once
     * the hooks are done; a {@code System.exit} of the tool's own code would race that and might win.
     */
    static boolean signalled() {
        return signalled;
    }

    /** A stop signal arrived: start nothing new. */
    boolean requested() {
        return requested;
    }

    /** The tool is done (stopped or not): the shutdown, if one waits, goes on. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and has just been let go
        }
    }
}
