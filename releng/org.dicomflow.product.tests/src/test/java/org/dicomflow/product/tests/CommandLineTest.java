package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

/** {@code dicomflow echo} and friends, run through the installation's launcher against real peers. */
class CommandLineTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("echo") && r.stdout().contains("node"), r.toString());
    }

    @Test
    void unknownCommandAndMissingOptionsAreUsageErrors() throws Exception {
        Installation.Result unknown = installation.run(dir, LIMIT, "frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().startsWith("dicomflow: unknown command 'frobnicate'"), unknown.toString());

        Installation.Result noTarget = installation.run(dir, LIMIT, "echo");
        assertEquals(2, noTarget.exitCode(), noTarget.toString());
        assertTrue(noTarget.stderr().contains("-c AET@host:port is required"), noTarget.toString());

        Installation.Result badTarget = installation.run(dir, LIMIT, "echo", "-c", "AET@host:notaport");
        assertEquals(2, badTarget.exitCode(), badTarget.toString());
        assertTrue(badTarget.stderr().contains("is not a number"), badTarget.toString());
    }

    @Test
    void echoToAClosedPortSaysConnectionRefusedInOneLine() throws Exception {
        int port = FreePort.find();
        Installation.Result r = installation.run(dir, LIMIT, "echo", "-c", "NOBODY@127.0.0.1:" + port);
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals(List.of("dicomflow echo: NOBODY@127.0.0.1:" + port + ": connection refused by 127.0.0.1:" + port),
                r.stderr().lines().toList(), r.toString());
    }

    @Test
    void echoToAPeerThatNeverAnswersTimesOut() throws Exception {
        // accepts TCP but never speaks DICOM: the association request must time out (ARTIM)
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Installation.Result r = installation.run(dir, LIMIT, "echo", "-c", "SILENT@127.0.0.1:" + silent.getLocalPort(),
                    "--timeout", "1");
            assertEquals(6, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("no answer to A-ASSOCIATE-RQ"), r.toString());
        }
    }

    @Test
    void echoToDcmtkStorescp() throws Exception {
        int port = FreePort.find();
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("storescp"))) {
            Installation.Result r = installation.run(dir, LIMIT, "echo", "-c", "STORESCP@127.0.0.1:" + port, "-b", "ECHOSCU");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.stdout().matches("(?s)C-ECHO STORESCP@127.0.0.1:" + port + ": Success, round trip [0-9.]+ ms\\s*"),
                    r.toString());
        }
    }

    /**
     * The launcher keeps the classes a command loads in an archive that its later runs map (class data sharing).
     * {@code -Xshare:on} makes the JVM refuse to start unless the archive it is given can be used, and the JVM's
     * class loading log says where the tool's own classes came from: the archive written by the first run ("top",
     * the JDK's own archive being the base).
     */
    @Test
    void laterRunsOfACommandMapTheClassesOfTheFirst() throws Exception {
        int port = FreePort.find();
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("storescp"))) {
            String[] echo = { "echo", "-c", "STORESCP@127.0.0.1:" + port };
            Installation.Result first = installation.run(dir, LIMIT, echo);
            assertEquals(0, first.exitCode(), first.toString());
            // the first run wrote the archive as it exited; this one takes it
            installation.run(dir, LIMIT, echo);
            Path cds = installation.home().resolve("state/cds");
            Path archive;
            try (Stream<Path> archives = Files.list(cds)) {
                archive = archives.filter(f -> f.getFileName().toString().matches("echo-[0-9]+\\.jsa")).findFirst()
                        .orElseThrow(() -> new AssertionError("no archive for echo in " + cds));
            }
            // as if the run that wrote it had been killed while writing: the JVM writes the header last, so zeros
            // are there; a later run must neither map such a file nor keep it, and must write a good one again
            Files.delete(archive);
            Path killed = archive.resolveSibling(archive.getFileName() + ".2147483646");
            Files.write(killed, new byte[64 * 1024]);
            assertEquals(0, installation.run(dir, LIMIT, echo).exitCode());
            assertTrue(Files.notExists(killed), "the broken archive was left behind");
            assertTrue(Files.notExists(archive), "the broken archive was taken");
            installation.run(dir, LIMIT, echo);
            assertTrue(Files.exists(archive), "no new archive after the broken one");
            // through the JVM's own variable: DICOMFLOW_VMARGS is part of the archive's name
            Installation.Result shared = installation.run(dir, LIMIT,
                    Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info"), echo);
            assertEquals(0, shared.exitCode(), shared.toString());
            assertTrue(shared.stdout().contains("org.dicomflow.cli.Main source: shared objects file (top)"), shared.toString());
            assertTrue(shared.stdout().contains("C-ECHO STORESCP@127.0.0.1:" + port + ": Success"), shared.toString());
            assertEquals(List.of("Picked up JAVA_TOOL_OPTIONS: -Xshare:on -Xlog:class+load=info"), shared.stderr().lines().toList(),
                    shared.toString());
        }
    }

    @Test
    void echoToDcmqrscpRepeatedAndVerbose() throws Exception {
        int port = FreePort.find();
        try (PeerProcess qr = Peers.dcmqrscp("DCMQRSCP", port, dir.resolve("dcmqrscp"))) {
            Installation.Result r = installation.run(dir, LIMIT, "echo", "-c", "DCMQRSCP@127.0.0.1:" + port, "--repeat",
                    "3", "-v");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(3, r.stdout().lines().filter(l -> l.contains(": Success, round trip")).count(), r.toString());
            assertTrue(r.stdout().contains("3 echoes: round trip min/avg/max"), r.toString());
            // -v: what dcmqrscp (dcmtk) announced and what it accepted
            assertTrue(r.stdout().contains("peer implementation:       1.2.276.0.7230010.3"), r.toString());
            assertTrue(r.stdout().contains("max PDU length:            ours 65536, peer's 16384"), r.toString());
            assertTrue(r.stdout().matches("(?s).*presentation context 1: +Verification SOP Class .*ACCEPTANCE.*"), r.toString());
        }
    }

    @Test
    void dcmqrscpRejectsAWrongCalledAeAndTheToolSaysSo() throws Exception {
        int port = FreePort.find();
        try (PeerProcess qr = Peers.dcmqrscp("DCMQRSCP", port, dir.resolve("dcmqrscp"))) {
            Installation.Result r = installation.run(dir, LIMIT, "echo", "-c", "NOTTHERE@127.0.0.1:" + port);
            assertEquals(4, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("association rejected (permanent) by service user: called AE title not recognized"),
                    r.toString());
        }
    }

    @Test
    void echoToOrthancAndItsRejection() throws Exception {
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, dir.resolve("orthanc"))) {
            Installation.Result ok = installation.run(dir, LIMIT, "echo", "-c", "ORTHANC@127.0.0.1:" + port);
            assertEquals(0, ok.exitCode(), ok.toString());
            assertTrue(ok.stdout().contains(": Success, round trip"), ok.toString());

            Installation.Result wrong = installation.run(dir, LIMIT, "echo", "-c", "NOTORTHANC@127.0.0.1:" + port);
            assertEquals(4, wrong.exitCode(), wrong.toString());
            assertTrue(wrong.stderr().contains("called AE title not recognized"), wrong.toString());
        }
    }
}
