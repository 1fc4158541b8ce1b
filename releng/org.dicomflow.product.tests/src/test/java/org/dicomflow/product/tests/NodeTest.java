package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomflow node}: the headless node of the built installation, with dcmtk's echoscu as the client. */
class NodeTest {

    private static final Duration START = Duration.ofSeconds(60);
    /** Longer than the node's SIGTERM hook waits for the framework (10 s), so a late stop shows its exit code. */
    private static final Duration STOP = Duration.ofSeconds(20);
    /** A clean stop does not need the hook's whole wait. */
    private static final Duration PROMPT_STOP = Duration.ofSeconds(8);
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void answersEchoscuRejectsWrongCalledAeAndStopsCleanlyOnSigterm() throws Exception {
        int port = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--aet", "PRODNODE", "--port",
                Integer.toString(port), "--bind", "127.0.0.1")) {
            node.awaitLine("DICOMFlow node PRODNODE on 127.0.0.1:" + port + ": listening", START);

            PeerProcess ok = Echoscu.run(dir, "ECHOSCU", "PRODNODE", port);
            assertEquals(0, ok.exitCode(), ok.output());
            assertTrue(ok.output().contains("Received Echo Response (Success)"), ok.output());
            node.awaitLine("association released: ECHOSCU -> PRODNODE", START);

            PeerProcess wrong = Echoscu.run(dir, "ECHOSCU", "WRONGAE", port);
            assertNotEquals(0, wrong.exitCode(), wrong.output());
            assertTrue(wrong.output().contains("Result: Rejected Permanent, Source: Service User"), wrong.output());
            assertTrue(wrong.output().contains("Reason: Called AE Title Not Recognized"), wrong.output());
            node.awaitLine("association rejected: ECHOSCU -> WRONGAE", START);

            assertEquals(0, node.terminate(STOP), node.output());
            assertTrue(node.output().contains("DICOMFlow node stopped"), node.output());
        }
    }

    @Test
    void orthancEchoesTheNode() throws Exception {
        int port = FreePort.find();
        int orthancDicom = FreePort.find();
        int orthancHttp = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--aet", "DFNODE", "--port",
                Integer.toString(port));
                PeerProcess orthanc = Peers.orthanc("ORTHANC", orthancDicom, orthancHttp,
                        Map.of("dfnode", "DFNODE@127.0.0.1:" + port, "nobody", "NOBODY@127.0.0.1:" + FreePort.find()),
                        dir.resolve("orthanc"))) {
            node.awaitLine("DICOMFlow node DFNODE .*listening", START);
            // Orthanc's REST API runs a C-ECHO SCU against a configured modality: 200 on success
            HttpResponse<String> ok = post("http://127.0.0.1:" + orthancHttp + "/modalities/dfnode/echo");
            assertEquals(200, ok.statusCode(), ok.body() + "\n" + node.output());
            node.awaitLine("association released: ORTHANC -> DFNODE", START);

            HttpResponse<String> nobody = post("http://127.0.0.1:" + orthancHttp + "/modalities/nobody/echo");
            assertNotEquals(200, nobody.statusCode(), "a closed port must fail the echo: " + nobody.body());
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void stopsPromptlyOnSigtermWithAnIdleAssociationOpen() throws Exception {
        int port = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--aet", "IDLENODE", "--port",
                Integer.toString(port), "--bind", "127.0.0.1")) {
            node.awaitLine("DICOMFlow node IDLENODE on 127.0.0.1:" + port + ": listening", START);
            try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), port)) {
                idle.setSoTimeout(30_000);
                idle.getOutputStream().write(associateRq("IDLENODE", "SITTER"));
                idle.getOutputStream().flush();
                java.io.DataInputStream in = new java.io.DataInputStream(idle.getInputStream());
                assertEquals(0x02, in.read(), "A-ASSOCIATE-AC expected");
                in.read();
                in.skipNBytes(in.readInt()); // the rest of the A-ASSOCIATE-AC
                // the association is established and then just sits there
                assertEquals(0, node.terminate(PROMPT_STOP), node.output());
                assertTrue(node.output().contains("DICOMFlow node stopped"), node.output());
                // the node ended the association: A-ABORT (type 07) or the connection closed
                int next = in.read();
                assertTrue(next == 0x07 || next == -1, "association ended by the node, read " + next);
                // (its log line may be lost: the JDK's LogManager resets its handlers in a shutdown hook of its own)
            }
        }
    }

    /** A-ASSOCIATE-RQ proposing Verification with Implicit VR Little Endian (PS3.8 9.3.2), by hand. */
    static byte[] associateRq(String called, String calling) throws java.io.IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(body);
        d.writeShort(1);
        d.writeShort(0);
        d.write(String.format("%-16s", called).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        d.write(String.format("%-16s", calling).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        d.write(new byte[32]);
        item(d, 0x10, "1.2.840.10008.3.1.1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.io.ByteArrayOutputStream pc = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream p = new java.io.DataOutputStream(pc);
        p.write(new byte[] { 1, 0, 0, 0 });
        item(p, 0x30, "1.2.840.10008.1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        item(p, 0x40, "1.2.840.10008.1.2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        item(d, 0x20, pc.toByteArray());
        item(d, 0x50, new byte[] { 0x51, 0, 0, 4, 0, 0, 0x40, 0 });
        java.io.ByteArrayOutputStream pdu = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(pdu);
        out.write(new byte[] { 1, 0 });
        out.writeInt(body.size());
        out.write(body.toByteArray());
        return pdu.toByteArray();
    }

    private static void item(java.io.DataOutputStream d, int type, byte[] value) throws java.io.IOException {
        d.write(type);
        d.write(0);
        d.writeShort(value.length);
        d.write(value);
    }

    private static HttpResponse<String> post(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsItsConfigurationFromEtcAndRejectsCallersNotAllowed() throws Exception {
        int port = FreePort.find();
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/org.dicomflow.node.cfg"), String.join("\n",
                "aeTitle = CFGNODE", "bindAddress = 127.0.0.1", "port = " + port, "allowedCallingAets = FRIEND, ALLY",
                "maxAssociations = 4", ""));
        try (Installation.Running node = installation.start(dir, Map.of(), "node")) {
            node.awaitLine("DICOMFlow node CFGNODE on 127.0.0.1:" + port + ": listening", START);

            assertEquals(0, Echoscu.run(dir, "FRIEND", "CFGNODE", port).exitCode());
            PeerProcess stranger = Echoscu.run(dir, "STRANGER", "CFGNODE", port);
            assertNotEquals(0, stranger.exitCode(), stranger.output());
            assertTrue(stranger.output().contains("Reason: Calling AE Title Not Recognized"), stranger.output());

            Installation.Result ours = installation.run(dir, START, "echo", "-c", "CFGNODE@127.0.0.1:" + port, "-b", "ALLY");
            assertEquals(0, ours.exitCode(), ours.toString());
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void keepsServingAfterAClientSendsGarbageOrHangsUpMidPdu() throws Exception {
        int port = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--aet", "TOUGH", "--port",
                Integer.toString(port))) {
            node.awaitLine("DICOMFlow node TOUGH on .*:" + port + ": listening", START);
            try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = garbage.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                // the node answers an unknown PDU type with A-ABORT (PDU type 07)
                garbage.setSoTimeout(30_000);
                assertEquals(0x07, garbage.getInputStream().read(), "A-ABORT expected");
            }
            try (Socket halfPdu = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // an A-ASSOCIATE-RQ header announcing 1000 bytes, then hang up after 10
                halfPdu.getOutputStream().write(new byte[] { 0x01, 0, 0, 0, 0x03, (byte) 0xE8, 0, 1, 0, 0 });
            }
            PeerProcess after = Echoscu.run(dir, "ECHOSCU", "TOUGH", port);
            assertEquals(0, after.exitCode(), after.output());
            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    @Test
    void saysWhyItCannotListenAndExits() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            try (Installation.Running node = installation.start(dir, Map.of(), "node", "--port", Integer.toString(port))) {
                assertTrue(node.process.waitFor(START.toSeconds(), TimeUnit.SECONDS), node.output());
                assertEquals(1, node.process.exitValue(), node.output());
                assertTrue(node.output().contains("could not start") && node.output().contains("127.0.0.1:" + port + ": Address already in use"),
                        node.output());
            }
        }
    }

    @Test
    void refusesABadCommandLine() throws Exception {
        Installation.Result r = installation.run(dir, START, "node", "--port", "seventy");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--port: 'seventy' is not a number"), r.toString());
    }
}
