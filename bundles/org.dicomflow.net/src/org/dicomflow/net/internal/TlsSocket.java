package org.dicomflow.net.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.dicomflow.net.TlsSettings;

/**
 * A TLS connection presented as the plain {@link Socket} that {@link UpperLayerAssociation} works with: its
 * streams are the TLS streams, everything else is the TCP socket's.
 * <p>
 * Why not the {@link SSLSocket} itself: its {@code close()} sends close_notify under the same lock a write
 * holds, so closing a connection whose peer stopped reading would block, and the association's write watchdog
 * and timers must be able to close without blocking. Here {@link #close()} returns at once: before the
 * handshake completed it closes TCP; after it, close_notify is sent on the I/O pool and TCP is closed at the
 * latest {@value #CLOSE_NOTIFY_GRACE_MILLIS} ms later, which also unblocks a stuck writer.
 * <p>
 * The SCU handshakes in {@link #client} before the A-ASSOCIATE-RQ, bounded by a timeout. The SCP handshakes
 * on the connection's reader thread at its first read, never on the accept thread, so a silent client costs
 * one pending connection (bounded by the request timeout and the pending-connection cap), not the server.
 */
public final class TlsSocket extends Socket {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.net");
    private static final long CLOSE_NOTIFY_GRACE_MILLIS = 1000;
    /** TLS alerts (RFC 8446 6.2) a server sends about the client's certificate. */
    private static final java.util.Set<String> CERTIFICATE_ALERTS = java.util.Set.of("certificate_required",
            "bad_certificate", "certificate_unknown", "unknown_ca", "certificate_expired", "certificate_revoked",
            "unsupported_certificate", "access_denied");

    private final Socket tcp;
    private final SSLSocket tls;
    /** host:port, for messages. */
    private final String peer;
    private final boolean serverSide;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Client side: what the server asked of our certificate. */
    private final RequestNoticingKeyManager.CertificateRequest certificateRequest;
    /** Client side: we have a certificate to offer. */
    private final boolean ownCertificate;
    private volatile boolean handshakeDone;
    /** Application data arrived: the peer accepted the connection, certificates included. */
    private volatile boolean peerAnswered;

    private TlsSocket(Socket tcp, SSLSocket tls, String peer, boolean serverSide,
            RequestNoticingKeyManager.CertificateRequest certificateRequest, boolean ownCertificate) throws IOException {
        this.tcp = tcp;
        this.tls = tls;
        this.peer = peer;
        this.serverSide = serverSide;
        this.certificateRequest = certificateRequest;
        this.ownCertificate = ownCertificate;
        this.in = new ExplainingInput(tls.getInputStream());
        this.out = new ExplainingOutput(tls.getOutputStream());
    }

