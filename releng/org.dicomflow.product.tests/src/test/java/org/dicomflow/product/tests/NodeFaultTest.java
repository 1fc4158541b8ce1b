package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.dicomflow.testing.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node of the built installation under faults (issue 5, "Proof"): killed during a transfer, clients
 * that hang up inside a PDU, a full disk, 50 associations at once, hostile input. Clients are dcmtk's tools
 * and, for what no real client sends, {@link RawDicomClient}. The node runs with a 128 MB heap throughout:
 * what it receives streams to disk, whatever the size of the object.
 */
class NodeFaultTest {

    private static final String AET = "FAULTNODE";
    private static final Duration START = Duration.ofSeconds(60);
    /** Longer than the node's SIGTERM hook waits for the framework (10 s). */
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final Duration CLIENT = Duration.ofSeconds(60);
    private static final Map<String, String> SMALL_HEAP = Map.of("DICOMFLOW_VMARGS", "-Xmx128m");
    private static final String CT = "pydicom/test_files/CT_small.dcm";
    private static final String MR = "pydicom/test_files/MR_small.dcm";
    /** Study Instance UID of CT_small.dcm, which every CT copy keeps. */
    private static final String CT_STUDY = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    private static final String CT_SERIES = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";
    private static final String SUCCESS = "Received Store Response (Success)";
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void killedDuringALargeTransferKeepsWhatItAcknowledgedAndNothingOfTheRest() throws Exception {
        Path archive = dir.resolve("archive");
        List<Path> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            acknowledged.add(ctCopy(i));
        }
        Path mr = InstanceFiles.real(MR);
        acknowledged.add(InstanceFiles.copyWithSopInstanceUid(mr, InstanceFiles.sopInstanceUid(mr), dir.resolve("send/mr.dcm")));
        String bigUid = ctUid(999);
        Path big = dir.resolve("send/big.dcm");
        long bigSize = 300L << 20;
        InstanceFiles.withPixelDataLength(ctCopy(999), bigSize, big);

        int port = FreePort.find();
        try (Installation.Running node = startNode(dir, archive, port)) {
            PeerProcess first = storescu("storescu", port, acknowledged);
            assertEquals(0, first.exitCode(), first.output());
            assertEquals(acknowledged.size(), count(first.output(), SUCCESS), first.output());

            try (PeerProcess sender = PeerProcess.start("storescu-big", storescuCommand(port, "BIGSCU", List.of(big)),
                    Map.of(), dir)) {
                Path part = awaitPart(archive, bigUid, 8L << 20, sender, node);
                killHard(node);
                awaitExit(sender, CLIENT);
                assertFalse(sender.output().contains(SUCCESS), sender.output());
                assertNotEquals(0, sender.exitCode(), "storescu must report the failed transfer\n" + sender.output());
                assertTrue(Files.exists(part), "the kill left the partial object " + part + " behind");
            }
        }

