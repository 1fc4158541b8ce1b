package org.dicomflow.node.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.net.TlsSettings;

/**
 * Follows the files a listener's TLS settings name (certificate and key, or key store, and trust store), so a
 * certificate renewed or a CA added at the same paths is taken without a restart. Once the files have changed
 * and then stayed unchanged for a quiet period (a renewal writes the certificate and the key one after the
 * other), they are reloaded, on this watch's thread. Polled, like {@link NodeConfigurationWatch}, and for the
 * same reasons.
 */
public final class TlsFilesWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    /** After a reload that failed, the next try waits this long, doubling up to {@link #MAX_RETRY}. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final List<Path> files;
    private final QuietPeriod<List<FileLook>> looks;
    private final BooleanSupplier reload;
    private ScheduledExecutorService thread;
    /** Closed: a look already waiting for the monitor must not reload for a stopped listener. */
    private boolean closed;
    /** After a failed reload: the files as they were then; unless they change, no new try before {@link #retryAt}. */
    private List<FileLook> failed;
    private long retryAt;
    private long retryNanos = FIRST_RETRY.toNanos();

    /**
     * Follows the files {@code tls} names (not the JDK's own trust store, used when it names none), as they are
     * now: make it before the listener reads them, so a change in between is not missed.
     *
     * @param reload reads the files again; false when they could not be used, which is tried again later (a key
     *               written before its permissions are set, say), even if the files do not change again
     */
    public TlsFilesWatch(TlsSettings tls, Duration quiet, BooleanSupplier reload) {
        List<Path> named = new ArrayList<>();
        for (Path p : new Path[] { tls.certificateFile(), tls.privateKeyFile(), tls.keyStore(), tls.trustStore() }) {
            if (p != null) {
                named.add(p);
            }
        }
        this.files = List.copyOf(named);
        this.looks = new QuietPeriod<>(lookNow(), quiet);
        this.reload = reload;
    }

    /** Looks at the files every {@code interval} on a daemon thread of its own until {@link #close()}. */
    public synchronized TlsFilesWatch start(Duration interval) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread daemon = new Thread(r, "dicomflow-node-tls-watch");
            daemon.setDaemon(true);
            return daemon;
        });
        thread.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkNow() {
        try {
            check(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "following the TLS files " + files + " failed", e);
        }
    }

    /**
     * One look at the files at {@code nanoTime} (the scale of {@link System#nanoTime()}); the thread of
     * {@link #start(Duration)} calls it, tests call it with a clock of their own.
     */
    public synchronized void check(long nanoTime) {
        if (closed) {
            return;
        }
        List<FileLook> look = lookNow();
        if (look.equals(failed) && nanoTime - retryAt < 0) {
            return;
        }
        if (!looks.passed(look, nanoTime)) {
            return;
        }
        if (reload.getAsBoolean()) {
            looks.settle(look);
            failed = null;
            retryNanos = FIRST_RETRY.toNanos();
        } else {
            // not settled: after the wait the same files count as changed and are tried again; a new change sooner
            failed = look;
            retryAt = nanoTime + retryNanos;
            retryNanos = Math.min(2 * retryNanos, MAX_RETRY.toNanos());
        }
    }

    private List<FileLook> lookNow() {
        return files.stream().map(FileLook::of).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
