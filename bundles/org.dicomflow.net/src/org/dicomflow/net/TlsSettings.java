package org.dicomflow.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.dicomflow.net.internal.TlsContexts;

/**
 * DICOM over TLS (PS3.15 Annex B), for an SCU ({@link AssociationRequest#withTls}) or an SCP
 * ({@link ServerConfig#withTls}). Immutable; each {@code with...} returns new settings. Built with the JDK's
 * JSSE only.
 * <p>
 * Defaults follow the BCP 195 profiles of PS3.15: TLS 1.3 and 1.2 only, the AEAD cipher suites with forward
 * secrecy that RFC 9325 recommends ({@link #BCP195_CIPHER_SUITES}), the JDK's trust store (cacerts), no
 * certificate of our own, and on the SCP side a client certificate is required, as DICOM peers authenticate
 * each other.
 * <p>
 * Host name verification is off by default: DICOM peers are configured by AE title, host and port, and their
 * certificates, usually issued by a site's own CA, seldom name the host or IP address they are reached by.
 * Trust comes from the CA (or the peer's own certificate) in the trust store; turn verification on with
 * {@link #withHostnameVerification} where certificates do name their hosts.
 */
public final class TlsSettings {
    /** Whether an SCP asks the calling side for a certificate. Not used on the SCU side. */
    public enum ClientAuthentication {
        /** The handshake fails without a client certificate that the trust store accepts. */
        REQUIRED,
        /** A client certificate is asked for and checked if one is sent. */
        OPTIONAL,
        /** No client certificate is asked for. */
        NONE
    }

    /** Preferred first. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * TLS 1.3 suites, then the TLS 1.2 suites RFC 9325 (BCP 195) recommends: ECDHE key exchange with AES-GCM.
     * Each protocol version uses the suites of this list that belong to it.
     */
    public static final List<String> BCP195_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private List<String> protocols;
    private List<String> cipherSuites;
    private Path keyStore;
    private char[] keyStorePassword;
    private Path certificateFile;
    private Path privateKeyFile;
    private Path trustStore;
    private char[] trustStorePassword;
    private ClientAuthentication clientAuthentication;
    private boolean hostnameVerification;

    private TlsSettings() {
    }

    /** Fields are only set on a fresh copy before it is returned: instances are never changed. */
    private TlsSettings copy() {
        TlsSettings c = new TlsSettings();
        c.protocols = protocols;
        c.cipherSuites = cipherSuites;
        c.keyStore = keyStore;
        c.keyStorePassword = keyStorePassword;
        c.certificateFile = certificateFile;
        c.privateKeyFile = privateKeyFile;
        c.trustStore = trustStore;
        c.trustStorePassword = trustStorePassword;
        c.clientAuthentication = clientAuthentication;
        c.hostnameVerification = hostnameVerification;
        return c;
    }

    /**
     * TLS 1.3 and 1.2 with {@link #BCP195_CIPHER_SUITES}, the JDK's trust store, no own certificate, client
     * certificates required (SCP side), no host name verification.
     */
    public static TlsSettings defaults() {
        TlsSettings c = new TlsSettings();
        c.protocols = DEFAULT_PROTOCOLS;
        c.cipherSuites = BCP195_CIPHER_SUITES;
        c.clientAuthentication = ClientAuthentication.REQUIRED;
        return c;
    }

