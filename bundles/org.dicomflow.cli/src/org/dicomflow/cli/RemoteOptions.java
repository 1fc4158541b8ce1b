package org.dicomflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.net.AeTitle;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.Timeouts;
import org.dicomflow.net.TlsSettings;

/**
 * The options every networking tool shares: {@code -c AET@host:port}, {@code -b CALLING_AET}, {@code --timeout S}
 * and the {@code --tls*} options.
 */
final class RemoteOptions {

    /** The TLS lines of every networking tool's usage text. */
    static final String TLS_USAGE = """
              --tls                        DICOM over TLS (1.3 or 1.2), trusting the JDK's CA certificates
              --tls-ca FILE                trust the CA (or peer) certificates in FILE instead: PEM, DER or PKCS#12
                                           (--tls-ca-password P for a PKCS#12 file)
              --tls-cert FILE --tls-key FILE  our certificate (PEM, chain after it) and unencrypted private key (PEM)
              --tls-keystore FILE --tls-keystore-password P  our certificate and key from a PKCS#12 file instead
              --tls-protocol TLSv1.3|TLSv1.2  only this TLS version (repeat for both; default both)
              --tls-verify-hostname        also check that the peer's certificate names the host (off by default)
              any --tls-* option implies --tls
            """;

    private Endpoint remote;
    private String calling = "DICOMFLOW";
    private double timeoutSeconds;
    private boolean tls;
    private Path tlsCa;
    private String tlsCaPassword;
    private Path tlsCert;
    private Path tlsKey;
    private Path tlsKeystore;
    private String tlsKeystorePassword;
    private final List<String> tlsProtocols = new ArrayList<>();
    private boolean tlsVerifyHostname;

    RemoteOptions(double defaultTimeoutSeconds) {
        this.timeoutSeconds = defaultTimeoutSeconds;
    }

    /** Takes {@code option} if it is one of ours; returns false for the command's own options. */
    boolean accept(String option, Arguments args) throws Arguments.UsageException {
        switch (option) {
        case "-c", "--connect" -> remote = Endpoint.parse(args.value(option));
        case "-b", "--bind" -> calling = callingAeTitle(args.value(option));
        case "--timeout" -> timeoutSeconds = args.positiveSeconds(option);
        case "--tls" -> tls = true;
        case "--tls-ca" -> tlsCa = existingFile(option, args);
        case "--tls-ca-password" -> tlsCaPassword = args.value(option);
        case "--tls-cert" -> tlsCert = existingFile(option, args);
        case "--tls-key" -> tlsKey = existingFile(option, args);
        case "--tls-keystore" -> tlsKeystore = existingFile(option, args);
        case "--tls-keystore-password" -> tlsKeystorePassword = args.value(option);
        case "--tls-protocol" -> tlsProtocols.add(tlsProtocol(args.value(option)));
        case "--tls-verify-hostname" -> tlsVerifyHostname = true;
        default -> {
            return false;
        }
        }
        if (option.startsWith("--tls")) {
            tls = true;
        }
        return true;
    }

    /** Call after all options are read: the remote must be named, the TLS options must fit together. */
    void requireRemote() throws Arguments.UsageException {
        if (remote == null) {
            throw new Arguments.UsageException("-c AET@host:port is required");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new Arguments.UsageException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && tlsKeystore != null) {
            throw new Arguments.UsageException(
                    "give our certificate either as --tls-cert/--tls-key or as --tls-keystore");
        }
        if (tlsKeystorePassword != null && tlsKeystore == null) {
            throw new Arguments.UsageException("--tls-keystore-password needs --tls-keystore");
        }
        if (tlsCaPassword != null && tlsCa == null) {
            throw new Arguments.UsageException("--tls-ca-password needs --tls-ca");
        }
        if (tls) {
            try {
                tlsSettings().createContext(); // a wrong password or file is a usage error, not a network one
            } catch (java.io.IOException e) {
                throw new Arguments.UsageException(e.getMessage());
            }
        }
    }

    Endpoint remote() {
        return remote;
    }

    String calling() {
        return calling;
    }

    /** The one timeout the user gives bounds connecting, association set-up and release, and each response. */
    Timeouts timeouts() {
        Duration t = Duration.ofMillis((long) (timeoutSeconds * 1000));
        return Timeouts.DEFAULT.withConnect(t).withArtim(t).withDimseResponse(t);
    }

    /** To the remote, over TLS if asked for. */
    AssociationRequest request() {
        AssociationRequest request = AssociationRequest.to(remote.aeTitle(), remote.host(), remote.port());
        return tls ? request.withTls(tlsSettings()) : request;
    }

    private TlsSettings tlsSettings() {
        TlsSettings settings = TlsSettings.defaults().withHostnameVerification(tlsVerifyHostname);
        if (!tlsProtocols.isEmpty()) {
            settings = settings.withProtocols(tlsProtocols);
        }
        if (tlsCa != null) {
            settings = settings.withTrustStore(tlsCa, tlsCaPassword == null ? null : tlsCaPassword.toCharArray());
        }
        if (tlsCert != null) {
            settings = settings.withCertificate(tlsCert, tlsKey);
        }
        if (tlsKeystore != null) {
            settings = settings.withKeyStore(tlsKeystore,
                    tlsKeystorePassword == null ? new char[0] : tlsKeystorePassword.toCharArray());
        }
        return settings;
    }

    private static Path existingFile(String option, Arguments args) throws Arguments.UsageException {
        Path file = Path.of(args.value(option));
        if (!Files.isRegularFile(file)) {
            throw new Arguments.UsageException(option + ": no such file: " + file);
        }
        return file;
    }

    private static String tlsProtocol(String value) throws Arguments.UsageException {
        return switch (value.strip()) {
        case "TLSv1.3", "1.3" -> "TLSv1.3";
        case "TLSv1.2", "1.2" -> "TLSv1.2";
        default -> throw new Arguments.UsageException("--tls-protocol: '" + value + "' is not TLSv1.3 or TLSv1.2");
        };
    }

    private static String callingAeTitle(String aet) throws Arguments.UsageException {
        String problem = AeTitle.validate(aet).orElse(null);
        if (problem != null) {
            throw new Arguments.UsageException("-b: " + problem);
        }
        return aet.strip();
    }
}
