package org.dicomflow.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.store.Archive;
import org.dicomflow.store.DuplicatePolicy;
import org.dicomflow.store.FindOptions;
import org.dicomflow.store.InformationModel;
import org.dicomflow.store.InstanceRecord;
import org.dicomflow.store.ScanListener;
import org.dicomflow.store.ScanResult;
import org.dicomflow.store.SeriesRecord;
import org.dicomflow.store.StoredInstance;
import org.dicomflow.store.StudyRecord;

/** The {@link Archive} on a local folder. */
public final class LocalArchive implements Archive {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.store");
    /**
     * Roots open in this JVM. H2 locks the database against other processes but lets this one connect twice,
     * and two archives on one root would not serialize their stores of the same instance.
     */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ArchiveLayout layout;
    private final IndexDatabase index;
    private final IndexQueue indexQueue;
    /** Shared by every store and query; exclusive for a reindex, which empties the tables. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private final List<Consumer<StoredInstance>> listeners = new CopyOnWriteArrayList<>();
    private final ArchiveStorage storage;
    private final StorageHandler storageHandler;
    private volatile DuplicatePolicy policy;
    private boolean closed;

    private LocalArchive(ArchiveLayout layout, IndexDatabase index, DuplicatePolicy policy) {
        this.layout = layout;
        this.index = index;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.indexQueue = new IndexQueue(index, layout);
        this.storage = new ArchiveStorage(layout, index, indexQueue, () -> this.policy, use.readLock());
        this.storageHandler = storage.handler(this::tellListeners);
    }

    /** Opens the archive and runs the recovery scan; {@code scan} null logs what it finds. */
    public static LocalArchive open(Path root, DuplicatePolicy policy, ScanListener scan) throws IOException {
        LocalArchive archive = openUnscanned(root, policy);
        ArchiveLayout layout = archive.layout;
        IndexDatabase index = archive.index;
        try {
            ScanResult result = ArchiveScan.alone(layout, index, scan != null ? scan : new LoggingScanListener()).run();
            LOG.log(System.Logger.Level.INFO, "archive {0} opened: {1} files indexed, {2} skipped, {3} leftovers removed",
                    layout.root(), result.indexed(), result.skipped(), result.removed());
            return archive;
        } catch (IOException | RuntimeException e) {
            index.close();
            OPEN.remove(layout.root());
            throw e;
        }
    }

    /** Rebuilds the index of the archive at {@code root} with one scan (none on opening first), then closes it. */
    public static ScanResult rebuildIndex(Path root, ScanListener progress) throws IOException {
        try (LocalArchive archive = openUnscanned(root, DuplicatePolicy.KEEP_FIRST)) {
            // nothing is being received into it: .part files are a crash's leftovers
            return archive.reindex(progress, true);
        }
    }

    /** Takes the root for this JVM and opens the index; the files are not looked at. */
    private static LocalArchive openUnscanned(Path root, DuplicatePolicy policy) throws IOException {
        ArchiveLayout layout = new ArchiveLayout(root);
        if (!OPEN.add(layout.root())) {
            throw new IOException("the archive " + layout.root() + " is open already");
        }
        IndexDatabase index;
        try {
            index = IndexDatabase.open(layout.indexDatabase());
        } catch (IOException | RuntimeException e) {
            OPEN.remove(layout.root());
            throw e;
        }
        return new LocalArchive(layout, index, policy);
    }

    /** Logs the opening scan: a skipped file is worth a warning, the rest is routine. */
    private static final class LoggingScanListener implements ScanListener {
        @Override
        public void skipped(Path file, String reason) {
            LOG.log(System.Logger.Level.WARNING, "not indexed: {0}: {1}", file, reason);
        }

        @Override
        public void removed(Path file) {
            LOG.log(System.Logger.Level.INFO, "removed leftover {0}", file);
        }
    }

    private void tellListeners(StoredInstance instance) {
        for (Consumer<StoredInstance> l : listeners) {
            tell(l, instance);
        }
    }