    /**
     * The protocol versions to offer or accept, among "TLSv1.3" and "TLSv1.2" (older versions are forbidden
     * by BCP 195).
     */
    public TlsSettings withProtocols(List<String> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("name at least one TLS version (TLSv1.3, TLSv1.2)");
        }
        for (String v : versions) {
            if (!ALLOWED_PROTOCOLS.contains(v)) {
                throw new IllegalArgumentException("TLS version '" + v + "' is not supported; use TLSv1.3 or TLSv1.2");
            }
        }
        TlsSettings c = copy();
        c.protocols = List.copyOf(versions);
        return c;
    }

    /** The cipher suites (JSSE/IANA names) in order of preference; those the JDK lacks are ignored. */
    public TlsSettings withCipherSuites(List<String> suites) {
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("name at least one cipher suite");
        }
        TlsSettings c = copy();
        c.cipherSuites = List.copyOf(suites);
        return c;
    }

    /**
     * Our certificate and private key from a PKCS#12 file (e.g. {@code openssl pkcs12 -export}); the password
     * opens the file and the key. Replaces {@link #withCertificate}.
     */
    public TlsSettings withKeyStore(Path pkcs12, char[] password) {
        TlsSettings c = copy();
        c.keyStore = Objects.requireNonNull(pkcs12, "pkcs12");
        c.keyStorePassword = password == null ? new char[0] : password.clone();
        c.certificateFile = null;
        c.privateKeyFile = null;
        return c;
    }

    /**
     * Our certificate (PEM, leaf first, optionally followed by its chain) and its unencrypted private key
     * (PEM: PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"), as dcmtk and OpenSSL use them. Replaces
     * {@link #withKeyStore}.
     */
    public TlsSettings withCertificate(Path certificatePem, Path privateKeyPem) {
        TlsSettings c = copy();
        c.certificateFile = Objects.requireNonNull(certificatePem, "certificatePem");
        c.privateKeyFile = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        c.keyStore = null;
        c.keyStorePassword = null;
        return c;
    }

    /**
     * Trust only the certificates in {@code file} (CA certificates or the peers' own): PEM or DER certificates,
     * or a PKCS#12 trust store opened with {@code password} ({@code null} for certificate files). Replaces the
     * JDK's trust store.
     */
    public TlsSettings withTrustStore(Path file, char[] password) {
        TlsSettings c = copy();
        c.trustStore = Objects.requireNonNull(file, "file");
        c.trustStorePassword = password == null ? null : password.clone();
        return c;
    }

    /** SCP side: whether a client certificate is required (the default), optional or not asked for. */
    public TlsSettings withClientAuthentication(ClientAuthentication mode) {
        TlsSettings c = copy();
        c.clientAuthentication = Objects.requireNonNull(mode, "mode");
        return c;
    }

    /**
     * SCU side: also check that the peer's certificate names the host connected to (RFC 2818 rules, as HTTPS
     * does). Off by default, see the class comment.
     */
    public TlsSettings withHostnameVerification(boolean verify) {
        TlsSettings c = copy();
        c.hostnameVerification = verify;
        return c;
    }

    public List<String> protocols() {
        return protocols;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** PKCS#12 file with our certificate and key, or {@code null}. */
    public Path keyStore() {
        return keyStore;
    }

    /** A copy; {@code null} without {@link #keyStore()}. */
    public char[] keyStorePassword() {
        return keyStorePassword == null ? null : keyStorePassword.clone();
    }

    /** PEM file with our certificate (chain), or {@code null}. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** PEM file with our private key, or {@code null}. */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** Certificates or PKCS#12 trust store; {@code null} means the JDK's trust store. */
    public Path trustStore() {
        return trustStore;
    }

    /** A copy; {@code null} if none was given. */
    public char[] trustStorePassword() {
        return trustStorePassword == null ? null : trustStorePassword.clone();
    }

    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** True if we present a certificate of our own. */
    public boolean hasOwnCertificate() {
        return keyStore != null || certificateFile != null;
    }

    /**
     * Reads the key and trust material and builds the JSSE context; the files are read on each call.
     *
     * @throws IOException naming the file that cannot be read and why (missing, wrong password, not a key)
     */
    public SSLContext createContext() throws IOException {
        return TlsContexts.create(this);
    }

    /** Same settings (files by path, not content), e.g. to tell whether a listener must restart. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSettings t && protocols.equals(t.protocols) && cipherSuites.equals(t.cipherSuites)
                && Objects.equals(keyStore, t.keyStore) && Arrays.equals(keyStorePassword, t.keyStorePassword)
                && Objects.equals(certificateFile, t.certificateFile) && Objects.equals(privateKeyFile, t.privateKeyFile)
                && Objects.equals(trustStore, t.trustStore) && Arrays.equals(trustStorePassword, t.trustStorePassword)
                && clientAuthentication == t.clientAuthentication && hostnameVerification == t.hostnameVerification;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocols, cipherSuites, keyStore, certificateFile, privateKeyFile, trustStore,
                clientAuthentication, hostnameVerification);
    }

    /** Passwords are not shown. */
    @Override
    public String toString() {
        return "TLS " + protocols + (keyStore != null ? ", key store " + keyStore : "")
                + (certificateFile != null ? ", certificate " + certificateFile : "")
                + ", trust " + (trustStore == null ? "JDK default" : trustStore) + ", client authentication "
                + clientAuthentication + (hostnameVerification ? ", host name verification" : "");
    }
}
