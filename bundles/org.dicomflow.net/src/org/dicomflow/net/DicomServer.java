package org.dicomflow.net;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/** A listening SCP started by {@link ApplicationEntity#listen(ServerConfig)}. */
public interface DicomServer extends Closeable {
    /** The bound port (useful with port 0). */
    int localPort();

    /**
     * Associations currently open: accepted A-ASSOCIATE-RQs not yet ended. Connections that have
     * not sent an A-ASSOCIATE-RQ yet, and ones being rejected, do not count.
     */
    int activeAssociations();

    /**
     * Serves connections accepted from now on with {@code config}: allowed calling AE titles (host names of
     * {@code AET@host} entries are resolved now), limits, timeouts, PDU length, handlers and listeners (these
     * hear of every event from now on). Open associations, and connections still waiting for their
     * A-ASSOCIATE-RQ, keep the configuration they were accepted under; the association limit applies to
     * admissions from now on, so lowering it closes nothing. The AE title is the server's for good.
     *
     * @throws IllegalArgumentException {@code config} changes what only a new server can change: bind address,
     *         port (the configured one or the bound one), TLS settings or memory budget; or an allowed caller's
     *         host does not resolve. The server then goes on as before.
     */
    void reconfigure(ServerConfig config);

    /**
     * Reads the files of the server's TLS settings (certificate and key or key store, trust store) again:
     * connections accepted from now on use what they hold, open associations go on with the old. For a
     * certificate renewed, or a CA added, at the same paths.
     *
     * @throws IOException the files cannot be read or do not make a TLS context; the server goes on with the old
     * @throws IllegalStateException the server does not speak TLS
     */
    void reloadTls() throws IOException;

    /**
     * Stops accepting and aborts open associations (A-ABORT, then the connections are closed
     * without waiting for the peers). Returns at once; idempotent.
     */
    @Override
    void close();

    /**
     * After {@link #close()}: waits until every connection has ended and every listener has been
     * told, at most {@code timeout}.
     *
     * @return false if that did not happen in time
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
