package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our C-FIND SCU and dcmtk's findscu ask one dcmqrscp archive the same questions and must get the same answers;
 * {@link StudyQuery} and {@link StudyResult} are checked against what dcmdump shows of the stored files.
 */
class FindscuComparisonTest {
    private static final String AE = "QRSCP";
    /** Study-level return keys, as a study list asks for them. */
    private static final List<String> STUDY_KEYS = List.of("PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "StudyInstanceUID", "StudyDate", "StudyTime", "StudyDescription", "AccessionNumber", "ModalitiesInStudy",
            "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances");
    private static final String CR_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.1";
    private static final String CT_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1";
    private static final String CT_SERIES = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2";
    private static final String MR_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";

    @TempDir
    static Path dir;
    private static PeerProcess dcmqrscp;
    private static int port;
    private static Map<String, QueryArchive.Study> archive;

    @BeforeAll
    static void loadArchive() throws Exception {
        List<Path> files = QueryArchive.files(dir.resolve("edited"));
        archive = QueryArchive.studies(files, dir);
        port = FreePort.find();
        dcmqrscp = Peers.dcmqrscp(AE, port, dir.resolve("qr"), 100);
        QueryArchive.storeWithStorescu(files, AE, port, dir);
    }

    @AfterAll
    static void stop() {
        if (dcmqrscp != null) {
            dcmqrscp.close();
        }
    }

    private static Arguments study(String name, String... matchingKeys) {
        List<String> keys = new ArrayList<>(List.of("QueryRetrieveLevel=STUDY"));
        keys.addAll(STUDY_KEYS);
        keys.addAll(List.of(matchingKeys));
        return Arguments.of(name, false, keys);
    }

