package org.dicomflow.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An established DICOM association, SCU or SCP side. Thread-safe. {@link #close()} releases it if
 * it is still established, so try-with-resources always leaves a clean peer.
 */
public interface Association extends Closeable {
    NegotiatedParameters parameters();

    InetSocketAddress remoteAddress();

    /** True between acceptance and the start of release or abort. */
    boolean isEstablished();

    /**
     * Sends a C-ECHO-RQ on an accepted Verification context and waits for the response.
     *
     * @throws DimseTimeoutException no response within the DIMSE timeout
     * @throws IllegalStateException no Verification context was accepted
     */
    DimseStatus echo() throws IOException;

    /**
     * Orderly release (A-RELEASE), waiting at most the ARTIM timeout for the peer. If the peer
     * released at the same time, that is a clean release too.
     */
    void release() throws IOException;

    /** A-ABORT now; never blocks for the peer, never throws, and does nothing once the association is over. */
    void abort();

    /** Releases if established, otherwise aborts if it is not over yet. */
    @Override
    void close() throws IOException;
}
