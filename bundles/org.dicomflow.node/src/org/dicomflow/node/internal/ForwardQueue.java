package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.Failures;
import org.dicomflow.net.StoreResult;
import org.dicomflow.net.Timeouts;
import org.dicomflow.node.ReceiveHook;
import org.dicomflow.node.RemoteNode;
import org.dicomflow.store.StoredInstance;

/**
 * Forwards every stored instance to one remote AE. The queue lives on disk (one small entry file per
 * instance in {@code dir}, written with fsync and rename), so what was received but not yet forwarded is
 * forwarded after a restart. One worker thread sends the entries in order of arrival, in batches on one
 * association; when the destination cannot be reached it waits, doubling the wait from 1 s to 5 min. An
 * instance the destination refuses (failure status) is not retried: its entry moves to {@code failed/}
 * with the reason, so one bad instance never blocks the queue.
 */
final class ForwardQueue implements ReceiveHook, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");
    private static final String ENTRY = ".fwd";
    private static final int BATCH = 100;
    private static final long FIRST_BACKOFF_MS = 1000;
    private static final long MAX_BACKOFF_MS = 300_000;

    private final Path dir;
    private final String destination;
    private final Supplier<RemoteNode> resolve;
    /** The node's AE title and timeouts, taken anew for each batch (see {@link #use}). */
    private volatile Sender sender;

    private record Sender(String callingAet, Timeouts timeouts) {
    }
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Object signal = new Object();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param resolve looks the destination up among the known remote nodes each time it connects, so an
     *            edited address applies without a restart; null when it is not known (an error is logged)
     */
    ForwardQueue(Path dir, String destination, Supplier<RemoteNode> resolve, String callingAet, Timeouts timeouts)
            throws IOException {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("failed"));
        this.destination = destination;
        this.resolve = resolve;
        this.sender = new Sender(callingAet, timeouts);
        this.worker = new Thread(this::run, "dicomflow-forward-" + destination);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Sends the next batches with this calling AE title and these timeouts. The queue itself goes on: closing
     * and reopening it on the same folder could let the old worker, stuck in a write to a slow peer, send the
     * batch the new one also sends.
     */
    void use(String callingAet, Timeouts timeouts) {
        sender = new Sender(callingAet, timeouts);
    }

    @Override
    public void stored(StoredInstance instance) throws IOException {
        String name = String.format("%020d", sequence.incrementAndGet());
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, instance.path().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve(name + ENTRY), StandardCopyOption.ATOMIC_MOVE);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Entries not forwarded yet, oldest first. */
    List<Path> pending() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ENTRY)).sorted().toList();
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (!closed) {
            try {
                List<Path> entries = pending();
                if (entries.isEmpty()) {
                    synchronized (signal) {
                        signal.wait(10_000); // also re-lists now and then: entries may be added by hand
                    }
                    continue;
                }
                forward(entries.subList(0, Math.min(BATCH, entries.size())));
                backoff = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warning("forward to " + destination + ": "
                        + (e instanceof IOException io ? Failures.describe(io) : String.valueOf(e)) + "; retrying in "
                        + backoff / 1000 + " s");
                try {
                    pause(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /**
     * Waits the whole back-off: new entries arriving meanwhile must not cut it short, or a burst of them
     * would retry an unreachable destination once per instance and push the back-off to its maximum.
     */
    private void pause(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (signal) {
            for (long left = millis; left > 0 && !closed; left = (deadline - System.nanoTime()) / 1_000_000) {
                signal.wait(left);
            }
        }
    }

    private void forward(List<Path> entries) throws IOException {
        RemoteNode node = resolve.get();
        if (node == null) {
            throw new IOException(destination + " is not among the known remote nodes (etc/remote-nodes.cfg)");
        }
        List<Path> entryOf = new ArrayList<>();
        List<DicomFile> files = new ArrayList<>();
        for (Path entry : entries) {
            Path file = Path.of(Files.readString(entry, StandardCharsets.UTF_8).trim());
            try {
                files.add(DicomFile.scan(file));
                entryOf.add(entry);
            } catch (NoSuchFileException gone) {
                giveUp(entry, "the file is gone: " + file);
            } catch (IOException unreadable) {
                giveUp(entry, "cannot read " + file + ": " + unreadable.getMessage());
            }
        }
        if (files.isEmpty()) {
            return;
        }
        Sender by = sender;
        try (Association as = new ApplicationEntity(by.callingAet()).connect(
                AssociationRequest.to(node.aeTitle(), node.host(), node.port()).withContextsFor(files), by.timeouts())) {
            for (int i = 0; i < files.size() && !closed; i++) {
                StoreResult r = as.store(files.get(i));
                if (r.isSuccess() || r.isWarning()) {
                    Files.delete(entryOf.get(i));
                    LOG.info("forwarded " + files.get(i).sopInstanceUid() + " to " + destination);
                } else {
                    giveUp(entryOf.get(i), r.describe());
                }
            }
            as.release();
        }
    }

    private void giveUp(Path entry, String why) throws IOException {
        LOG.warning("forward to " + destination + ": not retried (" + entry.getFileName() + "): " + why);
        Files.move(entry, dir.resolve("failed").resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("failed").resolve(entry.getFileName() + ".reason"), why + "\n");
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "forward to " + destination;
    }
}
