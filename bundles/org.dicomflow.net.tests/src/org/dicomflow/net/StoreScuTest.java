package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our C-STORE SCU against dcmtk storescp. */
class StoreScuTest {
    static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(20));

    @TempDir
    Path dir;

    /** Group lengths are retired and not written when converting; every other element must be there. */
    static long elementsWithoutGroupLengths(Path file) throws java.io.IOException {
        org.dicomflow.dicom.DataSet ds = DicomReader.read(file);
        long n = 0;
        for (int i = 0; i < ds.size(); i++) {
            n += org.dicomflow.dicom.Tag.isGroupLength(ds.tagAt(i)) ? 0 : 1;
        }
        return n;
    }

    @Test
    void storesRealFilesOfSeveralSyntaxesIntoStorescp() throws Exception {
        List<DicomFile> files = StorageTestFiles.scan(StorageTestFiles.MIXED);
        int port = FreePort.find();
        Map<String, StoreResult> results = new HashMap<>();
        try (PeerProcess peer = Peers.storescp("STORESCP", port, dir, "+B")) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                    AssociationRequest.to("STORESCP", "127.0.0.1", port).withContextsFor(files), TIMEOUTS)) {
                for (DicomFile f : files) {
                    results.put(f.sopInstanceUid(), as.store(f));
                }
                as.release();
            }
            Map<String, Path> stored = new HashMap<>();
            try (Stream<Path> s = Files.list(dir.resolve("in"))) {
                for (Path p : s.toList()) {
                    try (DicomReader r = new DicomReader(p)) {
                        stored.put(r.fileMeta().getString(org.dicomflow.dicom.Tag.MediaStorageSOPInstanceUID), p);
                    }
                }
            }
            for (DicomFile f : files) {
                StoreResult r = results.get(f.sopInstanceUid());
                String where = f + ": " + r.describe() + "\n" + peer.output();
                if (!f.isNative()) {
                    // storescp takes uncompressed syntaxes only by default: refused, reported, association goes on
                    assertFalse(r.isSent(), where);
                    assertTrue(r.failure().contains("compressed"), where);
                    continue;
                }
                assertTrue(r.isSuccess(), where);
                Path copy = stored.get(f.sopInstanceUid());
                assertNotNull(copy, where);
                if (r.transferSyntaxUid().equals(f.transferSyntaxUid())) {
                    assertTrue(StorageTestFiles.sameDataSet(f.path(), copy), "data set bytes differ: " + where);
                } else {
                    // converted (deflated is not proposed back by storescp): same elements in another encoding
                    assertTrue(TransferSyntax.of(r.transferSyntaxUid()).isNative(), where);
                    assertEquals(elementsWithoutGroupLengths(f.path()), elementsWithoutGroupLengths(copy), where);
                }
            }
        }
    }
}
