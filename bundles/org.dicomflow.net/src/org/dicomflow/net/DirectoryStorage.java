package org.dicomflow.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.dicomflow.dicom.UID;

/**
 * Stores each received object as {@code <dir>/<SOPInstanceUID>.dcm}, a Part 10 file whose data set is
 * the bytes as received. The file is written as {@code <dir>/.<uid>.<n>.part} ({@link PartFile}), forced to
 * disk and renamed into place atomically: an instance is either complete or absent. A later object with the
 * same UID replaces the earlier one.
 * <p>
 * By default each object is durable before success is answered, as a C-STORE SCP must be: the sender may
 * delete what it sent. {@link #durableOnFinish(Path)} suits a C-GET, whose source keeps every instance: an object
 * is answered once written, and a thread of the storage's own forces and renames it meanwhile, so the two forces
 * per object (file, folder) no longer hold up the transfer; {@link #finish()} returns once every object answered
 * is durable under its name. Either way a file appears under its name only once its content is on disk.
 */
public final class DirectoryStorage implements StorageHandler {
    /** Made before it is needed: it may be needed when nothing more can be allocated. */
    private static final String OUT_OF_MEMORY = "objects not kept: out of memory while forcing them";
    /** Objects answered but not yet forced, at most: each holds its write buffer until then. */
    private static final int BACKLOG = 64;

    private final Path directory;
    private final AtomicLong parts = new AtomicLong(System.nanoTime());
    /** Null when each object is made durable before its response. */
    private final Durability durability;

    public DirectoryStorage(Path directory) throws IOException {
        this(directory, false);
    }

    private DirectoryStorage(Path directory, boolean deferred) throws IOException {
        this.directory = Files.createDirectories(directory).toRealPath();
        this.durability = deferred ? new Durability() : null;
    }

    /**
     * A storage that answers each object once it is written and makes it durable on a thread of its own; call
     * {@link #finish()} at the end. For a C-GET: its source keeps what it sent, so a crash before {@link #finish()}
     * costs a retrieve again, not an image. Until then an object not yet durable is a {@code .part} file.
     */
    public static DirectoryStorage durableOnFinish(Path directory) throws IOException {
        return new DirectoryStorage(directory, true);
    }

    public Path directory() {
        return directory;
    }

    /** Where the object with this UID is stored; the UID must be valid (digits and dots). */
    public Path fileFor(String sopInstanceUid) {
        return directory.resolve(requireValid(sopInstanceUid) + ".dcm");
    }

    private static String requireValid(String uid) {
        if (uid == null || !UID.isValid(uid)) {
            throw new IllegalArgumentException("not a valid UID: " + uid);
        }
        return uid;
    }

    /**
     * Returns once every object answered so far is forced, renamed into place and its folder forced; the objects
     * that could not be made durable (each "UID: reason"), which are not kept. Immediate without
     * {@link #durableOnFinish(Path)}: there each object was durable before its response. The storage can go on
     * receiving afterwards.
     */
    public List<String> finish() throws InterruptedIOException {
        return durability == null ? List.of() : durability.finish();
    }

