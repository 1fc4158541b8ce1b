package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our C-STORE and C-FIND SCU against Orthanc: the studies stored are the studies found, with the modalities and
 * counts Orthanc computes (dcmqrscp has neither; the comparison with findscu is {@link FindscuComparisonTest}).
 */
class FindScuTest {
    @TempDir
    Path dir;

    private static DataSet studyQuery(String patientName) {
        DataSet q = new DataSet();
        q.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        q.setString(Tag.PatientName, VR.PN, patientName);
        q.setString(Tag.StudyInstanceUID, VR.UI, new String[0]);
        q.setString(Tag.StudyDate, VR.DA, new String[0]);
        return q;
    }

    @Test
    void findReturnsTheStudiesStoredInOrthancAndCancelEnds() throws Exception {
        List<DicomFile> files = StorageTestFiles.scan(StorageTestFiles.STUDIES);
        Set<String> studies = new HashSet<>();
        for (DicomFile f : files) {
            studies.add(DicomReader.read(f.path()).getString(Tag.StudyInstanceUID));
        }
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, java.util.Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find()), dir)) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                    AssociationRequest.to("ORTHANC", "127.0.0.1", port).withContextsFor(files), StoreScuTest.TIMEOUTS)) {
                for (DicomFile f : files) {
                    StoreResult r = as.store(f);
                    assertTrue(r.isSuccess(), r::describe);
                }
                as.release();
            }
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                    AssociationRequest.to("ORTHANC", "127.0.0.1", port)
                            .withContext(UID.StudyRootQueryRetrieveInformationModelFind), StoreScuTest.TIMEOUTS)) {
                Set<String> found = new HashSet<>();
                FindResponses rsp = as.find(UID.StudyRootQueryRetrieveInformationModelFind, studyQuery("*"));
                try {
                    for (DataSet match : rsp) {
                        found.add(match.getString(Tag.StudyInstanceUID));
                    }
                } catch (java.io.UncheckedIOException e) {
                    throw new AssertionError(orthanc.output(), e);
                }
                assertEquals(DimseStatus.SUCCESS, rsp.status());
                assertEquals(studies, found);
                assertEquals(studies.size(), rsp.matches());

                // cancel at once: the peer finds the C-CANCEL-RQ before its first response
                FindResponses cancelled = as.find(UID.StudyRootQueryRetrieveInformationModelFind, studyQuery("*"));
                cancelled.cancel();
                DimseStatus end = cancelled.status();
                assertTrue(end.equals(DimseStatus.CANCEL) || end.isSuccess(), end::toString);
                System.out.println("C-FIND cancel against Orthanc ended with " + end + " after "
                        + cancelled.matches() + " matches");
                as.release();
            }
        }
    }

    @Test
    void studyQueryByModalityHasTheModalitiesAndCountsOfTheFiles() throws Exception {
        List<Path> files = QueryArchive.files(dir.resolve("edited"));
        Map<String, QueryArchive.Study> archive = QueryArchive.studies(files, dir);
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, Map.of("dicomflow",
                "DICOMFLOW@127.0.0.1:" + FreePort.find()), dir.resolve("orthanc"))) {
            QueryArchive.storeWithStorescu(files, "ORTHANC", port, dir);
            for (String[] modalities : new String[][] { { "CT" }, { "CR", "MR" } }) {
                Set<String> expected = new HashSet<>();
                for (QueryArchive.Study s : archive.values()) {
                    if (s.modalities().stream().anyMatch(Arrays.asList(modalities)::contains)) {
                        expected.add(s.uid());
                    }
                }
                assertTrue(!expected.isEmpty() && expected.size() < archive.size(), "test data: " + expected);
                Set<String> found = new HashSet<>();
                try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("ORTHANC",
                        "127.0.0.1", port).withContext(StudyQuery.INFORMATION_MODEL), StoreScuTest.TIMEOUTS);
                        FindResponses responses = as.find(StudyQuery.all().withModalities(modalities))) {
                    for (StudyResult study : responses.studies()) {
                        QueryArchive.Study onDisk = archive.get(study.studyInstanceUid());
                        assertTrue(onDisk != null, () -> "not in the archive: " + study);
                        assertEquals(onDisk.modalities(), new TreeSet<>(study.modalitiesInStudy()),
                                study::toString);
                        assertEquals(onDisk.seriesUids().size(), study.numberOfStudyRelatedSeries(), study::toString);
                        assertEquals(onDisk.instanceUids().size(), study.numberOfStudyRelatedInstances(),
                                study::toString);
                        assertEquals(QueryArchive.day(onDisk.studyDate()), study.studyDate(), study::toString);
                        found.add(study.studyInstanceUid());
                    }
                    assertEquals(DimseStatus.SUCCESS, responses.status(), orthanc::output);
                    as.release();
                }
                assertEquals(expected, found, String.join("\\", modalities));
            }
        }
    }
}
