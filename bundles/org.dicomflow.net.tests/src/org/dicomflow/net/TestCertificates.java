package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dicomflow.testing.Peers;

/**
 * A throw-away PKI made with the openssl tool for TLS tests: a test CA, a server certificate (SAN 127.0.0.1
 * and localhost), a client certificate and a server certificate naming another host that it issued, and an
 * unrelated CA with a server certificate of its own, as PEM files (PKCS#8 keys) and PKCS#12 bundles. Without
 * openssl the test fails, saying what to install.
 */
final class TestCertificates {
    static final char[] PASSWORD = "test-secret".toCharArray();

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        if (Peers.findBinary("openssl").isEmpty()) {
            fail("the openssl command is needed to make the test CA; install it with: apt-get install -y openssl");
        }
        TestCertificates c = new TestCertificates(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leaf.ext"), "basicConstraints=CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n"
                + "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Files.writeString(dir.resolve("misnamed.ext"), "basicConstraints=CA:FALSE\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n"
                + "subjectAltName=DNS:pacs.invalid\n");
        c.ca("ca", "/CN=DICOMFlow Test CA");
        c.leaf("server", "/CN=localhost/O=DICOMFlow test server", "ca", 2, "leaf.ext");
        c.leaf("client", "/CN=DICOMFLOW-SCU/O=DICOMFlow test client", "ca", 3, "leaf.ext");
        c.leaf("misnamed-server", "/CN=pacs.invalid/O=DICOMFlow test server", "ca", 5, "misnamed.ext");
        c.ca("other-ca", "/CN=Unrelated Test CA");
        c.leaf("other-server", "/CN=localhost/O=unrelated server", "other-ca", 4, "leaf.ext");
        for (String leaf : List.of("server", "client")) {
            c.openssl("pkcs12", "-export", "-in", leaf + ".crt", "-inkey", leaf + ".key", "-certfile", "ca.crt",
                    "-name", leaf, "-out", leaf + ".p12", "-passout", "pass:" + new String(PASSWORD));
        }
        // the same client key in the traditional PKCS#1 form ("RSA PRIVATE KEY") of OpenSSL 1.x
        c.openssl("rsa", "-in", "client.key", "-traditional", "-out", "client-pkcs1.key");
        return c;
    }

    private void ca(String name, String subject) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void leaf(String name, String subject, String ca, int serial, String extensions)
            throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-set_serial",
                String.valueOf(serial), "-days", "2", "-extfile", extensions, "-out", name + ".crt");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Peers.findBinary("openssl").orElseThrow().toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            fail("openssl " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + Files.readString(log));
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Our SCP: the server certificate from PKCS#12, trusting the test CA, client certificates required. */
    TlsSettings server() {
        return TlsSettings.defaults().withKeyStore(file("server.p12"), PASSWORD).withTrustStore(file("ca.crt"), null);
    }

    /** Our SCU: the client certificate from PEM files, trusting the test CA. */
    TlsSettings client() {
        return TlsSettings.defaults().withCertificate(file("client.crt"), file("client.key"))
                .withTrustStore(file("ca.crt"), null);
    }

    /** Our SCU without a certificate of its own, trusting the test CA. */
    TlsSettings anonymousClient() {
        return TlsSettings.defaults().withTrustStore(file("ca.crt"), null);
    }
}
