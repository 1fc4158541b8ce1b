package org.dicomflow.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.dicomflow.net.PartFile;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreTarget;
import org.dicomflow.store.DuplicatePolicy;
import org.dicomflow.store.StoredInstance;

/**
 * Receives C-STORE objects into the archive. Each object streams into its own {@code .part} file under
 * {@code .dicomflow/incoming} (meta information first); once complete it is forced to disk, its header is
 * read for the UIDs and index values, the duplicate policy applies, the file is renamed into place and its
 * folder forced. Then the sender gets success, and the instance goes to the {@link IndexQueue}: an instance is
 * either durable, or absent, and every query made after its response sees it.
 *
 * <p>If the index cannot take the instance, the file stays (it has been answered) and is indexed when the
 * archive is next opened or reindexed. A copy replaced under other study or series UIDs is deleted right after
 * the new one is queued: until the queue is written the index names a missing file, but every query waits for
 * the queue, and a crash in between leaves a row the opening scan drops and a file it indexes.
 */
final class ArchiveStorage {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.store");

    private final ArchiveLayout layout;
    private final IndexDatabase index;
    private final IndexQueue queue;
    private final Supplier<DuplicatePolicy> policy;
    private final Lock sharedUse;
    private final UidLocks uidLocks = new UidLocks();
    /** How often a reindex rebuilt the tables. */
    private final AtomicLong rebuilds = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());

    /** @param sharedUse held while an object is committed (a reindex takes the exclusive side) */
    ArchiveStorage(ArchiveLayout layout, IndexDatabase index, IndexQueue queue, Supplier<DuplicatePolicy> policy,
            Lock sharedUse) {
        this.layout = layout;
        this.index = index;
        this.queue = queue;
        this.policy = policy;
        this.sharedUse = sharedUse;
    }

    /**
     * A handler storing into this archive; every handler shares the per-UID serialization.
     *
     * @param afterStored told of each instance the handler stored; must not throw
     */
    StorageHandler handler(Consumer<StoredInstance> afterStored) {
        return request -> open(request, afterStored);
    }

    private StoreTarget open(StoreRequest request, Consumer<StoredInstance> afterStored) throws IOException {
        String iuid = request.sopInstanceUid();
        if (!ArchiveLayout.isSafeUid(iuid)) {
            throw refusal(request, DimseStatus.CANNOT_UNDERSTAND, "invalid SOP Instance UID");
        }
        DuplicatePolicy p = policy.get();
        Absent absent = null;
        if (p != DuplicatePolicy.REPLACE) {
            // counted before the lookup: an instance put in place after it changes the counts
            Absent seen = new Absent(uidLocks.placedCount(iuid), rebuilds.get(), queue.reinstatements());
            if (isStored(iuid)) {
                // known already: spare the disk the bytes (the check is repeated at commit, where it counts)
                if (p == DuplicatePolicy.REJECT) {
                    throw refusal(request, DimseStatus.DUPLICATE_SOP_INSTANCE, "duplicate SOP instance " + iuid);
                }
                return new KeptFirst(request);
            }
            absent = seen;
        }
        // unique name: the same instance may arrive on several associations at once
        Path partPath = layout.incoming().resolve(iuid + "." + Long.toHexString(sequence.incrementAndGet())
                + ArchiveLayout.PART_SUFFIX);
        PartFile part;
        try {
            part = PartFile.create(partPath, request);
        } catch (IOException e) {
            throw notKept(request, e);
        }
        return new Incoming(part, request, afterStored, absent);
    }

    /**
     * That a UID was found neither in the index nor in the queue, with the counts that were current before the
     * lookup: while they are unchanged, it still holds. Counted: instances put in place (per stripe of UIDs),
     * reindexes, and puts the index queue took back after the index lost them (they were in neither place
     * meanwhile).
     */
    private record Absent(long placedCount, long rebuilds, long reinstatements) {
    }

    /** Called by a reindex, under the exclusive lock: the tables are rebuilt, absences found before do not hold. */
    void indexRebuilt() {
        rebuilds.incrementAndGet();
    }

    private boolean isStored(String iuid) throws IOException {
        sharedUse.lock();
        try {
            return storedPath(iuid) != null;
        } finally {
            sharedUse.unlock();
        }
    }

    /** Where the instance with this UID is stored, or null. */
    private String storedPath(String iuid) throws IOException {
        // the queue first: it hands an instance to the index before it forgets it
        String queued = queue.pendingPath(iuid);
        return queued != null ? queued : index.read(c -> IndexUpdates.pathOf(c, iuid));
    }

    /**
     * Logs why an object could not be written (a full disk, ...) and returns {@code e}: the sender only sees
     * A700, the operator needs the cause.
     */
    private static IOException notKept(StoreRequest request, IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not store {0} from {1}: {2}", request.sopInstanceUid(),
                request.callingAeTitle(), e.getMessage());
        return e;
    }

    private static DimseStatusException refusal(StoreRequest request, DimseStatus status, String why) {
        LOG.log(System.Logger.Level.WARNING, "refused {0} from {1}: {2}", request.sopInstanceUid(),
                request.callingAeTitle(), why);
        return new DimseStatusException(status, why);
    }

    /** A duplicate under KEEP_FIRST: the bytes are dropped and the sender warned. */
    private static final class KeptFirst implements StoreTarget {
        private final StoreRequest request;

        KeptFirst(StoreRequest request) {
            this.request = request;
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            // dropped
        }

        @Override
        public DimseStatus commit() {
            LOG.log(System.Logger.Level.INFO, "kept the stored copy of {0}, dropped the one from {1}",
                    request.sopInstanceUid(), request.callingAeTitle());
            return DimseStatus.ELEMENTS_DISCARDED;
        }

        @Override
        public void discard() {
            // nothing kept
        }
    }

    /** One object being received into its part file. */
    private final class Incoming implements StoreTarget {
        private final PartFile part;
        private final StoreRequest request;
        private final Consumer<StoredInstance> afterStored;
        /** Null unless the UID was looked up, and found absent, when the object began to arrive. */
        private final Absent absent;

        Incoming(PartFile part, StoreRequest request, Consumer<StoredInstance> afterStored, Absent absent) {
            this.part = part;
            this.request = request;
            this.afterStored = afterStored;
            this.absent = absent;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            try {
                part.write(buf, off, len);
            } catch (IOException e) {
                throw notKept(request, e);
            }
        }

        @Override
        public DimseStatus commit() throws IOException {
            StoredInstance stored;
            sharedUse.lock();
            try {
                try {
                    part.force();
                } catch (IOException e) {
                    // where delayed allocation reports a full disk
                    throw notKept(request, e);
                }
                IndexedInstance instance = readHeader();
                Path target = layout.instanceFile(instance.studyInstanceUid(), instance.seriesInstanceUid(),
                        instance.sopInstanceUid());
                layout.createDirectories(target.getParent());
                String path = layout.relative(target);
                Lock uidLock = uidLocks.lockFor(instance.sopInstanceUid());
                uidLock.lock();
                try {
                    // nothing put in place since the UID was found absent: spare the lookup
                    boolean stillAbsent = absent != null && absent.equals(new Absent(
                            uidLocks.placedCount(instance.sopInstanceUid()), rebuilds.get(), queue.reinstatements()));
                    String earlier = stillAbsent ? null : storedPath(instance.sopInstanceUid());
                    DuplicatePolicy p = policy.get();
                    if (earlier != null && p != DuplicatePolicy.REPLACE) {
                        part.discard();
                        if (p == DuplicatePolicy.REJECT) {
                            throw refusal(request, DimseStatus.DUPLICATE_SOP_INSTANCE,
                                    "duplicate SOP instance " + instance.sopInstanceUid());
                        }
                        return new KeptFirst(request).commit();
                    }
                    part.moveTo(target);
                    try {
                        queue.add(new IndexQueue.Put(instance, path, earlier));
                    } finally {
                        // after the put is queued: a lookup that missed it read the count before this change
                        uidLocks.placed(instance.sopInstanceUid());
                    }
                    if (earlier != null && !earlier.equals(path)) {
                        // replaced by a copy filed under other study or series UIDs; deleted here, under the UID's
                        // lock, since a later store of the UID may rename its file over the earlier path
                        try {
                            layout.delete(layout.resolve(earlier));
                        } catch (IOException e) {
                            // stored all the same; the opening scan reports the earlier file as a second copy of the UID
                            LOG.log(System.Logger.Level.WARNING, "could not delete the replaced " + earlier, e);
                        }
                    }
                } finally {
                    uidLock.unlock();
                }
                stored = new StoredInstance(target, instance.fileSize(), instance.get(IndexedAttribute.TRANSFER_SYNTAX_UID),
                        instance.get(IndexedAttribute.SOP_CLASS_UID), instance.sopInstanceUid(),
                        instance.seriesInstanceUid(), instance.studyInstanceUid(),
                        instance.get(IndexedAttribute.PATIENT_ID), instance.get(IndexedAttribute.PATIENT_NAME),
                        request.callingAeTitle(), instance.header());
            } catch (IOException | RuntimeException e) {
                part.discard();
                throw e;
            } finally {
                sharedUse.unlock();
            }
            afterStored.accept(stored);
            return DimseStatus.SUCCESS;
        }

        /** The header of the complete part file, refused (C000, with the reason) unless it can be archived. */
        private IndexedInstance readHeader() throws IOException {
            IndexedInstance instance;
            try {
                instance = IndexedInstance.read(part.path(), part.content());
            } catch (IOException e) {
                throw refusal(request, DimseStatus.CANNOT_UNDERSTAND, "unreadable data set: " + e.getMessage());
            }
            String problem = instance.problem();
            if (problem == null && !instance.sopInstanceUid().equals(request.sopInstanceUid())) {
                // the file is named and indexed by one UID: the command's and the data set's must agree
                problem = "SOP Instance UID of the data set differs from the command's";
            }
            if (problem != null) {
                throw refusal(request, DimseStatus.CANNOT_UNDERSTAND, problem);
            }
            return instance;
        }

        @Override
        public void discard() {
            part.discard();
        }
    }
}
