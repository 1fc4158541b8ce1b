package org.dicomflow.net;

import static org.dicomflow.net.MisbehavingPeers.readOrEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our SCU against our SCP over TLS, with a test CA made by openssl: both TLS versions, client certificates
 * required and missing, untrusted servers, plain clients, silent and non-reading peers, key material in PEM
 * and PKCS#12.
 */
class TlsTest {
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(20));

    @TempDir
    static Path pki;
    static TestCertificates certs;

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private final List<java.io.Closeable> toClose = new ArrayList<>();
    private DicomServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create(pki);
    }

    @AfterEach
    void cleanUp() {
        for (java.io.Closeable c : toClose) {
            try {
                c.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private DicomServer listen(ServerConfig config) throws IOException {
        if (server != null) {
            server.close();
        }
        server = new ApplicationEntity("TLSSCP").listen(config.withListener(listener));
        return server;
    }

    private DicomServer listen(TlsSettings tls) throws IOException {
        return listen(ServerConfig.bind("127.0.0.1", 0).withTls(tls)
                .withStorage(List.of(UID.SecondaryCaptureImageStorage), new DirectoryStorage(dir.resolve("store"))));
    }

    private AssociationRequest request(TlsSettings tls) {
        return AssociationRequest.to("TLSSCP", "127.0.0.1", server.localPort()).withTls(tls)
                .withContext(UID.Verification).withContext(UID.SecondaryCaptureImageStorage);
    }

    private static DataSet secondaryCapture(String iuid) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.PatientName, VR.PN, "Tls^Test");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4.5");
        return ds;
    }

    /** Echo and a C-STORE over TLS; the stored file proves the data went through the TLS stream intact. */
    private void echoAndStore(TlsSettings client, String iuid) throws IOException {
        try (Association as = new ApplicationEntity("TLSSCU").connect(request(client), TIMEOUTS)) {
            assertTrue(as.echo().isSuccess());
            StoreResult stored = as.store(DataSetSource.of(secondaryCapture(iuid), UID.ExplicitVRLittleEndian));
            assertTrue(stored.isSuccess(), stored::describe);
            as.release();
        }
        Path file = new DirectoryStorage(dir.resolve("store")).fileFor(iuid);
        DataSet got = org.dicomflow.dicom.io.DicomReader.read(file);
        assertEquals("Tls^Test", got.getString(Tag.PatientName));
    }

    /** The server allows only {@code version}: the client, offering both, must use it. */
    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void echoAndStoreOverEachTlsVersion(String version) throws Exception {
        listen(certs.server().withProtocols(List.of(version)));
        echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.7." + version.charAt(6));
        assertTrue(listener.nextEnd().startsWith("closed"));
    }

    @Test
    void noCommonVersionFailsWithAClearMessage() throws Exception {
        listen(certs.server().withProtocols(List.of("TLSv1.3")));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> new ApplicationEntity("TLSSCU")
                .connect(request(certs.client().withProtocols(List.of("TLSv1.2"))), TIMEOUTS));
        assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + server.localPort() + " failed: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no TLS version or cipher suite in common"), e.getMessage());
    }

    /**
     * TLS 1.2 refuses in the handshake; TLS 1.3 lets the client finish and refuses at its first read. Either way
     * the caller learns that a certificate was missing, and the server serves the next client.
     */
    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void missingClientCertificateIsRefusedAndTheServerGoesOn(String version) throws Exception {
        listen(certs.server().withProtocols(List.of(version)));
        IOException e = assertThrows(IOException.class,
                () -> new ApplicationEntity("TLSSCU").connect(request(certs.anonymousClient()), TIMEOUTS));
        String m = Failures.describe(e);
        assertTrue(m.contains("TLS ") && m.contains(" with 127.0.0.1:" + server.localPort() + " failed: the peer"
                + " requires a client certificate and we have none"), m);
        String ended = listener.nextEnd();
        assertTrue(ended.startsWith("aborted") && ended.contains("TLS handshake with 127.0.0.1:")
                && ended.contains("no certificate"), ended);

        echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.8." + version.charAt(6));
    }

    /** JSSE offers only a certificate from a CA the server names; the message says so. */
    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void clientCertificateFromAnotherCaIsRefused(String version) throws Exception {
        listen(certs.server().withProtocols(List.of(version)));
        IOException e = assertThrows(IOException.class, () -> new ApplicationEntity("TLSSCU").connect(request(
                TlsSettings.defaults().withCertificate(certs.file("other-server.crt"), certs.file("other-server.key"))
                        .withTrustStore(certs.file("ca.crt"), null)), TIMEOUTS));
        String m = Failures.describe(e);
        assertTrue(m.contains("the peer requires a client certificate issued by CN=DICOMFlow Test CA, and ours is"
                + " not"), m);
        String ended = listener.nextEnd();
        assertTrue(ended.startsWith("aborted") && ended.contains("no certificate"), ended);
        echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.15." + version.charAt(6));
    }

    @Test
    void optionalClientAuthenticationAcceptsAnonymousClients() throws Exception {
        listen(certs.server().withClientAuthentication(TlsSettings.ClientAuthentication.OPTIONAL));
        echoAndStore(certs.anonymousClient(), "1.2.826.0.1.3680043.2.1143.9");
    }

    @Test
    void serverCertificateFromAnotherCaIsNotTrusted() throws Exception {
        listen(TlsSettings.defaults().withCertificate(certs.file("other-server.crt"), certs.file("other-server.key"))
                .withTrustStore(certs.file("ca.crt"), null));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> new ApplicationEntity("TLSSCU").connect(request(certs.client()), TIMEOUTS));
        assertEquals("TLS handshake with 127.0.0.1:" + server.localPort() + " failed: certificate not trusted:"
                + " O=unrelated server,CN=localhost, issued by CN=Unrelated Test CA (no trusted CA issued it)",
                Failures.describe(e));
        // the server's side of it (the client's alert, or the connection closed under a write) is logged
        String ended = listener.nextEnd();
        assertTrue(ended.startsWith("aborted") && ended.contains("TLS handshake with 127.0.0.1:"), ended);
    }

    /**
     * A certificate replaced at the same paths (a renewal) is read again by {@link DicomServer#reloadTls()}: new
     * connections get the new one, the open association goes on; files that do not make a TLS context are refused
     * and the server goes on with the old.
     */
    @Test
    void aCertificateReplacedAtItsPathsIsUsedOnceReloaded() throws Exception {
        Path crt = dir.resolve("live.crt");
        Path key = dir.resolve("live.key");
        Files.copy(certs.file("server.crt"), crt);
        Files.copy(certs.file("server.key"), key);
        listen(TlsSettings.defaults().withCertificate(crt, key).withTrustStore(certs.file("ca.crt"), null));
        try (Association open = new ApplicationEntity("TLSSCU").connect(request(certs.client()), TIMEOUTS)) {
            assertTrue(open.echo().isSuccess());

            Files.writeString(crt, "renewal half written");
            IOException refused = assertThrows(IOException.class, server::reloadTls);
            assertTrue(refused.getMessage().contains(crt.toString()), refused.getMessage());
            echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.16");

            // a certificate of another CA, which the client does not trust: seeing it refused proves it is served
            Files.copy(certs.file("other-server.crt"), crt, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certs.file("other-server.key"), key, StandardCopyOption.REPLACE_EXISTING);
            server.reloadTls();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> new ApplicationEntity("TLSSCU").connect(request(certs.client()), TIMEOUTS));
            assertTrue(Failures.describe(e).contains("issued by CN=Unrelated Test CA"), Failures.describe(e));
            assertTrue(open.echo().isSuccess(), "the association opened before the reload goes on");
            open.release();
        }
    }

    /** Off by default (DICOM trusts the CA, not host names); when on, the certificate must name the host. */
    @Test
    void hostnameVerificationChecksTheCertificatesNames() throws Exception {
        listen(TlsSettings.defaults().withCertificate(certs.file("misnamed-server.crt"),
                certs.file("misnamed-server.key")).withTrustStore(certs.file("ca.crt"), null));
        echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.10");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> new ApplicationEntity("TLSSCU")
                .connect(request(certs.client().withHostnameVerification(true)), TIMEOUTS));
        assertTrue(e.getMessage().contains("certificate not trusted") && e.getMessage().contains("127.0.0.1"),
                e.getMessage());

        listen(certs.server());
        echoAndStore(certs.client().withHostnameVerification(true), "1.2.826.0.1.3680043.2.1143.14");
    }

    @Test
    void plainClientFailsQuicklyAndTheServerGoesOn() throws Exception {
        listen(certs.server());
        IOException e = assertThrows(IOException.class, () -> new ApplicationEntity("PLAIN")
                .connect(AssociationRequest.to("TLSSCP", "127.0.0.1", server.localPort())
                        .withContext(UID.Verification), TIMEOUTS.withArtim(Duration.ofSeconds(30))));
        // refused at once, not by our 30 s ARTIM
        assertTrue(!(e instanceof SocketTimeoutException), e.toString());
        String ended = listener.nextEnd();
        assertTrue(ended.startsWith("aborted") && ended.contains("does not speak TLS"), ended);
        echoAndStore(certs.client(), "1.2.826.0.1.3680043.2.1143.11");
    }

    /**
     * The handshake runs on the connection's thread: another client gets through while a silent one still
     * waits for its handshake, which is then dropped at the request timeout.
     */
    @Test
    void silentClientDoesNotBlockOthersAndIsDropped() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTls(certs.server()).withRequestTimeout(Duration.ofSeconds(5)));
        try (Socket silent = new Socket("127.0.0.1", server.localPort())) {
            try (Association as = new ApplicationEntity("TLSSCU").connect(request(certs.client()), TIMEOUTS)) {
                assertTrue(as.echo().isSuccess());
                as.release();
            }
            silent.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, () -> silent.getInputStream().read(),
                    "the silent connection should still be waiting for its handshake");
            silent.setSoTimeout(20_000);
            assertEquals(-1, readOrEnd(silent.getInputStream()), "the silent connection was not dropped");
        }
    }

    /** Connections still in their handshake are pending connections: beyond the cap, the oldest is dropped. */
    @Test
    void handshakingConnectionsCountAgainstThePendingCap() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTls(certs.server()).withMaxPendingConnections(2)
                .withRequestTimeout(Duration.ofSeconds(60)));
        try (Socket oldest = new Socket("127.0.0.1", server.localPort());
                Socket second = new Socket("127.0.0.1", server.localPort());
                Socket third = new Socket("127.0.0.1", server.localPort())) {
            oldest.setSoTimeout(20_000);
            assertEquals(-1, readOrEnd(oldest.getInputStream()), "the oldest silent connection was not evicted");
            // and the server still takes a real client (which itself evicts the next silent one)
            try (Association as = new ApplicationEntity("TLSSCU").connect(request(certs.client()), TIMEOUTS)) {
                assertTrue(as.echo().isSuccess());
                as.release();
            }
        }
    }

    @Test
    void serverThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (ServerSocket mute = new ServerSocket()) {
            mute.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> new ApplicationEntity("TLSSCU")
                    .connect(AssociationRequest.to("MUTE", "127.0.0.1", mute.getLocalPort()).withTls(certs.client())
                            .withContext(UID.Verification), TIMEOUTS.withArtim(Duration.ofSeconds(1))));
            assertEquals("TLS handshake with 127.0.0.1:" + mute.getLocalPort() + " did not complete within 1000 ms",
                    e.getMessage());
        }
    }

    /**
     * A TLS peer that never reads while we write to it: the write watchdog must be able to close the TLS
     * connection (JSSE's own close would wait for the blocked writer), timers go on, close() returns.
     */
    @Test
    void tlsPeerThatNeverReadsFreezesNothing() throws Exception {
        Timeouts t = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(1)).withIdle(Duration.ofSeconds(1));
        listen(ServerConfig.bind("127.0.0.1", 0).withTls(certs.server()).withTimeouts(t)
                .withRequestTimeout(Duration.ofSeconds(2)));
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(2048);
        tcp.connect(new InetSocketAddress("127.0.0.1", server.localPort()));
        SSLContext context = certs.client().createContext();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "127.0.0.1", server.localPort(), true);
        tls.startHandshake();
        RawPeer bad = new RawPeer(tls);
        toClose.add(bad);
        bad.associate("TLSSCP");
        Thread spam = MisbehavingPeers.startSendingWithoutReading(bad);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // timers still run: a silent connection is dropped after its 2 s
            try (Socket silent = new Socket("127.0.0.1", server.localPort())) {
                assertEquals(-1, readOrEnd(silent.getInputStream()));
            }
            spam.join(); // the server's write watchdog closed the non-reading peer
        }, "timers or the watchdog are stuck behind a blocked TLS write");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> server.close(), "server.close() blocked");
        assertTrue(server.awaitTermination(Duration.ofSeconds(20)), "every association ended after close()");
    }

    @Test
    void keyMaterialInPkcs12AndPemFormsWorks() throws Exception {
        listen(TlsSettings.defaults().withCertificate(certs.file("server.crt"), certs.file("server.key"))
                .withTrustStore(certs.file("ca.crt"), null));
        echoAndStore(TlsSettings.defaults().withKeyStore(certs.file("client.p12"), TestCertificates.PASSWORD)
                .withTrustStore(certs.file("ca.crt"), null), "1.2.826.0.1.3680043.2.1143.12");
        echoAndStore(TlsSettings.defaults().withCertificate(certs.file("client.crt"), certs.file("client-pkcs1.key"))
                .withTrustStore(certs.file("ca.crt"), null), "1.2.826.0.1.3680043.2.1143.13");
    }

    @Test
    void unusableKeyMaterialFailsAtListenNamingTheFile() throws Exception {
        IOException wrongPassword = assertThrows(IOException.class, () -> listen(TlsSettings.defaults()
                .withKeyStore(certs.file("server.p12"), "wrong".toCharArray())));
        assertTrue(wrongPassword.getMessage().contains("server.p12") && wrongPassword.getMessage().contains(
                "wrong password"), wrongPassword.getMessage());

        IOException foreignKey = assertThrows(IOException.class, () -> listen(TlsSettings.defaults()
                .withCertificate(certs.file("server.crt"), certs.file("client.key"))));
        assertTrue(foreignKey.getMessage().contains("does not belong to the certificate"), foreignKey.getMessage());

        IOException missing = assertThrows(IOException.class, () -> listen(certs.server()
                .withTrustStore(certs.file("nothing-here.pem"), null)));
        assertTrue(missing.getMessage().contains("nothing-here.pem") && missing.getMessage().contains("no such file"),
                missing.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.bind("127.0.0.1", 0).withTls(certs.anonymousClient()), "an SCP needs a certificate");
        assertThrows(IllegalArgumentException.class, () -> TlsSettings.defaults().withProtocols(List.of("TLSv1.1")));
    }
}
