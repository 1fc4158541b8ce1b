package org.dicomflow.node.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.net.TlsSettings;

/**
 * Follows the files a listener's TLS settings name (certificate and key, or key store, and trust store), so a
 * certificate renewed or a CA added at the same paths is taken without a restart. Once the files have changed
 * and then stayed unchanged for a quiet period (a renewal writes the certificate and the key one after the
 * other), the listener is told, on this watch's thread. Polled, like {@link NodeConfigurationWatch}, and for the
 * same reasons.
 */
final class TlsFilesWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    private final List<Path> files;
    private final QuietPeriod<List<FileLook>> looks;
    private final Runnable changed;
    private ScheduledExecutorService thread;

    /** Follows the files {@code tls} names (not the JDK's own trust store, used when it names none). */
    TlsFilesWatch(TlsSettings tls, Duration quiet, Runnable changed) {
        List<Path> named = new ArrayList<>();
        for (Path p : new Path[] { tls.certificateFile(), tls.privateKeyFile(), tls.keyStore(), tls.trustStore() }) {
            if (p != null) {
                named.add(p);
            }
        }
        this.files = List.copyOf(named);
        this.looks = new QuietPeriod<>(lookNow(), quiet);
        this.changed = changed;
    }

    /** Looks at the files every {@code interval} on a daemon thread of its own until {@link #close()}. */
    synchronized TlsFilesWatch start(Duration interval) {
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

    /** One look at the files at {@code nanoTime} (the scale of {@link System#nanoTime()}). */
    void check(long nanoTime) {
        List<FileLook> look = lookNow();
        if (looks.passed(look, nanoTime)) {
            looks.settle(look);
            changed.run();
        }
    }

    private List<FileLook> lookNow() {
        return files.stream().map(FileLook::of).toList();
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
