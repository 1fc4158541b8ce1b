package org.dicomflow.net.internal;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager, whose refusals say whose certificate was refused and why in words a user can
 * act on ("certificate not trusted: CN=pacs, issued by CN=Site CA (no trusted CA issued it)") instead of
 * "PKIX path building failed: ...". The JSSE handshake error carries this message.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

    /** A refused peer certificate, with the explanation as its message. */
    static final class UntrustedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;

        UntrustedCertificateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final X509ExtendedTrustManager delegate;

    ExplainingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        explaining(chain, () -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        explaining(chain, () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        explaining(chain, () -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        explaining(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        explaining(chain, () -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        explaining(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    /** A check of the delegate. */
    private interface Check {
        void run() throws CertificateException;
    }

    /** Runs {@code check}; a refusal comes back explained. */
    private static void explaining(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            throw explained(chain, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private static CertificateException explained(X509Certificate[] chain, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return e;
        }
        X509Certificate leaf = chain[0];
        return new UntrustedCertificateException("certificate not trusted: " + leaf.getSubjectX500Principal().getName()
                + ", issued by " + leaf.getIssuerX500Principal().getName() + " (" + why(e) + ")", e);
    }

    private static String why(CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "not valid yet";
            }
            if (t instanceof CertPathBuilderException) {
                return "no trusted CA issued it";
            }
            if (t instanceof CertPathValidatorException v && v.getReason() != null) {
                return v.getReason().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                        + v.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }
}
