package org.dicomflow.net.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Our key manager (or none: then no certificate is offered), noting that the server asked for a client
 * certificate. In TLS 1.3 a server that refuses our certificate (or its absence) says so only after our side
 * of the handshake is complete, often as the connection breaks under our first write; knowing that a
 * certificate was asked for lets us name the likely reason instead of "Broken pipe".
 */
final class RequestNoticingKeyManager extends X509ExtendedKeyManager {

    /** What the server asked for and what we offered, as far as the handshake got. */
    static final class CertificateRequest {
        private volatile boolean requested;
        private volatile boolean offered;
        private volatile String acceptedIssuers = "";

        boolean requested() {
            return requested;
        }

        /** False if we had no certificate issued by one of {@link #acceptedIssuers()}. */
        boolean offered() {
            return offered;
        }

        /** The CAs the server named, "; "-separated; empty if it named none. */
        String acceptedIssuers() {
            return acceptedIssuers;
        }

        private String note(Principal[] issuers, String alias) {
            acceptedIssuers = issuers == null ? "" : String.join("; ",
                    java.util.Arrays.stream(issuers).map(Principal::getName).toList());
            offered |= alias != null;
            requested = true;
            return alias;
        }
    }

    private final X509ExtendedKeyManager delegate;
    private final CertificateRequest request;

    /** @param delegate {@code null} if we have no certificate */
    RequestNoticingKeyManager(X509ExtendedKeyManager delegate, CertificateRequest request) {
        this.delegate = delegate;
        this.request = request;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return request.note(issuers, delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return request.note(issuers,
                delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate == null ? null : delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate == null ? null : delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }
}
