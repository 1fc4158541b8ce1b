package org.dicomflow.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.dicomflow.net.TlsSettings;

/** Builds the JSSE context and per-connection parameters that {@link TlsSettings} describe. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @throws IOException naming the file that cannot be used and why
     */
    public static SSLContext create(TlsSettings settings) throws IOException {
        return create(settings, null);
    }

    /**
     * As above; {@code request}, if not {@code null}, notes what a server asks this (client) context for.
     */
    static SSLContext create(TlsSettings settings, RequestNoticingKeyManager.CertificateRequest request)
            throws IOException {
        try {
            KeyManager[] keys = keyManagers(settings);
            if (request != null) {
                X509ExtendedKeyManager own = keys == null ? null : (X509ExtendedKeyManager) keys[0];
                keys = new KeyManager[] { new RequestNoticingKeyManager(own, request) };
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trustManagers(settings), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS cannot be set up: " + e.getMessage(), e);
        } catch (FileSystemException e) {
            String problem = e instanceof NoSuchFileException ? "no such file" : e.getReason() != null ? e.getReason()
                    : e.getClass().getSimpleName();
            throw new IOException("TLS: cannot read " + e.getFile() + ": " + problem, e);
        }
    }

    /** Protocols, cipher suites, client authentication and host name verification for one connection. */
    static SSLParameters parameters(SSLContext context, TlsSettings settings, boolean clientMode) throws IOException {
        SSLParameters supported = context.getSupportedSSLParameters();
        SSLParameters p = context.getDefaultSSLParameters();
        String[] protocols = retain(settings.protocols(), supported.getProtocols());
        if (protocols.length == 0) {
            throw new IOException("none of the TLS versions " + settings.protocols()
                    + " is supported by this Java runtime");
        }
        String[] suites = retain(settings.cipherSuites(), supported.getCipherSuites());
        if (suites.length == 0) {
            throw new IOException("none of the cipher suites " + settings.cipherSuites()
                    + " is supported by this Java runtime");
        }
        p.setProtocols(protocols);
        p.setCipherSuites(suites);
        p.setUseCipherSuitesOrder(true);
        if (clientMode) {
            p.setEndpointIdentificationAlgorithm(settings.hostnameVerification() ? "HTTPS" : null);
        } else {
            switch (settings.clientAuthentication()) {
            case REQUIRED -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> {
                p.setNeedClientAuth(false);
                p.setWantClientAuth(false);
            }
            default -> throw new AssertionError(settings.clientAuthentication());
            }
        }
        return p;
    }

    private static String[] retain(List<String> wanted, String[] supported) {
        List<String> available = Arrays.asList(supported);
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }

    private static KeyManager[] keyManagers(TlsSettings settings) throws IOException, GeneralSecurityException {
        KeyStore keys;
        char[] password;
        if (settings.keyStore() != null) {
            password = settings.keyStorePassword();
            keys = pkcs12(settings.keyStore(), password, "key store");
            if (!hasKey(keys)) {
                throw new IOException("TLS key store " + settings.keyStore() + ": no private key entry in it");
            }
        } else if (settings.certificateFile() != null) {
            // in memory only; JKS because PKCS#12 would run its password-based encryption (10000 rounds) on
            // every connection for a key that never touches a disk
            password = "in-memory".toCharArray();
            List<X509Certificate> chain = PemFiles.certificates(settings.certificateFile());
            X509Certificate own = chain.get(0);
            PrivateKey key = PemFiles.privateKey(settings.privateKeyFile(), own.getPublicKey().getAlgorithm());
            requireMatching(key, own, settings);
            keys = KeyStore.getInstance("JKS");
            keys.load(null, null);
            keys.setKeyEntry("dicomflow", key, password, chain.toArray(X509Certificate[]::new));
        } else {
            return null; // no certificate of our own
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        return factory.getKeyManagers();
    }

    /** A key that does not belong to the certificate would only fail later, in the peer's handshake. */
    private static void requireMatching(PrivateKey key, X509Certificate certificate, TlsSettings settings)
            throws IOException {
        if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa
                && certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub) {
            // the public half is in the private key: no signature (tens of ms in a fresh JVM) needed
            if (rsa.getModulus().equals(pub.getModulus()) && rsa.getPublicExponent().equals(pub.getPublicExponent())) {
                return;
            }
            throw mismatch(certificate, settings);
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // e.g. RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "dicomflow".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // fall through: treated as not matching
        }
        throw mismatch(certificate, settings);
    }

    private static IOException mismatch(X509Certificate certificate, TlsSettings settings) {
        return new IOException("TLS private key " + settings.privateKeyFile() + " does not belong to the certificate "
                + settings.certificateFile() + " (" + certificate.getSubjectX500Principal().getName() + ")");
    }

    private static boolean hasKey(KeyStore keys) throws GeneralSecurityException {
        for (String alias : Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static TrustManager[] trustManagers(TlsSettings settings) throws IOException, GeneralSecurityException {
        KeyStore trusted = null; // the JDK's cacerts
        Path file = settings.trustStore();
        if (file != null) {
            trusted = trustStore(file, settings.trustStorePassword());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trusted);
        List<TrustManager> managers = new ArrayList<>();
        for (TrustManager m : factory.getTrustManagers()) {
            managers.add(m instanceof X509ExtendedTrustManager x ? new ExplainingTrustManager(x) : m);
        }
        return managers.toArray(TrustManager[]::new);
    }

    /** PEM or DER certificates, or a PKCS#12 trust store. */
    private static KeyStore trustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        if (!PemFiles.looksLikePem(file)) {
            KeyStore store;
            try {
                store = pkcs12(file, password, "trust store");
            } catch (IOException | GeneralSecurityException notPkcs12) {
                try {
                    return certificateStore(PemFiles.certificates(file)); // a DER certificate
                } catch (IOException notCertificate) {
                    throw notPkcs12; // e.g. the PKCS#12 password is wrong
                }
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias)) {
                    return store;
                }
            }
            // the JDK loads a PKCS#12 certificate as trusted only with Java's "trusted key usage" attribute,
            // which openssl does not write
            throw new IOException("TLS trust store " + file + ": no trusted certificate entry the JDK can use (a"
                    + " PKCS#12 file made by openssl lacks Java's trust attribute): give the CA certificate as a PEM"
                    + " file, or import it with keytool -importcert -storetype PKCS12");
        }
        return certificateStore(PemFiles.certificates(file));
    }

    private static KeyStore certificateStore(List<X509Certificate> certificates)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate c : certificates) {
            store.setCertificateEntry("trusted-" + n++, c);
        }
        return store;
    }

    private static KeyStore pkcs12(Path file, char[] password, String what) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? new char[0] : password);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "wrong password" : String.valueOf(e.getMessage());
            throw new IOException("TLS " + what + " " + file + ": cannot open it as PKCS#12 (" + why + ")", e);
        }
        return store;
    }
}