        int killedPort = port;
        port = FreePort.find();
        try (Installation.Running node = startNode(dir, archive, port)) {
            // the crashed run never removed its settings: the new run must not start with them first
            assertFalse(node.output().contains("listening on 127.0.0.1:" + killedPort), node.output());
            assertEquals(List.of(), partFiles(archive), "the restart removed the partial object");
            assertEquals(List.of(), instanceFiles(archive, bigUid));
            Set<String> uids = new TreeSet<>();
            for (Path f : acknowledged) {
                String uid = InstanceFiles.sopInstanceUid(f);
                uids.add(uid);
                assertSameDataSet(f, storedOnce(archive, uid));
            }
            // one query for all of them and the big one: the index holds the acknowledged ones only
            Set<String> asked = new TreeSet<>(uids);
            asked.add(bigUid);
            assertEquals(uids, findImages(port, "StudyInstanceUID", "SOPInstanceUID=" + String.join("\\", asked)));
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void aClientHangingUpInsideAPduLeavesNothingAndTheNodeServesOn() throws Exception {
        Path archive = dir.resolve("archive");
        String cutUid = ctUid(21);
        byte[] dataSet = InstanceFiles.dataSet(ctCopy(21));
        Path after = ctCopy(22);
        int port = FreePort.find();
        try (Installation.Running node = startNode(dir, archive, port)) {
            try (RawDicomClient client = RawDicomClient.associate(port, AET, "HANGUP", InstanceFiles.CT_IMAGE_STORAGE,
                    InstanceFiles.EXPLICIT_VR_LITTLE_ENDIAN)) {
                client.sendCommand(RawDicomClient.storeRq(InstanceFiles.CT_IMAGE_STORAGE, cutUid, 1));
                int sent = RawDicomClient.MAX_PDU - 6;
                client.sendDataSet(dataSet, 0, sent, false);
                // the part file is there (what arrived may still be gathered in memory for one larger write)
                awaitPart(archive, cutUid, 0, null, node);
                // the next P-DATA-TF, cut off after a tenth of it
                byte[] next = RawDicomClient.pData(dataSet, sent, RawDicomClient.MAX_PDU - 6, 0x00);
                client.send(Arrays.copyOf(next, next.length / 10));
            }
            node.awaitLine("association aborted: HANGUP -> " + AET, CLIENT);
            awaitNoPartFiles(archive);

            assertEchoWorks(port);
            PeerProcess stored = storescu("storescu", port, List.of(after));
            assertEquals(0, stored.exitCode(), stored.output());
            assertTrue(stored.output().contains(SUCCESS), stored.output());
            assertSameDataSet(after, storedOnce(archive, InstanceFiles.sopInstanceUid(after)));

            assertEquals(List.of(), instanceFiles(archive, cutUid));
            assertEquals(List.of(), partFiles(archive));
            assertEquals(Set.of(InstanceFiles.sopInstanceUid(after)), findImages(port, "StudyInstanceUID=" + CT_STUDY, "SOPInstanceUID"));
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void aFullDiskAnswersOutOfResourcesAndStoresAgainOnceThereIsRoom() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            files.add(ctCopy(100 + i));
        }
        try (SmallDisk disk = SmallDisk.mount(Files.createDirectories(dir.resolve("small-disk")), "24m")) {
            Path archive = disk.dir().resolve("archive");
            int port = FreePort.find();
            try (Installation.Running node = startNode(dir, archive, port)) {
                Path filler = disk.dir().resolve("filler");
                SmallDisk.fill(filler, 256 << 10);

                PeerProcess full = storescu("storescu-full", port, files, "--no-halt");
                String out = full.output();
                int stored = count(out, SUCCESS);
                int refused = count(out, "Received Store Response (Refused: OutOfResources)");
                assertTrue(refused > 0, "the full disk refused some objects with A700\n" + out);
                assertEquals(files.size(), stored + refused, "every object stored or refused with A700\n" + out);
                // the operator learns why: the sender only sees A700
                node.awaitLine("could not store [0-9.]+ from STORESCU: No space left on device", CLIENT);
                assertTrue(node.process.isAlive(), node.output());
                assertEchoWorks(port);
                assertEquals(List.of(), partFiles(archive), "a refused object leaves no partial file");
                List<Path> notStored = new ArrayList<>();
                for (Path f : files) {
                    if (instanceFiles(archive, InstanceFiles.sopInstanceUid(f)).isEmpty()) {
                        notStored.add(f);
                    }
                }
                assertEquals(refused, notStored.size(), "the refused objects are the ones missing");

                Files.delete(filler);
                PeerProcess again = storescu("storescu-again", port, notStored);
                assertEquals(0, again.exitCode(), again.output() + node.output());
                assertEquals(notStored.size(), count(again.output(), SUCCESS), again.output());
                Set<String> uids = new TreeSet<>();
                for (Path f : files) {
                    uids.add(InstanceFiles.sopInstanceUid(f));
                    assertSameDataSet(f, storedOnce(archive, InstanceFiles.sopInstanceUid(f)));
                }
                assertEquals(uids, findImages(port, "StudyInstanceUID=" + CT_STUDY, "SOPInstanceUID"));
                assertEquals(0, node.terminate(STOP), node.output());
            }
        }
    }

    @Test
    void fiftyConcurrentAssociationsStoreEveryInstanceExactlyOnce() throws Exception {
        Path archive = dir.resolve("archive");
        int port = FreePort.find();
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/org.dicomflow.node.cfg"), String.join("\n", "aeTitle = " + AET,
                "bindAddress = 127.0.0.1", "port = " + port, "maxAssociations = 64", "archiveRoot = " + archive,
                "duplicatePolicy = keep-first", ""));
        int senders = 50;
        int sharing = 10;
        Path shared = ctCopy(5000);
        Map<String, Path> distinct = new LinkedHashMap<>();
        distinct.put(InstanceFiles.sopInstanceUid(shared), shared);
        List<List<Path>> batches = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            List<Path> batch = new ArrayList<>();
            if (s < sharing) {
                batch.add(shared); // first, so the copies of the same instance arrive together
            }
            for (int k = 1; k <= 2; k++) {
                Path f = ctCopy(1000 + 10 * s + k);
                distinct.put(InstanceFiles.sopInstanceUid(f), f);
                batch.add(f);
            }
            batches.add(batch);
        }

        try (Installation.Running node = installation.start(dir, SMALL_HEAP, "node")) {
            node.awaitLine("DICOMFlow node " + AET + " on 127.0.0.1:" + port + ": listening", START);
            List<PeerProcess> running = new ArrayList<>();
            try {
                for (int s = 0; s < senders; s++) {
                    running.add(PeerProcess.start(String.format("storescu-%02d", s),
                            storescuCommand(port, String.format("SENDER%02d", s), batches.get(s)), Map.of(), dir));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                int success = 0;
                int warning = 0;
                for (int s = 0; s < senders; s++) {
                    PeerProcess p = running.get(s);
                    awaitExit(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    assertEquals(0, p.exitCode(), p + "\n" + p.output());
                    int ok = count(p.output(), SUCCESS);
                    // keep-first answers the copies of a stored instance with B006 Elements Discarded
                    int kept = count(p.output(), "Received Store Response (Warning: ElementsDiscarded)");
                    assertEquals(batches.get(s).size(), ok + kept, p + "\n" + p.output());
                    success += ok;
                    warning += kept;
                }
                assertEquals(distinct.size(), success, "one success per distinct instance");
                assertEquals(sharing - 1, warning, "the other copies of the shared instance were kept first");
            } finally {
                running.forEach(PeerProcess::close);
            }

            List<Path> all;
            try (Stream<Path> s = Files.walk(archive)) {
                all = s.filter(p -> p.toString().endsWith(".dcm")).toList();
            }
            assertEquals(distinct.size(), all.size(), "one file per instance: " + all);
            for (Map.Entry<String, Path> e : distinct.entrySet()) {
                assertSameDataSet(e.getValue(), storedOnce(archive, e.getKey()));
            }
            assertEquals(List.of(), partFiles(archive));
            assertEquals(distinct.keySet(), findImages(port, "StudyInstanceUID=" + CT_STUDY, "SOPInstanceUID"));
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void hostileInputIsRefusedWhileAnotherClientIsServed() throws Exception {
        Path archive = dir.resolve("archive");
        String marker = "dicomflow-escaped";
        Path ct = ctCopy(1);
        byte[] plain = InstanceFiles.dataSet(ct);
        String plainUid = InstanceFiles.sopInstanceUid(ct);
        // path-like UIDs in the command; the data set is a good one
        List<String> hostileCommandUids = List.of("../../" + marker, "1.2/3", "1.2.3/../../../" + marker,
                "/tmp/" + marker, "1.2.3\\..\\" + marker);
        // path-like UIDs in the data set, the command's SOP Instance UID a valid one
        Map<String, byte[]> hostileDataSets = new LinkedHashMap<>();
        hostileDataSets.put(ctUid(61), InstanceFiles.replace(InstanceFiles.dataSet(ctCopy(61)), ctUid(61),
                sameLength("../../" + marker, ctUid(61).length())));
        hostileDataSets.put(ctUid(62), InstanceFiles.replace(InstanceFiles.dataSet(ctCopy(62)), CT_STUDY,
                sameLength("../../" + marker, CT_STUDY.length())));
        hostileDataSets.put(ctUid(63), InstanceFiles.replace(InstanceFiles.dataSet(ctCopy(63)), CT_SERIES,
                sameLength("1.2/3/../../../" + marker, CT_SERIES.length())));
        Path good1 = ctCopy(71);
        Path good2 = ctCopy(72);
        Path good3 = ctCopy(73);

        int port = FreePort.find();
        try (Installation.Running node = startNode(dir, archive, port)) {
            // a good client, associated before and served after all that follows
            try (RawDicomClient good = RawDicomClient.associate(port, AET, "GOODSCU", InstanceFiles.CT_IMAGE_STORAGE,
                    InstanceFiles.EXPLICIT_VR_LITTLE_ENDIAN)) {
                assertEquals(0x0000, good.store(InstanceFiles.CT_IMAGE_STORAGE, InstanceFiles.sopInstanceUid(good1), 1,
                        InstanceFiles.dataSet(good1)));

                try (RawDicomClient bad = RawDicomClient.associate(port, AET, "BADSCU", InstanceFiles.CT_IMAGE_STORAGE,
                        InstanceFiles.EXPLICIT_VR_LITTLE_ENDIAN)) {
                    int id = 1;
                    for (String uid : hostileCommandUids) {
                        assertCannotUnderstand(bad.store(InstanceFiles.CT_IMAGE_STORAGE, uid, id++, plain), uid);
                    }
                    for (Map.Entry<String, byte[]> e : hostileDataSets.entrySet()) {
                        assertCannotUnderstand(bad.store(InstanceFiles.CT_IMAGE_STORAGE, e.getKey(), id++, e.getValue()),
                                "data set of " + e.getKey());
                    }
                    // refused, yet the association goes on: a good object on it is stored
                    assertEquals(0x0000, bad.store(InstanceFiles.CT_IMAGE_STORAGE, plainUid, id++, plain));
                    bad.release();
                }

                try (RawDicomClient huge = RawDicomClient.connect(port)) {
                    // an A-ASSOCIATE-RQ announcing 2 GiB
                    huge.send(new byte[] { 0x01, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 1, 0, 0 });
                    huge.awaitEndedByPeer();
                }
                try (RawDicomClient huge = RawDicomClient.associate(port, AET, "HUGEPDU", InstanceFiles.CT_IMAGE_STORAGE,
                        InstanceFiles.EXPLICIT_VR_LITTLE_ENDIAN)) {
                    // a P-DATA-TF announcing 2 GiB on an established association
                    huge.send(RawDicomClient.pDataHeader(0x7FFFFFFFL));
                    huge.send(new byte[4096]);
                    huge.awaitEndedByPeer();
                }
                byte[] garbage = new byte[8192];
                new Random(5).nextBytes(garbage);
                garbage[0] = (byte) 0xA5; // not a PDU type
                try (RawDicomClient noise = RawDicomClient.connect(port)) {
                    noise.send(garbage);
                    noise.awaitEndedByPeer();
                }
                try (RawDicomClient noise = RawDicomClient.associate(port, AET, "NOISE", InstanceFiles.CT_IMAGE_STORAGE,
                        InstanceFiles.EXPLICIT_VR_LITTLE_ENDIAN)) {
                    noise.send(garbage);
                    noise.awaitEndedByPeer();
                }

                assertEquals(0x0000, good.store(InstanceFiles.CT_IMAGE_STORAGE, InstanceFiles.sopInstanceUid(good2), 2,
                        InstanceFiles.dataSet(good2)));
                good.release();
            }
            assertEchoWorks(port);
            PeerProcess stored = storescu("storescu", port, List.of(good3));
            assertEquals(0, stored.exitCode(), stored.output());
            assertTrue(stored.output().contains(SUCCESS), stored.output());

            // nothing of the hostile objects anywhere: not outside the root, not inside it
            for (Path a = archive.toRealPath().getParent(); a != null; a = a.getParent()) {
                try (Stream<Path> entries = Files.list(a)) {
                    List<Path> escaped = entries.filter(p -> p.getFileName().toString().startsWith(marker)).toList();
                    assertEquals(List.of(), escaped, "written outside the archive");
                }
            }
            Set<String> expected = new TreeSet<>();
            for (Path f : List.of(ct, good1, good2, good3)) {
                expected.add(InstanceFiles.sopInstanceUid(f));
                assertSameDataSet(f, storedOnce(archive, InstanceFiles.sopInstanceUid(f)));
            }
            try (Stream<Path> s = Files.walk(archive)) {
                List<Path> unexpected = s.filter(p -> !p.startsWith(archive.resolve(".dicomflow")))
                        .filter(Files::isRegularFile)
                        .filter(p -> !expected.contains(p.getFileName().toString().replaceFirst("\\.dcm$", "")))
                        .toList();
                assertEquals(List.of(), unexpected, "only the good objects are in the archive");
            }
            assertEquals(List.of(), partFiles(archive));
            assertEquals(expected, findImages(port, "StudyInstanceUID=" + CT_STUDY, "SOPInstanceUID"));
            assertTrue(node.output().contains("refused " + ctUid(62) + " from BADSCU"), node.output());
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    // ---- the node

    private Installation.Running startNode(Path instance, Path archive, int port) throws Exception {
        Installation.Running node = installation.start(instance, SMALL_HEAP, "node", "--aet", AET, "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", archive.toString());
        try {
            node.awaitLine("DICOMFlow node " + AET + " on 127.0.0.1:" + port + ": listening", START);
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    /** SIGKILL to the node's JVM (the launcher execs java) and anything it started; waits until all are gone. */
    private static void killHard(Installation.Running node) throws Exception {
        List<ProcessHandle> family = new ArrayList<>(node.process.descendants().toList());
        family.add(node.process.toHandle());
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : family) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        assertEquals(128 + 9, node.process.waitFor(), "killed by SIGKILL, not stopped\n" + node.output());
    }

    /** Waits until {@code archive}'s incoming folder has a part file of {@code uid} of at least {@code size} bytes. */
    private static Path awaitPart(Path archive, String uid, long size, PeerProcess sender, Installation.Running node)
            throws Exception {
        Path incoming = archive.resolve(".dicomflow/incoming");
        long deadline = System.nanoTime() + CLIENT.toNanos();
        while (true) {
            if (Files.isDirectory(incoming)) {
                try (Stream<Path> s = Files.list(incoming)) {
                    for (Path p : s.toList()) {
                        String name = p.getFileName().toString();
                        try {
                            if (name.startsWith(uid + ".") && name.endsWith(".part") && Files.size(p) >= size) {
                                return p;
                            }
                        } catch (IOException goneMeanwhile) {
                            // completed or discarded between listing and size
                        }
                    }
                }
            }
            if (sender != null && !sender.isAlive()) {
                fail("the sender ended before the node received " + size + " bytes of " + uid + "\n" + sender.output()
                        + "\n" + node.output());
            }
            if (!node.process.isAlive() || System.nanoTime() > deadline) {
                fail("no part file of " + uid + " with " + size + " bytes in " + incoming + "\n" + node.output());
            }
            Thread.sleep(5);
        }
    }

    private static void awaitNoPartFiles(Path archive) throws Exception {
        long deadline = System.nanoTime() + CLIENT.toNanos();
        while (!partFiles(archive).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "part files left: " + partFiles(archive));
            Thread.sleep(20);
        }
    }

    // ---- the archive, as files

    private static List<Path> partFiles(Path archive) throws IOException {
        try (Stream<Path> s = Files.walk(archive)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Every file of {@code uid} anywhere under the archive. */
    private static List<Path> instanceFiles(Path archive, String uid) throws IOException {
        try (Stream<Path> s = Files.walk(archive)) {
            return s.filter(p -> p.getFileName().toString().equals(uid + ".dcm")).toList();
        }
    }

    /** The one file of {@code uid}, in its study and series folder. */
    private static Path storedOnce(Path archive, String uid) throws IOException {
        List<Path> found = instanceFiles(archive, uid);
        assertEquals(1, found.size(), "one file of " + uid + ": " + found);
        assertEquals(3, archive.relativize(found.get(0)).getNameCount(), "<study>/<series>/<uid>.dcm: " + found);
        return found.get(0);
    }

    private static void assertSameDataSet(Path sent, Path stored) throws IOException {
        assertArrayEquals(InstanceFiles.dataSet(sent), InstanceFiles.dataSet(stored), stored + " holds the data set of " + sent);
    }

    private static void assertCannotUnderstand(int status, String what) {
        assertEquals(0xC000, status & 0xF000, String.format("%s: status %04X, expected a C000 failure", what, status));
    }

    // ---- test objects

    private static String ctUid(long n) throws IOException {
        return InstanceFiles.uid(InstanceFiles.sopInstanceUid(InstanceFiles.real(CT)).length(), n);
    }

    /** CT_small.dcm with the SOP Instance UID {@link #ctUid(long) ctUid(n)}. */
    private Path ctCopy(long n) throws IOException {
        return InstanceFiles.copyWithSopInstanceUid(InstanceFiles.real(CT), ctUid(n), dir.resolve("send/ct" + n + ".dcm"));
    }

    /** {@code text} cut or padded with 'x' to {@code length} characters. */
    private static String sameLength(String text, int length) {
        return text.length() >= length ? text.substring(0, length) : text + "x".repeat(length - text.length());
    }

    // ---- dcmtk clients

    private static List<String> storescuCommand(int port, String calling, List<Path> files, String... options) {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("storescu", "dcmtk").toString(), "-v", "-aet", calling,
                "-aec", AET));
        cmd.addAll(List.of(options));
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(port));
        files.forEach(f -> cmd.add(f.toString()));
        return cmd;
    }

    private PeerProcess storescu(String name, int port, List<Path> files, String... options) throws Exception {
        return PeerProcess.run(name, storescuCommand(port, "STORESCU", files, options), dir, CLIENT);
    }

    private void assertEchoWorks(int port) throws Exception {
        PeerProcess echo = Echoscu.run(dir, "ECHOSCU", AET, port);
        assertEquals(0, echo.exitCode(), echo.output());
        assertTrue(echo.output().contains("Received Echo Response (Success)"), echo.output());
    }

    /** SOP Instance UIDs that findscu (Study Root, IMAGE level) finds with {@code keys}. */
    private Set<String> findImages(int port, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("findscu", "dcmtk").toString(), "-S", "-aet", "FINDSCU",
                "-aec", AET, "-k", "QueryRetrieveLevel=IMAGE"));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(port));
        PeerProcess p = PeerProcess.run("findscu", cmd, dir, CLIENT);
        assertEquals(0, p.exitCode(), p.output());
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\(0008,0018\\) UI \\[([0-9.]+)").matcher(p.output());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static void awaitExit(PeerProcess p, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (p.isAlive()) {
            if (System.nanoTime() > deadline) {
                fail(p + " did not finish within " + limit + "\n" + p.output());
            }
            Thread.sleep(20);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