    /**
     * Runs the client handshake on the connected {@code tcp} socket, at most {@code timeoutMillis}; on failure
     * {@code tcp} is closed.
     *
     * @throws SSLHandshakeException saying why ("TLS handshake with host:port failed: certificate not trusted: ...")
     * @throws SocketTimeoutException the peer did not complete the handshake in time
     */
    public static TlsSocket client(Socket tcp, String host, int port, TlsSettings settings, long timeoutMillis)
            throws IOException {
        TlsSocket socket;
        try {
            var certificateRequest = new RequestNoticingKeyManager.CertificateRequest();
            SSLContext context = TlsContexts.create(settings, certificateRequest);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            tls.setUseClientMode(true);
            tls.setSSLParameters(TlsContexts.parameters(context, settings, true));
            socket = new TlsSocket(tcp, tls, host + ":" + port, false, certificateRequest,
                    settings.hasOwnCertificate());
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcp);
            throw e;
        }
        // 0 handshaking, 1 done, 2 timed out: whichever comes first decides
        AtomicInteger outcome = new AtomicInteger();
        ScheduledFuture<?> deadline = SharedScheduler.schedule(() -> {
            if (outcome.compareAndSet(0, 2)) {
                closeQuietly(tcp);
            }
        }, timeoutMillis);
        try {
            socket.tls.startHandshake();
            if (!outcome.compareAndSet(0, 1)) {
                throw new SocketException("closed at the handshake timeout");
            }
            socket.handshakeDone = true;
            return socket;
        } catch (IOException e) {
            closeQuietly(tcp);
            if (outcome.get() == 2) {
                SocketTimeoutException timeout = new SocketTimeoutException("TLS handshake with " + socket.peer
                        + " did not complete within " + timeoutMillis + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw socket.handshakeFailure(e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Wraps an accepted connection; no I/O happens here. The handshake runs at the first read, on the
     * connection's reader thread.
     */
    public static TlsSocket server(Socket tcp, SSLContext context, TlsSettings settings) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true);
        tls.setUseClientMode(false);
        tls.setSSLParameters(TlsContexts.parameters(context, settings, false));
        InetSocketAddress remote = (InetSocketAddress) tcp.getRemoteSocketAddress();
        String peer = remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        return new TlsSocket(tcp, tls, peer, true, new RequestNoticingKeyManager.CertificateRequest(), true);
    }

    private void ensureHandshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        try {
            tls.startHandshake();
            handshakeDone = true;
            SSLSession s = tls.getSession();
            LOG.log(Level.DEBUG, () -> "TLS with " + peer + ": " + s.getProtocol() + ", " + s.getCipherSuite());
        } catch (IOException e) {
            if (closed.get()) {
                throw new SocketException("TLS handshake with " + peer + " not completed: connection closed by us");
            }
            IOException failure = handshakeFailure(e);
            if (serverSide) {
                // the association ends before it began: this line is all an administrator gets
                LOG.log(Level.WARNING, "DICOM server: " + failure.getMessage());
            }
            throw failure;
        }
    }

    private IOException handshakeFailure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return e;
        }
        SSLHandshakeException failure = new SSLHandshakeException("TLS handshake with " + peer + " failed: "
                + reason(e));
        failure.initCause(e);
        return failure;
    }

    /**
     * A failure after the handshake, explained. TLS 1.3 servers refuse a client certificate (or its absence)
     * only after the client's handshake completed: with an alert that arrives at our first read, or a
     * connection that breaks under our first write.
     */
    private IOException explained(IOException e) {
        if (e instanceof SSLException || clientCertificateRefused(e)) {
            return new SSLException("TLS connection with " + peer + " failed: " + reason(e), e);
        }
        return e;
    }

    /** {@link #explain}, and on the client side the likely reason when a server that asked for a certificate quits. */
    private String reason(IOException e) {
        if (!clientCertificateRefused(e)) {
            return explain(e);
        }
        String alert = alertName(e);
        String issuers = certificateRequest.acceptedIssuers();
        String why = certificateRequest.offered() ? "the peer did not accept our client certificate"
                : !ownCertificate ? "the peer requires a client certificate and we have none"
                : "the peer requires a client certificate issued by " + (issuers.isEmpty() ? "a CA it trusts" : issuers)
                        + ", and ours is not";
        return why + " (" + (alert != null ? "alert " + alert : "connection closed: " + e.getMessage()) + ")";
    }

    /**
     * A server that asked for our certificate sent a certificate alert, or closed the connection before it
     * ever answered: the certificate (or its absence) is the likely reason.
     */
    private boolean clientCertificateRefused(IOException e) {
        if (serverSide || peerAnswered || closed.get() || !certificateRequest.requested()) {
            return false;
        }
        String alert = alertName(e);
        if (alert != null) {
            return CERTIFICATE_ALERTS.contains(alert);
        }
        return isConnectionBreak(e);
    }

    /** The TLS alert the peer sent, or {@code null}. */
    private static String alertName(Throwable e) {
        String m = String.valueOf(e.getMessage());
        String alert = "Received fatal alert: ";
        int at = m.indexOf(alert);
        return at < 0 ? null : m.substring(at + alert.length()).trim();
    }

    private static boolean isConnectionBreak(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return e instanceof EOFException || m.contains("Remote host terminated the handshake")
                || m.contains("Connection reset") || m.contains("Broken pipe");
    }

    /**
     * What went wrong, in words a user can act on. JSSE tells most causes only in its messages, so they are
     * matched here; a message not recognized (another JDK's wording) is passed on as it is.
     */
    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExplainingTrustManager.UntrustedCertificateException) {
                return t.getMessage();
            }
        }
        String m = String.valueOf(e.getMessage());
        String alert = alertName(e);
        if (alert != null) {
            if (CERTIFICATE_ALERTS.contains(alert)) {
                return "the peer did not accept our certificate, or requires one (alert " + alert + ")";
            }
            return switch (alert) {
            case "handshake_failure", "protocol_version", "insufficient_security" ->
                    "no TLS version or cipher suite in common with the peer (alert " + alert + ")";
            default -> "the peer ended the handshake (alert " + alert + ")";
            };
        }
        if (m.contains("Empty client certificate chain") || m.contains("Empty server certificate chain")) {
            return "the peer presented no certificate, but one is required";
        }
        if (m.contains("No appropriate protocol") || m.contains("no cipher suites in common")
                || m.contains("protocol versions") || m.contains("Client requested protocol")) {
            return "no TLS version or cipher suite in common with the peer (" + m + ")";
        }
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext connection")) {
            return "the peer does not speak TLS on this port";
        }
        if (isConnectionBreak(e)) {
            return "the peer closed the connection during the handshake (does it expect TLS on this port, and"
                    + " does it accept our certificate?)";
        }
        return m;
    }

    /** Runs the SCP's handshake at the first read; explains failures after the handshake. */
    private final class ExplainingInput extends FilterInputStream {
        ExplainingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            ensureHandshake();
            try {
                int b = super.read();
                peerAnswered |= b >= 0;
                return b;
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ensureHandshake();
            try {
                int n = super.read(b, off, len);
                peerAnswered |= n > 0;
                return n;
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public void close() {
            TlsSocket.this.close();
        }
    }

    /** Explains failures after the handshake, see {@link TlsSocket#explained}. */
    private final class ExplainingOutput extends FilterOutputStream {
        ExplainingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public void close() {
            TlsSocket.this.close();
        }
    }

    // ---------------------------------------------------------------- Socket

    @Override
    public InputStream getInputStream() throws IOException {
        if (closed.get()) {
            throw new SocketException("Socket is closed");
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (closed.get()) {
            throw new SocketException("Socket is closed");
        }
        return out;
    }

    /** Never blocks; see the class comment. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!handshakeDone) {
            closeQuietly(tcp);
            return;
        }
        ScheduledFuture<?> deadline = SharedScheduler.schedule(() -> closeQuietly(tcp), CLOSE_NOTIFY_GRACE_MILLIS);
        try {
            SharedScheduler.io().execute(() -> {
                try {
                    closeQuietly(tls); // close_notify, then TCP
                } finally {
                    closeQuietly(tcp);
                    deadline.cancel(false);
                }
            });
        } catch (RuntimeException | Error e) { // no thread to be had: close without close_notify
            closeQuietly(tcp);
            deadline.cancel(false);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get() || tcp.isClosed();
    }

    @Override
    public boolean isConnected() {
        return tcp.isConnected();
    }

    @Override
    public boolean isBound() {
        return tcp.isBound();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tcp.getRemoteSocketAddress();
    }

    @Override
    public InetAddress getInetAddress() {
        return tcp.getInetAddress();
    }

    @Override
    public int getPort() {
        return tcp.getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tcp.getLocalSocketAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tcp.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return tcp.getLocalPort();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tcp.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tcp.getTcpNoDelay();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls.getSoTimeout();
    }

    @Override
    public void shutdownInput() throws IOException {
        tcp.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tcp.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return tcp.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tcp.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "TLS " + tcp;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing on the way out; nothing to report
        }
    }
}
