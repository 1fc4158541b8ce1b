package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.node.NodeSettings;

/**
 * Follows edits of the headless node's configuration file while it runs: once the file has stopped changing
 * for a quiet period it is read again, the command line's overrides are applied as at start, and the listener
 * is told the settings that changed, or why an edit does not apply (it does not parse, the file is gone, it
 * only changed keys the command line sets). The current settings stay until an edit gives valid ones.
 * <p>
 * The file is polled (one {@code stat} per {@link #INTERVAL}) rather than watched with java.nio's
 * {@code WatchService}: inotify sees no edits made on the other side of an NFS/SMB mount or a container's bind
 * mount from a macOS/Windows host, where a node's etc/ may well live; the JDK's WatchService on macOS
 * polls anyway (every 10 s); and inotify instances are a per-user limit that a busy host runs out of. Two stat
 * calls a second are nothing for a process that serves DICOM, and an edit applies within about
 * {@link #INTERVAL} + {@link #QUIET}. The modification time, size and file key (inode) together notice
 * in-place writes and editors that save by renaming a new file over the old one.
 */
public final class NodeConfigurationWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    /** How often the file is looked at. */
    public static final Duration INTERVAL = Duration.ofMillis(500);
    /** How long the file must stay unchanged before it is read, so an editor's half-written file is not. */
    public static final Duration QUIET = Duration.ofSeconds(1);

    /** Told of edits on the watch's thread, one call at a time, in the order of the edits. */
    public interface Listener {
        /** The file now gives these settings, which differ from those in force. */
        void changed(Change change);

        /** An edit that does not apply, as a sentence naming the file; the node keeps its settings. */
        void notApplied(String reason);
    }

    /**
     * Settings from an edit.
     *
     * @param settings    the new settings, command-line overrides applied
     * @param changedKeys the keys whose values changed, in alphabetical order
     * @param keptKeys    keys the edit changed but the command line sets, so they keep their values
     */
    public record Change(NodeSettings settings, List<String> changedKeys, List<String> keptKeys) {
        public Change {
            changedKeys = List.copyOf(changedKeys);
            keptKeys = List.copyOf(keptKeys);
        }

        /** "allowedCallingAets = A,B; maxAssociations = 4", plus the keys the command line kept. */
        public String describe() {
            Map<String, Object> values = settings.toProperties();
            List<String> parts = new ArrayList<>();
            for (String key : changedKeys) {
                parts.add(key + " = " + Objects.toString(values.get(key), ""));
            }
            return String.join("; ", parts) + (keptKeys.isEmpty() ? ""
                    : " (" + String.join(", ", keptKeys) + " as given on the command line)");
        }
    }

    private final Path file;
    private final UnaryOperator<NodeSettings> overrides;
    private final Listener listener;

    /** What the file gave last, before the overrides, to tell edits of overridden keys apart. */
    private NodeSettings fromFile;
    private NodeSettings current;
    /** The file as it was when last read (or found absent or unreadable), and what it looks like meanwhile. */
    private final QuietPeriod<FileLook> looks;
    /** Outside the monitor: {@link #close()} must not wait for an edit being applied under it. */
    private final AtomicReference<ScheduledExecutorService> thread = new AtomicReference<>();

    /**
     * @param file      the configuration file to follow; it need not exist
     * @param fromFile  the settings the node started with, as read from the file before the overrides
     * @param overrides the command line's overrides, applied to every reading of the file
     * @param quiet     how long the file must be unchanged before it is read
     */
    public NodeConfigurationWatch(Path file, NodeSettings fromFile, UnaryOperator<NodeSettings> overrides,
            Duration quiet, Listener listener) {
        this.file = file;
        this.fromFile = fromFile;
        this.overrides = overrides;
        this.current = overrides.apply(fromFile);
        this.looks = new QuietPeriod<>(null, quiet);
        this.listener = listener;
    }

    /** Looks at the file every {@code interval} on a daemon thread of its own until {@link #close()}. */
    public NodeConfigurationWatch start(Duration interval) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread daemon = new Thread(r, "dicomflow-node-configuration-watch");
            daemon.setDaemon(true);
            return daemon;
        });
        if (!thread.compareAndSet(null, t)) {
            t.shutdown();
            throw new IllegalStateException("already started");
        }
        t.scheduleWithFixedDelay(this::checkNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkNow() {
        try {
            check(System.nanoTime());
        } catch (RuntimeException e) {
            // a failure must not end the schedule: the next edit gets its chance
            LOG.log(Level.WARNING, "following " + file + " failed", e);
        }
    }

    /**
     * One look at the file at {@code nanoTime} (the scale of {@link System#nanoTime()}); the thread of
     * {@link #start(Duration)} calls it, tests call it with a clock of their own.
     */
    public synchronized void check(long nanoTime) {
        FileLook look = FileLook.of(file);
        if (!looks.passed(look, nanoTime)) {
            return;
        }
        FileLook before = looks.settled();
        if (look.absent()) {
            looks.settle(look);
            if (before != null && !before.absent()) {
                listener.notApplied(file + " was removed; the node goes on with its current settings");
            }
            return;
        }
        if (look.failure() != null) {
            looks.settle(look);
            listener.notApplied(file + " cannot be read (" + look.failure() + "); the node goes on with its current settings");
            return;
        }
        Map<String, String> properties;
        try {
            properties = NodeConfigurationFile.read(file);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed unicode escape, the only thing java.util.Properties rejects
            looks.settle(look);
            listener.notApplied(file + " cannot be read (" + e.getMessage() + "); the node goes on with its current settings");
            return;
        }
        FileLook after = FileLook.of(file);
        if (!after.equals(look)) {
            // written to while being read: wait until it is quiet again
            looks.restart(after, nanoTime);
            return;
        }
        looks.settle(look);
        if (properties.isEmpty()) {
            // an editor caught between truncating and writing, more likely than a wish for every default
            listener.notApplied(file + " has no settings; the node goes on with its current settings");
            return;
        }
        apply(properties);
    }

    private void apply(Map<String, String> properties) {
        NodeSettings parsed;
        NodeSettings next;
        try {
            parsed = NodeSettings.from(properties);
            next = overrides.apply(parsed);
        } catch (IllegalArgumentException e) {
            listener.notApplied(file + ": " + e.getMessage() + "; the node goes on with its current settings");
            return;
        }
        List<String> changed = changedKeys(current, next);
        List<String> kept = changedKeys(fromFile, parsed);
        kept.removeAll(changed);
        fromFile = parsed;
        if (!changed.isEmpty()) {
            current = next;
            listener.changed(new Change(next, changed, kept));
        } else if (!kept.isEmpty()) {
            listener.notApplied(file + ": " + String.join(", ", kept) + " changed, but the command line sets "
                    + (kept.size() == 1 ? "it" : "them") + ", which wins over the file");
        }
    }

    /** Keys of the settings' properties whose values differ, in alphabetical order. */
    static List<String> changedKeys(NodeSettings a, NodeSettings b) {
        Map<String, Object> pa = a.toProperties();
        Map<String, Object> pb = b.toProperties();
        TreeSet<String> keys = new TreeSet<>(pa.keySet());
        keys.addAll(pb.keySet());
        keys.removeIf(k -> Objects.equals(pa.get(k), pb.get(k)));
        return new ArrayList<>(keys);
    }

    /** Stops looking; an edit being applied is interrupted. */
    @Override
    public void close() {
        ScheduledExecutorService t = thread.getAndSet(null);
        if (t != null) {
            t.shutdownNow();
            try {
                if (!t.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warning("the watch of " + file + " did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
