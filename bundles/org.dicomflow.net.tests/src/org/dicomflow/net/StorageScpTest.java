package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.testing.FullDiskStorage;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our streaming C-STORE SCP (DirectoryStorage) fed by dcmtk dcmsend (its storescu proposes uncompressed
 * syntaxes only and converts on its side, so it cannot show that bytes arrive as they are) and by our SCU.
 */
class StorageScpTest {
    static final Timeouts TIMEOUTS = StoreScuTest.TIMEOUTS;

    @TempDir
    Path dir;

    private DicomServer listen(Path storeDir, StorageHandler handler) throws IOException {
        return new ApplicationEntity("OURSCP").listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(StorageSopClasses.ALL, handler));
    }

    private static List<Path> listAll(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static DataSet secondaryCapture(String iuid) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        // put, not setString: the path-like UID must get past the data set's own UID check
        ds.put(Tag.SOPInstanceUID, VR.UI, (iuid.length() % 2 == 0 ? iuid : iuid + "\0")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ds.setString(Tag.PatientName, VR.PN, "Test^Path");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4.5");
        return ds;
    }

    @Test
    void dcmsendFilesArriveCompleteAndIdentical() throws Exception {
        Path store = dir.resolve("store");
        DirectoryStorage storage = new DirectoryStorage(store);
        List<DicomFile> files = StorageTestFiles.scan(StorageTestFiles.MIXED);
        try (DicomServer server = listen(store, storage)) {
            List<String> cmd = new ArrayList<>(List.of(Peers.require("dcmsend", "dcmtk").toString(),
                    "-aet", "DCMSEND", "-aec", "OURSCP", "127.0.0.1", String.valueOf(server.localPort())));
            for (DicomFile f : files) {
                cmd.add(f.path().toAbsolutePath().toString());
            }
            PeerProcess run = PeerProcess.run("dcmsend", cmd, dir, Duration.ofSeconds(60));
            assertEquals(0, run.exitCode(), run::output);
            for (DicomFile f : files) {
                Path stored = storage.fileFor(f.sopInstanceUid());
                assertTrue(Files.exists(stored), f + "\n" + run.output());
                // dcmtk re-serializes what it sends (lengths, group lengths, sometimes the syntax), so
                // byte identity holds only for files already in its preferred form; all elements arrive
                DataSet sent = org.dicomflow.dicom.io.DicomReader.read(f.path());
                DataSet got = org.dicomflow.dicom.io.DicomReader.read(stored);
                assertEquals(f.sopInstanceUid(), got.getString(Tag.SOPInstanceUID), f.toString());
                assertEquals(sent.contains(Tag.PixelData), got.contains(Tag.PixelData), f.toString());
                if (f.path().endsWith("explicit_little.dcm")) {
                    assertTrue(StorageTestFiles.sameDataSet(f.path(), stored), "data set differs: " + f);
                }
            }
            try (Stream<Path> s = Files.list(store)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
        }
    }

    @Test
    void pathLikeSopInstanceUidIsRefusedAndNothingIsWritten() throws Exception {
        Path store = dir.resolve("a").resolve("b").resolve("store");
        DirectoryStorage storage = new DirectoryStorage(store);
        try (DicomServer server = listen(store, storage);
                Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest
                        .to("OURSCP", "127.0.0.1", server.localPort())
                        .withContext(UID.SecondaryCaptureImageStorage), TIMEOUTS)) {
            StoreResult bad = as.store(DataSetSource.of(secondaryCapture("../../x"), UID.ExplicitVRLittleEndian));
            assertEquals(DimseStatus.CANNOT_UNDERSTAND, bad.status(), bad::describe);
            // the association goes on
            StoreResult good = as.store(DataSetSource.of(secondaryCapture("1.2.3.4.5.6"), UID.ExplicitVRLittleEndian));
            assertTrue(good.isSuccess(), good::describe);
            as.release();
        }
        assertEquals(List.of(storage.fileFor("1.2.3.4.5.6")), listAll(dir));
    }

    @Test
    void abortMidTransferLeavesNoPartAndNoFile() throws Exception {
        Path store = dir.resolve("store");
        DirectoryStorage storage = new DirectoryStorage(store);
        try (DicomServer server = listen(store, storage)) {
            Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest
                    .to("OURSCP", "127.0.0.1", server.localPort())
                    .withContext(UID.SecondaryCaptureImageStorage), TIMEOUTS);
            DataSetSource failing = new DataSetSource() {
                public String sopClassUid() {
                    return UID.SecondaryCaptureImageStorage;
                }

                public String sopInstanceUid() {
                    return "1.2.3.99";
                }

                public String transferSyntaxUid() {
                    return UID.ExplicitVRLittleEndian;
                }

                public void writeTo(OutputStream out) throws IOException {
                    out.write(new byte[4 << 20]); // 4 MB reach the SCP, then the source breaks
                    throw new IOException("disk read error (simulated)");
                }
            };
            assertThrows(IOException.class, () -> as.store(failing));
            assertFalse(as.isEstablished());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, server.activeAssociations());
            // the reader discards the .part once it sees the end, which may come just after the end is reported
            while (!listAll(store).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of(), listAll(store));
    }

    @Test
    void diskFullAnswersOutOfResourcesAndKeepsServing() throws Exception {
        Path store = dir.resolve("store");
        DirectoryStorage real = new DirectoryStorage(store);
        // the disk fills up after 1000 bytes of the instance 1.2.3.7
        StorageHandler fullDisk = new FullDiskStorage(real, "1.2.3.7", 1000);
        try (DicomServer server = listen(store, fullDisk);
                Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest
                        .to("OURSCP", "127.0.0.1", server.localPort())
                        .withContext(UID.SecondaryCaptureImageStorage), TIMEOUTS)) {
            DataSet big = secondaryCapture("1.2.3.7");
            big.setBytes(Tag.PixelData, VR.OB, new byte[100_000]);
            StoreResult full = as.store(DataSetSource.of(big, UID.ExplicitVRLittleEndian));
            assertEquals(DimseStatus.OUT_OF_RESOURCES, full.status(), full::describe);
            assertTrue(full.errorComment().contains("No space left"), full::describe);
            StoreResult next = as.store(DataSetSource.of(secondaryCapture("1.2.3.8"), UID.ImplicitVRLittleEndian));
            assertTrue(next.isSuccess(), next::describe);
            as.release();
        }
        assertEquals(List.of(real.fileFor("1.2.3.8")), listAll(store));
    }

    @Test
    void storageSopClassesComeFromTheRegistry() {
        assertTrue(StorageSopClasses.ALL.contains(UID.CTImageStorage));
        assertTrue(StorageSopClasses.ALL.contains(UID.SecondaryCaptureImageStorage));
        assertFalse(StorageSopClasses.ALL.contains(UID.Verification));
        assertTrue(StorageSopClasses.ALL.size() > 100, "" + StorageSopClasses.ALL.size());
    }
}
