package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Basic Profile over every well-formed real test file, checked against the standard's table read here. */
class RealFilesBasicProfileTest {

    private static final Anonymizer ANONYMIZER = new AnnexEAnonymizer();
    private static final AnonymizationContext CONTEXT = TestData.context();
    private static final Set<Integer> REMOVE = new HashSet<>();
    private static final Set<Integer> ZERO = new HashSet<>();
    private static final Set<Integer> DUMMY = new HashSet<>();
    private static final Set<Integer> UID = new HashSet<>();
    private static boolean dcmdumpAvailable;

    @TempDir
    Path out;

    static List<Path> files() throws IOException {
        return TestData.wellFormedFiles();
    }

    @BeforeAll
    static void readTable() throws Exception {
        for (Map<String, Object> row : TestData.profileRows()) {
            int tag = TestData.exactTag((String) row.get("tag"));
            String basic = (String) row.get("basicProfile");
            if (tag == -1) {
                continue; // masks and private rows are checked by rule below
            }
            switch (basic) {
            case "X" -> REMOVE.add(tag);
            case "Z" -> ZERO.add(tag);
            case "D" -> DUMMY.add(tag);
            case "U" -> UID.add(tag);
            default -> {
            }
            }
        }
        // set by PS3.15 E.1.1 itself, or from the pseudonym, after the table
        ZERO.remove(Tag.PatientName);
        try {
            Process p = new ProcessBuilder("dcmdump", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            dcmdumpAvailable = p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            dcmdumpAvailable = false;
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void basicProfile(Path file) throws Exception {
        DataSet original;
        try (DicomReader r = new DicomReader(file).withOptions(ReadOptions.DEFAULT)) {
            original = r.readDataSet();
        } catch (DicomFormatException e) {
            // a file the core refuses (deliberately broken test files) is a clear per-file error, nothing written
            assertThrows(DicomFormatException.class, () -> AnonymizeFile.run(file, out, ANONYMIZER, CONTEXT));
            return;
        }
        if (!original.contains(Tag.StudyInstanceUID) || !original.contains(Tag.SeriesInstanceUID)
                || !original.contains(Tag.SOPInstanceUID)) {
            // DICOMDIRs, palettes, fragments: no place in the <study>/<series>/<instance> layout
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AnonymizeFile.run(file, out, ANONYMIZER, CONTEXT));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
            return;
        }
        AnonymizedFile result = AnonymizeFile.run(file, out, ANONYMIZER, CONTEXT);
        assertTrue(result.output().startsWith(out.resolve(result.studyInstanceUid()).resolve(result.seriesInstanceUid())));

        DataSet anon;
        try (DicomReader r = new DicomReader(result.output()).withOptions(ReadOptions.DEFAULT)) {
            anon = r.readDataSet();
            assertEquals(result.sopInstanceUid(), r.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        }
        List<String> problems = new ArrayList<>();
        checkNothingRemovableLeft(anon, "", problems);
        checkTopLevelActions(original, anon, problems);
        assertTrue(problems.isEmpty(), file + ": " + problems);

        assertEquals("YES", anon.getString(Tag.PatientIdentityRemoved));
        assertEquals("REMOVED", anon.getString(Tag.LongitudinalTemporalInformationModified));
        Sequence codes = anon.getSequence(Tag.DeidentificationMethodCodeSequence);
        assertEquals(1, codes.size());
        assertEquals("113100", codes.get(0).getString(Tag.CodeValue));
        assertEquals(CONTEXT.pseudonymFor(original.getString(Tag.PatientID, "")).patientId(), anon.getString(Tag.PatientID));

        assertPixelDataIdentical(original, anon, file);
        dcmdumpAccepts(result.output());
    }

    private static void checkNothingRemovableLeft(DataSet ds, String path, List<String> problems) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            int group = tag >>> 16;
            String where = path + Tag.toString(tag);
            if (REMOVE.contains(tag)) {
                problems.add(where + " has action X but remains");
            }
            if (Tag.isPrivate(tag)) {
                problems.add(where + " is private but remains");
            }
            if ((group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000 && ((tag & 0xFFFF) == 0x3000 || (tag & 0xFFFF) == 0x4000)) {
                problems.add(where + " is curve or overlay data/comments but remains");
            }
            if (ds.valueAt(i) instanceof Sequence s) {
                for (int k = 0; k < s.size(); k++) {
                    checkNothingRemovableLeft(s.get(k), where + "[" + k + "].", problems);
                }
            }
        }
    }

    private static void checkTopLevelActions(DataSet original, DataSet anon, List<String> problems) {
        for (int i = 0; i < original.size(); i++) {
            int tag = original.tagAt(i);
            Object before = original.valueAt(i);
            if (before == null || before instanceof Sequence || Tag.group(tag) == 0x0002
                    || !(ZERO.contains(tag) || DUMMY.contains(tag) || UID.contains(tag))) {
                continue;
            }
            String was = String.join("\\", original.getStrings(tag));
            if (ZERO.contains(tag) && anon.value(tag) != null) {
                problems.add(Tag.toString(tag) + " has action Z but holds " + anon.getString(tag));
            }
            if (DUMMY.contains(tag) && anon.contains(tag) && anon.value(tag) != null
                    && was.equals(String.join("\\", anon.getStrings(tag))) && !was.isBlank()) {
                problems.add(Tag.toString(tag) + " has action D but kept " + was);
            }
            if (UID.contains(tag) && !was.isBlank()) {
                for (String uid : anon.getStrings(tag)) {
                    if (!AnonymizationContext.isWellKnownUid(uid) && (!uid.startsWith("2.25.") || was.contains(uid))) {
                        problems.add(Tag.toString(tag) + " has action U but holds " + uid);
                    }
                }
            }
        }
    }

    static void assertPixelDataIdentical(DataSet original, DataSet anon, Path file) throws IOException {
        Object a = original.value(Tag.PixelData);
        Object b = anon.value(Tag.PixelData);
        if (a == null) {
            assertEquals(null, b, file + ": pixel data appeared");
            return;
        }
        if (a instanceof Fragments fa) {
            Fragments fb = (Fragments) b;
            assertEquals(fa.size(), fb.size(), file + ": fragment count");
            for (int k = 0; k < fa.size(); k++) {
                assertArrayEquals(bytes(fa.get(k)), bytes(fb.get(k)), file + ": fragment " + k);
            }
        } else {
            assertArrayEquals(bytes(a), bytes(b), file + ": pixel data");
        }
    }

    private static byte[] bytes(Object v) throws IOException {
        if (v instanceof BulkData bd) {
            return bd.load();
        }
        if (v instanceof byte[] b) {
            return b;
        }
        fail("unexpected pixel data value " + v);
        return null;
    }

    static void dcmdumpAccepts(Path dcm) throws Exception {
        if (!dcmdumpAvailable) {
            assertFalse("true".equals(System.getenv("CI")), "dcmdump (dcmtk) is required on CI");
            Assumptions.assumeTrue(false, "dcmdump not installed");
        }
        Process p = new ProcessBuilder("dcmdump", "-q", dcm.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "dcmdump on " + dcm + ":\n" + output);
        assertNotEquals(null, output);
    }
}
