package org.dicomflow.net;

import java.io.Closeable;
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