    @Override
    public StoreTarget open(StoreRequest request) throws IOException {
        String iuid = request.sopInstanceUid();
        if (iuid == null || !UID.isValid(iuid)) {
            // checked before it touches a path: a UID like "../../x" must not name a file outside
            throw new DimseStatusException(DimseStatus.CANNOT_UNDERSTAND, "invalid SOP Instance UID");
        }
        // unique: the same instance may arrive twice while the first is still being received or forced
        PartFile part = PartFile.create(directory.resolve("." + iuid + "." + Long.toHexString(parts.incrementAndGet())
                + ".part"), request);
        Path target = directory.resolve(iuid + ".dcm");
        return new StoreTarget() {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                part.write(buf, off, len);
            }

            @Override
            public DimseStatus commit() throws IOException {
                if (durability != null) {
                    durability.add(new Written(iuid, part, target));
                    return DimseStatus.SUCCESS;
                }
                try {
                    part.force();
                    part.moveTo(target);
                } catch (IOException e) {
                    part.discard();
                    throw e;
                }
                return DimseStatus.SUCCESS;
            }

            @Override
            public void discard() {
                part.discard();
            }
        };
    }

    /** An object answered, to be made durable. */
    private record Written(String sopInstanceUid, PartFile part, Path target) {
    }

    /**
     * The thread that forces and renames answered objects, one at a time in the order answered, started when the
     * first arrives and ending when the backlog is empty. A full backlog holds the next response back.
     */
    private final class Durability {
        private final BlockingQueue<Written> backlog = new ArrayBlockingQueue<>(BACKLOG);
        private final Object lock = new Object();
        /** Guarded by {@link #lock}. */
        private int unsettled;
        private boolean running;
        private boolean renamed;
        private final List<String> failures = new ArrayList<>();
        /** A failure whose reason could not even be listed (out of memory). */
        private boolean reasonLost;

        void add(Written w) throws InterruptedIOException {
            synchronized (lock) {
                unsettled++;
            }
            try {
                backlog.put(w);
            } catch (InterruptedException e) {
                w.part().discard();
                settled(w, new InterruptedIOException("interrupted before it was forced"));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while objects were being forced to disk");
            }
            boolean start;
            synchronized (lock) {
                start = !running;
                running = true;
            }
            if (start) {
                try {
                    Thread t = new Thread(this::run, "dicomflow-durability " + directory.getFileName());
                    t.setDaemon(true);
                    t.start();
                } catch (RuntimeException | Error e) {
                    // no thread to be had (out of memory, say): force here, as the storage that waits for it does
                    run();
                }
            }
        }

        private void run() {
            boolean drained = false;
            try {
                while (true) {
                    Written w;
                    synchronized (lock) {
                        w = backlog.poll();
                        if (w == null) {
                            running = false;
                            drained = true;
                            lock.notifyAll();
                            return;
                        }
                    }
                    Throwable failure = null;
                    try {
                        w.part().force();
                        w.part().renameTo(w.target());
                    } catch (IOException | RuntimeException | Error e) {
                        // an Error too: finish() must not wait forever for an object this thread will never settle
                        failure = e;
                        w.part().discard();
                    } finally {
                        settled(w, failure);
                    }
                }
            } finally {
                if (!drained) {
                    // ended by an Error (out of memory while discarding, say): what waits is given up and reported,
                    // so finish() returns, and the next object starts a thread again
                    synchronized (lock) {
                        running = false;
                        for (Written left; (left = backlog.poll()) != null;) {
                            left.part().discard();
                            unsettled--;
                            reasonLost = true;
                        }
                        lock.notifyAll();
                    }
                }
            }
        }

        /**
         * Counts the object settled and its failure, if any. Out of memory, finish() must still learn that it is
         * settled and that something was not kept, so nothing that allocates may stand in the way of the count.
         */
        private void settled(Written w, Throwable failure) {
            String reason = null;
            if (failure != null) {
                try {
                    reason = w.sopInstanceUid() + ": " + failure;
                } catch (Error e) {
                    reason = OUT_OF_MEMORY;
                }
            }
            synchronized (lock) {
                unsettled--;
                renamed |= failure == null;
                if (reason != null) {
                    try {
                        failures.add(reason);
                    } catch (Error e) {
                        reasonLost = true;
                    }
                }
                lock.notifyAll();
            }
        }

        List<String> finish() throws InterruptedIOException {
            synchronized (lock) {
                while (unsettled > 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while objects were being forced to disk");
                    }
                }
                if (renamed) {
                    // the renames themselves: one force of the folder for all of them
                    PartFile.forceDirectory(directory);
                    renamed = false;
                }
                if (reasonLost) {
                    failures.add(OUT_OF_MEMORY);
                    reasonLost = false;
                }
                List<String> failed = List.copyOf(failures);
                failures.clear();
                return failed;
            }
        }
    }
}
