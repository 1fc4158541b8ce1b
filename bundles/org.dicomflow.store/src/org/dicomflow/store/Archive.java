package org.dicomflow.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.store.internal.LocalArchive;

/**
 * The node's local archive: instance files under
 * {@code <root>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm} and an index of them (an
 * embedded H2 database in {@code <root>/.dicomflow/}) answering the query browser, C-FIND and retrieve.
 * An instance is either complete on disk, or absent; the files are the truth and the index can always be
 * rebuilt from them ({@link #reindex}). A stored instance is indexed by a background writer, in batches, after
 * its sender has been answered; every query waits for the instances answered before it, so it sees them all. Thread-safe; one process at a time may open an
 * archive (the index database is locked).
 */
public interface Archive extends Closeable {

    /**
     * Opens the archive at {@code root}, creating it if needed, and brings the index in line with the
     * files: removes the {@code .part} leftovers of a crash, indexes files the index lacks, drops rows
     * whose file is gone. What that scan finds is logged.
     *
     * @throws IOException the folder or the index cannot be opened (another process has it open, ...)
     */
    static Archive open(Path root, DuplicatePolicy policy) throws IOException {
        return LocalArchive.open(root, policy, null);
    }

    /** As {@link #open(Path, DuplicatePolicy)}, telling {@code scan} what the opening scan does. */
    static Archive open(Path root, DuplicatePolicy policy, ScanListener scan) throws IOException {
        return LocalArchive.open(root, policy, scan);
    }

    /**
     * Rebuilds the index of the archive at {@code root} from its files and closes it: {@link #reindex} without
     * the scan that opening would do first (it would only repeat the same walk).
     */
    static ScanResult rebuildIndex(Path root, ScanListener progress) throws IOException {
        return LocalArchive.rebuildIndex(root, progress);
    }

    /** The archive's folder (its real path). */
    Path root();

    DuplicatePolicy duplicatePolicy();

    /** Applies to the objects committed from now on. */
    void setDuplicatePolicy(DuplicatePolicy policy);

    /**
     * Stores incoming C-STORE objects (for {@code ServerConfig.withStorage} and the C-GET SCU): streamed to
     * a temporary file, forced to disk, checked (UIDs that are missing or unsafe in a path, or a data set
     * that cannot be read: C000 with an Error Comment, nothing kept), duplicate policy, renamed into place
     * (folder forced) before success is answered, then indexed. A write error (disk full) answers A700 and
     * keeps nothing.
     */
    StorageHandler storageHandler();

    /**
     * As {@link #storageHandler()}, also telling {@code afterStored} of each instance this handler stored
     * (after the archive's listeners, with the same guarantees).
     */
    StorageHandler storageHandler(Consumer<StoredInstance> afterStored);

    /**
     * {@code listener} is told of every instance stored from now on, once it is durable (queries see it), on
     * the storing thread before the sender gets its response: keep it short (queue the work). Whatever it
     * throws is logged and never affects storage.
     */
    void addListener(Consumer<StoredInstance> listener);

    void removeListener(Consumer<StoredInstance> listener);

    /**
     * Rebuilds the index from the files: drops and recreates the tables and indexes every {@code .dcm}
     * under the root (not {@code .dicomflow}); files that cannot be indexed are reported and skipped.
     * Stores wait while it runs.
     */
    ScanResult reindex(ScanListener progress) throws IOException;

    /** Every study with its patient, newest first. */
    List<StudyRecord> studies() throws IOException;

    /** The series of a study, by series number; empty if the study is unknown. */
    List<SeriesRecord> series(String studyInstanceUid) throws IOException;

    /** The instances of a series, by instance number; empty if the series is unknown. */
    List<InstanceRecord> instances(String seriesInstanceUid) throws IOException;

    Optional<InstanceRecord> instance(String sopInstanceUid) throws IOException;

    /**
     * C-FIND: gives each response identifier to {@code onMatch}, until it returns false (C-CANCEL). The
     * identifier's Query/Retrieve Level (0008,0052) gives the level. See {@code internal.FindQuery} for
     * the matching supported.
     *
     * @throws org.dicomflow.net.DimseStatusException A900 when the level is missing or not in {@code model},
     *         or a key cannot be read
     * @throws IOException the index failed
     */
    void find(InformationModel model, DataSet identifier, FindOptions options, Predicate<DataSet> onMatch)
            throws IOException;

    /** C-FIND with all responses in a list. */
    List<DataSet> find(InformationModel model, DataSet identifier, FindOptions options) throws IOException;

    /**
     * The instances a C-MOVE or C-GET with {@code identifier} retrieves: matched on the unique keys of the
     * levels down to its Query/Retrieve Level (single values or lists, Patient ID in the patient root
     * model). Send them with {@code org.dicomflow.net.DicomFile.scan(record.path())}.
     *
     * @throws org.dicomflow.net.DimseStatusException A900 when the level or its unique key is missing
     */
    List<InstanceRecord> instancesFor(InformationModel model, DataSet identifier) throws IOException;

    /** Closes the index; stores still running fail with A700. */
    @Override
    void close() throws IOException;
}
