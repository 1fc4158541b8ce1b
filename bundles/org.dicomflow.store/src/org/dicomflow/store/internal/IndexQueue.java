package org.dicomflow.store.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instances that are durable on disk and answered, but not yet in the index. One thread writes them in
 * batches, one transaction per batch: the storing thread answers the sender once the file is forced and
 * renamed, and the index work (most of an instance's CPU) runs beside the next transfer instead of before
 * its response. The files stay the truth: what a crash takes from the queue, the scan at the next open
 * indexes.
 *
 * <p>Readers of the index call {@link #awaitIndexed} first, so a query sees every instance answered before it
 * began. The duplicate check asks {@link #pendingPath} before the index. The queue is bounded: a sender
 * faster than the index waits in {@link #add}, so memory stays flat. What the index refuses (its disk full) is
 * tried again, and stays pending meanwhile; what is still refused when the archive closes, the next open indexes.
 */
final class IndexQueue {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.store");
    /** Enough to keep the writer busy through a slow commit; each entry holds one header. */
    private static final int CAPACITY = 512;
    /** At most this often, H2 is made to write its commits to the file while instances keep coming. */
    private static final long CHECKPOINT_NANOS = 200_000_000L;
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 30_000;

    /**
     * One instance to index, its file at {@code path}; {@code earlier}: the path indexed for its UID before, or null;
     * {@code knownNew}: no row has its UID, so it is inserted without trying an update first.
     */
    record Put(IndexedInstance instance, String path, String earlier, boolean knownNew) {
        Put(IndexedInstance instance, String path, String earlier) {
            this(instance, path, earlier, earlier == null);
        }

        /** Tried again: the refused attempt may have left a row after all (H2 writes its commits later). */
        Put again() {
            return new Put(instance, path, earlier, false);
        }
    }

    private final IndexDatabase index;
    private final ArchiveLayout layout;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Put> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}: puts added, and puts written (or given up) since the queue began. */
    private long added;
    private long settled;
    /**
     * Guarded by {@link #lock}: puts the index refused (a full disk, say), tried again after a pause that doubles
     * up to {@link #MAX_RETRY_MILLIS}, or at once when a reader comes. They stay pending meanwhile: they are stored.
     */
    private final List<Put> retry = new ArrayList<>();
    private long retryAtNanos;
    private long retryMillis = FIRST_RETRY_MILLIS;
    /**
     * Puts committed since the last checkpoint, which a failing H2 file may lose. Changed by the writer thread only,
     * read under {@link #lock} when it decides how long to wait.
     */
    private final List<Put> unpersisted = new ArrayList<>();
    private long checkpointedAtNanos;
    /** Writer thread only: {@link IndexDatabase#reopenings()} when {@link #unpersisted} was last settled. */
    private long reopeningsSeen;
    /** Guarded by {@link #lock}: a reader wants the committed puts checkpointed; checkpoint rounds done. */
    private boolean checkpointWanted;
    private long checkpointRounds;
    /** Guarded by {@link #lock}. */
    private Thread writer;
    private boolean closed;
    private final Map<String, Put> pending = new ConcurrentHashMap<>();
    /** How often puts the index had lost were taken back into {@link #pending}; they were in neither meanwhile. */
    private final AtomicLong reinstatements = new AtomicLong();

    IndexQueue(IndexDatabase index, ArchiveLayout layout) {
        this.index = index;
        this.layout = layout;
        this.checkpointedAtNanos = System.nanoTime();
        this.reopeningsSeen = index.reopenings();
    }

    /**
     * Queues {@code put}; the caller holds the instance's UID lock, so the puts of one UID are queued, and
     * written, in the order their files were renamed.
     */
    void add(Put put) throws IOException {
        boolean interrupted = false;
        try {
            synchronized (lock) {
                // not interruptible: the file is in place already, and the writer always makes room
                while (queue.size() >= CAPACITY && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (closed) {
                    throw new IOException("the archive is closed");
                }
                if (writer == null) {
                    // first: a writer that cannot start must not leave a put that nobody writes
                    startWriter();
                }
                pending.put(put.instance().sopInstanceUid(), put);
                queue.add(put);
                added++;
                lock.notifyAll();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called with {@link #lock} held; {@link #writer} is set only once the thread runs. */
    private void startWriter() {
        Thread t = new Thread(this::run, "dicomflow-index " + layout.root().getFileName());
        t.setDaemon(true);
        t.start();
        writer = t;
    }

    /**
     * Changes after puts the index lost (H2 closed before writing them) are back in the queue: a lookup made before
     * may have found such a UID in neither the queue nor the index.
     */
    long reinstatements() {
        return reinstatements.get();
    }

    /** The path of a queued instance with this UID (the latest), or null: then the index has the answer. */
    String pendingPath(String sopInstanceUid) {
        Put p = pending.get(sopInstanceUid);
        return p == null ? null : p.path();
    }

    /**
     * Returns once every instance queued before the call has been written to the index, or tried once more if the
     * index refused it before: a query waits for no more than one attempt, so a broken index never blocks it.
     */
    void awaitIndexed() throws IOException {
        synchronized (lock) {
            long target = added;
            while (settled < target) {
                waitOn();
            }
            if (writer != null && !closed && !unpersisted.isEmpty()) {
                // the commits in the file: if writing them fails, they are put again below
                long round = checkpointRounds;
                checkpointWanted = true;
                lock.notifyAll();
                while (checkpointRounds == round && writer != null && !closed) {
                    waitOn();
                }
            }
            // what the index refused, before the call or while it waited, is tried once more
            if (!retry.isEmpty() && !closed) {
                requeueRetries();
                target = added;
                while (settled < target && writer != null) {
                    waitOn();
                }
            }
        }
    }

    /** Writes what is queued, then stops the writer; later {@link #add}s fail. */
    void close() throws IOException {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        while (true) {
            Thread t;
            synchronized (lock) {
                t = writer;
            }
            if (t == null) {
                return;
            }
            try {
                // a writer ended by an Error starts the next one before it goes: join until none is left
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the index was written");
            }
        }
    }

    private void waitOn() throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the index");
        }
    }

    private void run() {
        try {
            writeUntilClosed();
        } finally {
            synchronized (lock) {
                writer = null;
                // an Error ended the loop: what is still queued must not wait forever, nor must its readers
                if (!queue.isEmpty()) {
                    try {
                        startWriter();
                    } catch (RuntimeException | Error e) {
                        LOG.log(System.Logger.Level.ERROR, "the index writer cannot start again; "
                                + queue.size() + " instances are indexed when the archive is next opened", e);
                        settled += queue.size();
                        queue.forEach(p -> pending.remove(p.instance().sopInstanceUid(), p));
                        queue.clear();
                    }
                }
                lock.notifyAll();
            }
        }
    }

    private void writeUntilClosed() {
        while (true) {
            List<Put> batch;
            boolean checkpointNow;
            synchronized (lock) {
                while (queue.isEmpty() && !closed && !checkpointWanted) {
                    long now = System.nanoTime();
                    if (!retry.isEmpty() && now - retryAtNanos >= 0) {
                        requeueRetries();
                        break;
                    }
                    // an idle writer checkpoints what it committed, at most every CHECKPOINT_NANOS
                    long checkpointAt = checkpointedAtNanos + CHECKPOINT_NANOS;
                    if (!unpersisted.isEmpty() && now - checkpointAt >= 0) {
                        checkpointWanted = true;
                        break;
                    }
                    long waitNanos = unpersisted.isEmpty() ? Long.MAX_VALUE : checkpointAt - now;
                    if (!retry.isEmpty()) {
                        waitNanos = Math.min(waitNanos, retryAtNanos - now);
                    }
                    try {
                        lock.wait(waitNanos == Long.MAX_VALUE ? 0 : Math.max(1, waitNanos / 1_000_000));
                    } catch (InterruptedException e) {
                        // only close() ends the writer: the queue must be written
                    }
                }
                if (queue.isEmpty() && closed) {
                    if (!retry.isEmpty()) {
                        LOG.log(System.Logger.Level.ERROR, "closed with " + retry.size() + " stored instances the"
                                + " index refused; they are indexed when the archive is next opened");
                    }
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
                checkpointNow = checkpointWanted;
                checkpointWanted = false;
                lock.notifyAll();
            }
            List<Put> failed = batch;
            try {
                failed = persist(batch, batch.isEmpty() ? List.of() : write(batch), checkpointNow);
            } finally {
                synchronized (lock) {
                    for (Put p : failed) {
                        // tried again unless a later store of the same UID has taken its place
                        if (pending.get(p.instance().sopInstanceUid()) == p) {
                            retry.add(p);
                        }
                    }
                    if (!retry.isEmpty()) {
                        retryAtNanos = System.nanoTime() + retryMillis * 1_000_000;
                        retryMillis = Math.min(MAX_RETRY_MILLIS, 2 * retryMillis);
                    } else {
                        retryMillis = FIRST_RETRY_MILLIS;
                    }
                    settled += batch.size();
                    if (checkpointNow) {
                        checkpointRounds++;
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * Checkpoints when asked ({@code now}), when {@link #CHECKPOINT_NANOS} have passed, or when the index refused
     * something. If the checkpoint fails, the index refused something, or the database was opened again since (H2
     * may have closed it, losing what it had not written), the puts committed since the last checkpoint are
     * written again: the newest of each UID, unless a later store of the UID is pending. Returns the puts to try
     * again.
     */
    private List<Put> persist(List<Put> batch, List<Put> refused, boolean now) {
        List<Put> committed = new ArrayList<>(batch);
        committed.removeAll(refused);
        synchronized (lock) {
            unpersisted.addAll(committed);
        }
        // the database opened again since: H2 had closed it, perhaps with commits of ours not yet in its file
        boolean reopened = index.reopenings() != reopeningsSeen;
        reopeningsSeen = index.reopenings();
        boolean due = now || System.nanoTime() - checkpointedAtNanos >= CHECKPOINT_NANOS;
        if (refused.isEmpty() && !reopened && (!due || unpersisted.isEmpty())) {
            return refused;
        }
        if (refused.isEmpty() && !reopened) {
            try {
                index.checkpoint();
                if (index.reopenings() == reopeningsSeen) {
                    synchronized (lock) {
                        unpersisted.clear();
                    }
                    checkpointedAtNanos = System.nanoTime();
                    return refused;
                }
                // the checkpoint itself opened the database again
                reopeningsSeen = index.reopenings();
                reopened = true;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the index could not write its file; the last "
                        + unpersisted.size() + " instances are written again", e);
            }
        }
        if (reopened) {
            LOG.log(System.Logger.Level.WARNING, "the index was opened again after a failure; the last "
                    + unpersisted.size() + " instances are written again");
        }
        List<Put> again = new ArrayList<>();
        for (int i = unpersisted.size() - 1; i >= 0; i--) {
            Put p = unpersisted.get(i);
            if (pending.putIfAbsent(p.instance().sopInstanceUid(), p) == null) {
                again.add(p);
            }
        }
        Collections.reverse(again);
        if (!again.isEmpty()) {
            reinstatements.incrementAndGet();
        }
        synchronized (lock) {
            unpersisted.clear();
        }
        again.addAll(refused);
        return again;
    }

    /** Called with {@link #lock} held: the refused puts go back into the queue, to be written next. */
    private void requeueRetries() {
        if (writer == null && !retry.isEmpty()) {
            // the writer ended on an Error with nothing queued: the retries need one
            try {
                startWriter();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "the index writer cannot start", e);
                return;
            }
        }
        for (Put p : retry) {
            Put again = p.again();
            // unless a later store of the same UID has taken its place meanwhile
            if (pending.replace(p.instance().sopInstanceUid(), p, again)) {
                queue.add(again);
                added++;
            }
        }
        retry.clear();
        lock.notifyAll();
    }

    /**
     * One transaction for the batch; if it fails, one per instance, so one bad row does not hold back the rest.
     * Returns the puts the index refused.
     */
    private List<Put> write(List<Put> batch) {
        try {
            index.putAll(batch);
            batch.forEach(this::written);
            return List.of();
        } catch (IOException | RuntimeException e) {
            List<Put> failed = new ArrayList<>();
            Exception first = e;
            for (Put p : batch.size() == 1 ? List.<Put>of() : batch) {
                try {
                    index.putAll(List.of(p));
                    written(p);
                } catch (IOException | RuntimeException e1) {
                    failed.add(p);
                    first = e1;
                }
            }
            if (batch.size() == 1) {
                failed.add(batch.get(0));
            }
            if (!failed.isEmpty()) {
                LOG.log(System.Logger.Level.ERROR, "could not index " + failed.size() + " stored instances (the first: "
                        + failed.get(0).path() + "); trying again", first);
            }
            return failed;
        }
    }

    private void written(Put p) {
        pending.remove(p.instance().sopInstanceUid(), p);
    }
}