    private static Arguments keys(String name, boolean patientRoot, String... keys) {
        return Arguments.of(name, patientRoot, List.of(keys));
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                study("every study"),
                study("patient name with *", "PatientName=Doe*"),
                study("patient name with ?", "PatientName=Ro?^J*"),
                study("patient ID", "PatientID=98890234"),
                study("patient ID with *", "PatientID=DF-*"),
                study("exact study date", "StudyDate=20010101"),
                study("date range with an old YYYY.MM.DD date in it", "StudyDate=19950601-20010101"),
                study("date range, ends on study dates", "StudyDate=20200229-20201231"),
                study("open range from a date", "StudyDate=20200301-"),
                study("open range up to a date", "StudyDate=-19951231"),
                study("study time range", "StudyTime=080000-120000"),
                study("accession number", "AccessionNumber=ACC-2"),
                study("accession number with *", "AccessionNumber=ACC-2*"),
                study("UID list", "StudyInstanceUID=" + CR_STUDY + "\\" + CT_STUDY + "\\1.2.3.4"),
                study("modalities in study", "ModalitiesInStudy=CT"),
                study("name and date range", "PatientName=Doe*", "StudyDate=20010101-20011231"),
                study("nothing matches", "PatientName=Nobody*"),
                keys("series of a study", false, "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + CR_STUDY,
                        "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription"),
                keys("series by modality", false, "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + MR_STUDY,
                        "Modality=MR", "SeriesInstanceUID", "SeriesNumber"),
                keys("images of a series", false, "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + CT_STUDY,
                        "SeriesInstanceUID=" + CT_SERIES, "SOPInstanceUID", "SOPClassUID", "InstanceNumber"),
                keys("images by instance number", false, "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + CT_STUDY,
                        "SeriesInstanceUID=" + CT_SERIES, "SOPInstanceUID", "InstanceNumber=180"),
                keys("images without a series UID: refused by the hierarchical model", false, "QueryRetrieveLevel=IMAGE",
                        "StudyInstanceUID=" + CT_STUDY, "SOPInstanceUID"),
                keys("patients (Patient Root)", true, "QueryRetrieveLevel=PATIENT", "PatientName=*", "PatientID",
                        "PatientBirthDate", "PatientSex"),
                keys("one patient by name (Patient Root)", true, "QueryRetrieveLevel=PATIENT", "PatientName=Doe^Peter",
                        "PatientID"),
                keys("studies of a patient (Patient Root)", true, "QueryRetrieveLevel=STUDY", "PatientID=98890234",
                        "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription"),
                keys("studies of a patient in a date range (Patient Root)", true, "QueryRetrieveLevel=STUDY",
                        "PatientID=77654033", "StudyDate=-20000101", "StudyInstanceUID", "StudyDate"),
                keys("series (Patient Root)", true, "QueryRetrieveLevel=SERIES", "PatientID=77654033",
                        "StudyInstanceUID=" + CR_STUDY, "SeriesInstanceUID", "Modality", "SeriesNumber"),
                keys("images (Patient Root)", true, "QueryRetrieveLevel=IMAGE", "PatientID=77654033",
                        "StudyInstanceUID=" + CT_STUDY, "SeriesInstanceUID=" + CT_SERIES, "SOPInstanceUID",
                        "InstanceNumber"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void sameAnswersAsFindscu(String name, boolean patientRoot, List<String> keys) throws Exception {
        String model = patientRoot ? UID.PatientRootQueryRetrieveInformationModelFind
                : UID.StudyRootQueryRetrieveInformationModelFind;
        Path out = Files.createTempDirectory(dir, "findscu");
        List<String> cmd = new ArrayList<>(List.of(Peers.require("findscu", "dcmtk").toString(), "-v",
                patientRoot ? "-P" : "-S", "-aet", "FINDSCU", "-aec", AE, "-X", "-od", out.toString()));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(String.valueOf(port));
        PeerProcess findscu = PeerProcess.run("findscu", cmd, out, Duration.ofSeconds(60));
        assertEquals(0, findscu.exitCode(), findscu::output);
        List<String> theirs = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path rsp : files.filter(p -> p.getFileName().toString().matches("rsp\\d+\\.dcm")).toList()) {
                theirs.add(canonical(DicomReader.read(rsp)));
            }
        }
        boolean theirSuccess = findscu.output().contains("Received Final Find Response (Success)");

        List<String> ours = new ArrayList<>();
        DimseStatus status;
        try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                AssociationRequest.to(AE, "127.0.0.1", port).withContext(model), StoreScuTest.TIMEOUTS);
                FindResponses responses = as.find(model, identifier(keys))) {
            for (DataSet match : responses) {
                ours.add(canonical(match));
            }
            status = responses.status();
            assertEquals(ours.size(), responses.matches());
            as.release();
        }
        theirs.sort(null);
        ours.sort(null);
        assertEquals(String.join("\n", theirs), String.join("\n", ours), "responses to " + keys);
        assertEquals(theirSuccess, status.isSuccess(), () -> status + " vs findscu:\n" + findscu.output());
        if (name.startsWith("nothing") || name.contains("refused")) {
            assertEquals(List.of(), ours);
        } else {
            assertFalse(ours.isEmpty(), "a query that finds nothing compares nothing");
            assertTrue(status.isSuccess(), status::toString);
        }
    }

    /** The keys as findscu's -k takes them: "Keyword" (return key) or "Keyword=value" (values split at '\'). */
    private static DataSet identifier(List<String> keys) {
        DataSet ds = new DataSet();
        for (String k : keys) {
            int eq = k.indexOf('=');
            int tag = ElementDictionary.tagOf(eq < 0 ? k : k.substring(0, eq));
            VR vr = ElementDictionary.vrOf(tag);
            if (eq < 0) {
                ds.put(tag, vr, null);
            } else {
                ds.setString(tag, vr, k.substring(eq + 1).split("\\\\"));
            }
        }
        return ds;
    }

    /**
     * One response as a line of text: every element with its VR and its value bytes as received (trailing padding
     * aside), so two responses are equal when the peer sent the same thing.
     */
    private static String canonical(DataSet response) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < response.size(); i++) {
            int tag = response.tagAt(i);
            if (Tag.group(tag) == 0x0002) {
                continue;
            }
            byte[] value = response.getBytes(tag);
            String text = value == null ? "" : new String(value, StandardCharsets.ISO_8859_1).replaceAll("[ \0]+$", "");
            sb.append(Tag.toString(tag)).append(' ').append(response.vrAt(i)).append(" [").append(text).append("] ");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- StudyQuery and StudyResult

    private static List<StudyResult> find(StudyQuery query) throws Exception {
        List<StudyResult> found = new ArrayList<>();
        try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to(AE, "127.0.0.1", port)
                .withContext(StudyQuery.INFORMATION_MODEL), StoreScuTest.TIMEOUTS);
                FindResponses responses = as.find(query)) {
            for (StudyResult study : responses.studies()) {
                found.add(study);
            }
            assertEquals(DimseStatus.SUCCESS, responses.status(), () -> query + "\n" + dcmqrscp.output());
            as.release();
        }
        return found;
    }

    @Test
    void studyResultsHoldWhatDcmdumpShowsOfTheFiles() throws Exception {
        List<StudyResult> found = find(StudyQuery.all());
        Map<String, StudyResult> byUid = new HashMap<>();
        for (StudyResult r : found) {
            byUid.put(r.studyInstanceUid(), r);
        }
        assertEquals(found.size(), byUid.size(), "one result per study");
        assertEquals(archive.keySet(), byUid.keySet());
        for (QueryArchive.Study expected : archive.values()) {
            StudyResult r = byUid.get(expected.uid());
            String where = expected.uid();
            assertEquals(expected.patientName() == null ? null : expected.patientName().replaceAll("\\^+$", ""),
                    r.patientName() == null ? null : r.patientName().toString(), where);
            assertEquals(expected.patientId(), r.patientId(), where);
            assertEquals(QueryArchive.day(expected.patientBirthDate()), r.patientBirthDate(), where);
            assertEquals(expected.patientSex(), r.patientSex(), where);
            assertEquals(QueryArchive.day(expected.studyDate()), r.studyDate(), where);
            assertEquals(QueryArchive.time(expected.studyTime()), r.studyTime(), where);
            assertEquals(expected.studyDescription(), r.studyDescription(), where);
            assertEquals(expected.accessionNumber(), r.accessionNumber(), where);
            // dcmqrscp 3.6.7 neither counts nor lists modalities: absent keys are null / empty, not an error
            assertEquals(List.of(), r.modalitiesInStudy(), where);
            assertNull(r.numberOfStudyRelatedSeries(), where);
            assertNull(r.numberOfStudyRelatedInstances(), where);
        }
        // the malformed birth date: null as a date, as it came in the data set
        StudyResult newYearsEve = found.stream().filter(r -> "ACC-22".equals(r.accessionNumber())).findFirst()
                .orElseThrow();
        assertNull(newYearsEve.patientBirthDate());
        assertEquals("1980", newYearsEve.dataSet().getString(Tag.PatientBirthDate));
        // the old ACR-NEMA forms of date and time are read
        assertTrue(archive.values().stream().anyMatch(s -> "1996.06.11".equals(s.studyDate())), "test data changed");
        assertTrue(found.stream().anyMatch(r -> LocalDate.of(1996, 6, 11).equals(r.studyDate())));
    }

    static Stream<Arguments> studyQueries() {
        LocalDate leapDay = LocalDate.of(2020, 2, 29);
        LocalDate newYearsEve = LocalDate.of(2020, 12, 31);
        LocalDate y2k1 = LocalDate.of(2001, 1, 1);
        return Stream.of(
                Arguments.of(StudyQuery.all().withStudyDate(DateRange.between(leapDay, newYearsEve)),
                        inDays(leapDay, newYearsEve)),
                Arguments.of(StudyQuery.all().withStudyDate(DateRange.between(LocalDate.of(1995, 6, 1), y2k1)),
                        inDays(LocalDate.of(1995, 6, 1), y2k1)),
                Arguments.of(StudyQuery.all().withStudyDate(DateRange.since(LocalDate.of(2020, 3, 1))),
                        inDays(LocalDate.of(2020, 3, 1), LocalDate.MAX)),
                Arguments.of(StudyQuery.all().withStudyDate(DateRange.until(LocalDate.of(1995, 12, 31))),
                        inDays(LocalDate.MIN, LocalDate.of(1995, 12, 31))),
                Arguments.of(StudyQuery.all().withStudyDate(y2k1), inDays(y2k1, y2k1)),
                Arguments.of(StudyQuery.all().withStudyDate(DateRange.between(LocalDate.of(2020, 3, 1),
                        LocalDate.of(2020, 12, 30))), inDays(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 12, 30))),
                Arguments.of(StudyQuery.all().withPatientName("Doe*"),
                        (Predicate<QueryArchive.Study>) s -> s.patientName() != null && s.patientName().startsWith("Doe")),
                Arguments.of(StudyQuery.all().withPatientName("Roe^Jane").withStudyDate(DateRange.since(leapDay)),
                        (Predicate<QueryArchive.Study>) s -> "Roe^Jane".equals(s.patientName()) && s.date() != null
                                && !s.date().isBefore(leapDay)),
                Arguments.of(StudyQuery.all().withPatientId("98890234"),
                        (Predicate<QueryArchive.Study>) s -> "98890234".equals(s.patientId())),
                Arguments.of(StudyQuery.all().withAccessionNumber("ACC-2"),
                        (Predicate<QueryArchive.Study>) s -> "ACC-2".equals(s.accessionNumber())),
                Arguments.of(StudyQuery.all().withStudyInstanceUids(CR_STUDY, MR_STUDY),
                        (Predicate<QueryArchive.Study>) s -> Set.of(CR_STUDY, MR_STUDY).contains(s.uid())));
    }

    private static Predicate<QueryArchive.Study> inDays(LocalDate from, LocalDate to) {
        return s -> s.date() != null && !s.date().isBefore(from) && !s.date().isAfter(to);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("studyQueries")
    void studyQueryFindsExactlyTheMatchingStudiesOfTheFiles(StudyQuery query, Predicate<QueryArchive.Study> matches)
            throws Exception {
        Set<String> expected = archive.values().stream().filter(matches).map(QueryArchive.Study::uid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expected.isEmpty(), "test data: the query should find something");
        assertNotEquals(archive.size(), expected.size(), "test data: the query should leave something out");
        Set<String> found = find(query).stream().map(StudyResult::studyInstanceUid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, found, query::toString);
    }
}
