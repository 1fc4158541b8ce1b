package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.DataSetComparison;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCP side of the long operations: C-FIND, C-MOVE and C-GET handlers run apart from the association's
 * reader, so they see C-CANCEL-RQ and can send C-GET sub-operations on the same association. dcmtk's findscu
 * and getscu are the clients; the handlers here are small test handlers over real files (the node's archive
 * handlers are tested in the node bundle).
 */
class QueryRetrieveScpTest {
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static DicomServer listen(ServerConfig config) throws IOException {
        return new ApplicationEntity("QRSCP").listen(config);
    }

    private static String studyUid(DicomFile f) throws IOException {
        return DicomReader.read(f.path()).getString(Tag.StudyInstanceUID);
    }

    @Test
    void findscuReceivesEveryMatchAHandlerSends() throws Exception {
        List<DicomFile> files = StorageTestFiles.scan(StorageTestFiles.STUDIES);
        Set<String> studies = new HashSet<>();
        for (DicomFile f : files) {
            studies.add(studyUid(f));
        }
        List<String> levels = new java.util.concurrent.CopyOnWriteArrayList<>();
        DimseHandler studyFind = request -> {
            levels.add(request.identifier().getString(Tag.QueryRetrieveLevel));
            for (String uid : studies) {
                DataSet match = new DataSet();
                match.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
                match.setString(Tag.StudyInstanceUID, VR.UI, uid);
                request.respond(DimseStatus.PENDING, match);
            }
            request.respond(DimseStatus.SUCCESS);
        };
        try (DicomServer server = listen(ServerConfig.bind("127.0.0.1", 0)
                .withHandler(UID.StudyRootQueryRetrieveInformationModelFind, studyFind))) {
            Path out = Files.createDirectories(dir.resolve("responses"));
            PeerProcess findscu = PeerProcess.run("findscu", List.of(Peers.require("findscu", "dcmtk").toString(),
                    "-aet", "FINDSCU", "-aec", "QRSCP", "-S", "-X", "-od", out.toString(),
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID",
                    "127.0.0.1", String.valueOf(server.localPort())), dir, RUN);
            assertEquals(0, findscu.exitCode(), findscu::output);
            Set<String> received = new HashSet<>();
            try (Stream<Path> s = Files.list(out)) {
                for (Path rsp : s.toList()) {
                    received.add(DicomReader.read(rsp).getString(Tag.StudyInstanceUID));
                }
            }
            assertEquals(studies, received, findscu::output);
            assertEquals(List.of("STUDY"), levels);
        }
    }

    @Test
    void cancelReachesARunningFindAndTheAssociationGoesOn() throws Exception {
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        int bound = 100_000;
        DimseHandler endless = request -> {
            while (sent.get() < bound) {
                if (request.isCancelled()) {
                    sawCancel.set(true);
                    request.respond(DimseStatus.CANCEL);
                    return;
                }
                DataSet match = new DataSet();
                match.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
                match.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3." + sent.incrementAndGet());
                request.respond(DimseStatus.PENDING, match);
            }
            request.respond(DimseStatus.SUCCESS);
        };
        try (DicomServer server = listen(ServerConfig.bind("127.0.0.1", 0)
                .withHandler(UID.StudyRootQueryRetrieveInformationModelFind, endless));
                Association as = new ApplicationEntity("SCU").connect(
                        AssociationRequest.to("QRSCP", "127.0.0.1", server.localPort())
                                .withContext(UID.StudyRootQueryRetrieveInformationModelFind)
                                .withContext(UID.Verification), StoreScuTest.TIMEOUTS)) {
            DataSet q = new DataSet();
            q.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            q.setString(Tag.StudyInstanceUID, VR.UI, new String[0]);
            FindResponses rsp = as.find(UID.StudyRootQueryRetrieveInformationModelFind, q);
            int taken = 0;
            for (DataSet ignored : rsp) {
                if (++taken == 3) {
                    rsp.cancel();
                }
            }
            assertEquals(DimseStatus.CANCEL, rsp.status());
            assertTrue(sawCancel.get(), "the handler never saw the cancel");
            assertTrue(sent.get() < bound, "the handler ran to its end: " + sent.get());
            // the reader kept serving: the association is still usable
            assertEquals(DimseStatus.SUCCESS, as.echo());
            as.release();
        }
    }

    @Test
    void getscuReceivesTheInstancesAHandlerStoresOnTheSameAssociation() throws Exception {
        List<DicomFile> study = StorageTestFiles.scan(RetrieveScuTest.STUDY);
        String studyUid = studyUid(study.get(0));
        List<int[]> progress = new ArrayList<>();
        List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        DimseHandler get = request -> {
            requested.add(request.identifier().getString(Tag.StudyInstanceUID));
            int completed = 0;
            int failed = 0;
            for (DicomFile f : study) {
                StoreResult r = request.association().store(f);
                if (r.isSuccess()) {
                    completed++;
                } else {
                    failed++;
                }
                int remaining = study.size() - completed - failed;
                synchronized (progress) {
                    progress.add(new int[] {remaining, completed, failed});
                }
                if (remaining > 0) {
                    CommandSet pending = request.response(DimseStatus.PENDING);
                    pending.setInt(Tag.NumberOfRemainingSuboperations, remaining);
                    pending.setInt(Tag.NumberOfCompletedSuboperations, completed);
                    pending.setInt(Tag.NumberOfFailedSuboperations, failed);
                    pending.setInt(Tag.NumberOfWarningSuboperations, 0);
                    request.respond(pending, (byte[]) null);
                }
            }
            CommandSet done = request.response(failed == 0 ? DimseStatus.SUCCESS : DimseStatus.of(0xB000));
            done.setInt(Tag.NumberOfCompletedSuboperations, completed);
            done.setInt(Tag.NumberOfFailedSuboperations, failed);
            done.setInt(Tag.NumberOfWarningSuboperations, 0);
            request.respond(done, (byte[]) null);
        };
        // the storage classes must be served too: that is how their contexts (with the SCU's SCP role) are accepted
        try (DicomServer server = listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(StorageSopClasses.ALL, new DirectoryStorage(dir.resolve("unused")))
                .withHandler(UID.StudyRootQueryRetrieveInformationModelGet, get))) {
            Path out = Files.createDirectories(dir.resolve("got"));
            PeerProcess getscu = PeerProcess.run("getscu", List.of(Peers.require("getscu", "dcmtk").toString(),
                    "-aet", "GETSCU", "-aec", "QRSCP", "-S", "-od", out.toString(),
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid,
                    "127.0.0.1", String.valueOf(server.localPort())), dir, RUN);
            assertEquals(0, getscu.exitCode(), getscu::output);
            Map<String, Path> got = new java.util.HashMap<>();
            try (Stream<Path> s = Files.list(out)) {
                for (Path p : s.toList()) {
                    got.put(DicomReader.read(p).getString(Tag.SOPInstanceUID), p);
                }
            }
            assertEquals(study.size(), got.size(), getscu::output);
            for (DicomFile f : study) {
                Path received = got.get(f.sopInstanceUid());
                assertTrue(received != null, "missing " + f.path());
                assertNull(DataSetComparison.difference(f.path(), received), f.path().toString());
            }
            assertEquals(List.of(studyUid), requested);
            assertEquals(study.size(), progress.size());
            assertEquals(0, progress.get(progress.size() - 1)[0]);
        }
    }
}