    /** A failing listener is logged; it never reaches the store, which has succeeded already. */
    private static void tell(Consumer<StoredInstance> listener, StoredInstance instance) {
        try {
            listener.accept(instance);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "listener " + listener + " failed on " + instance.sopInstanceUid(), e);
        }
    }

    @Override
    public Path root() {
        return layout.root();
    }

    @Override
    public DuplicatePolicy duplicatePolicy() {
        return policy;
    }

    @Override
    public void setDuplicatePolicy(DuplicatePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public StorageHandler storageHandler() {
        return storageHandler;
    }

    @Override
    public StorageHandler storageHandler(Consumer<StoredInstance> afterStored) {
        Objects.requireNonNull(afterStored);
        return storage.handler(stored -> {
            tellListeners(stored);
            tell(afterStored, stored);
        });
    }

    @Override
    public void addListener(Consumer<StoredInstance> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void removeListener(Consumer<StoredInstance> listener) {
        listeners.remove(listener);
    }

    @Override
    public ScanResult reindex(ScanListener progress) throws IOException {
        return reindex(progress, false);
    }

    /** @param alone nothing can be storing into the archive, so {@code .part} files are leftovers to remove */
    private ScanResult reindex(ScanListener progress, boolean alone) throws IOException {
        Lock exclusive = use.writeLock();
        exclusive.lock();
        try {
            // stores wait on the lock; what they queued before must not land in the new tables after the scan
            indexQueue.awaitIndexed();
            index.write(c -> {
                IndexSchema.recreate(c);
                return null;
            });
            storage.indexRebuilt();
            ScanListener listener = progress != null ? progress : new ScanListener() { };
            return (alone ? ArchiveScan.alone(layout, index, listener) : ArchiveScan.whileReceiving(layout, index, listener))
                    .run();
        } finally {
            exclusive.unlock();
        }
    }

    @Override
    public List<StudyRecord> studies() throws IOException {
        return read(IndexListings::studies);
    }

    @Override
    public List<SeriesRecord> series(String studyInstanceUid) throws IOException {
        return read(c -> IndexListings.series(c, studyInstanceUid));
    }

    @Override
    public List<InstanceRecord> instances(String seriesInstanceUid) throws IOException {
        return read(c -> IndexListings.instances(c, seriesInstanceUid, layout.root()));
    }

    @Override
    public Optional<InstanceRecord> instance(String sopInstanceUid) throws IOException {
        return Optional.ofNullable(read(c -> IndexListings.instance(c, sopInstanceUid, layout.root())));
    }

    @Override
    public void find(InformationModel model, DataSet identifier, FindOptions options, Predicate<DataSet> onMatch)
            throws IOException {
        FindQuery query = FindQuery.of(model, identifier, options != null ? options : FindOptions.DEFAULT);
        read(c -> {
            query.find(c, onMatch);
            return null;
        });
    }

    @Override
    public List<DataSet> find(InformationModel model, DataSet identifier, FindOptions options) throws IOException {
        List<DataSet> all = new ArrayList<>();
        find(model, identifier, options, all::add);
        return all;
    }

    @Override
    public List<InstanceRecord> instancesFor(InformationModel model, DataSet identifier) throws IOException {
        FindQuery query = FindQuery.forRetrieve(model, identifier);
        return read(c -> query.instances(c, layout.root()));
    }

    /** Runs a query under the shared lock, once every instance answered before it is in the index. */
    private <T> T read(IndexDatabase.SqlWork<T> work) throws IOException {
        indexQueue.awaitIndexed();
        Lock shared = use.readLock();
        shared.lock();
        try {
            return index.read(work);
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void close() {
        Lock exclusive = use.writeLock();
        exclusive.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    indexQueue.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "closed before the index was written; the next open indexes the rest", e);
                }
                index.close();
                OPEN.remove(layout.root());
            }
        } finally {
            exclusive.unlock();
        }
    }
}
