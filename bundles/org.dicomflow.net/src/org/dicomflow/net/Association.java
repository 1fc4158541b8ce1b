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
     * Sends one object with C-STORE and waits for the response, at most the DIMSE timeout. The context is
     * the accepted one for its SOP class in its own transfer syntax (bytes sent as they are), else one in
     * a native syntax it is converted to. An object that cannot be sent (no such context, compressed data
     * the peer refused, a file that cannot be converted) comes back as a result with
     * {@link StoreResult#failure()}: the association goes on.
     *
     * @throws IOException only when the association fails (abort, timeout, connection lost)
     */
    StoreResult store(DataSetSource source) throws IOException;

    /**
     * Starts a C-FIND with {@code identifier} (matching and return keys, Query/Retrieve Level included)
     * on the accepted context for {@code informationModelSopClass}, e.g.
     * {@link org.dicomflow.dicom.UID#StudyRootQueryRetrieveInformationModelFind}. Returns at once; the
     * matches arrive through the result.
     *
     * @throws IllegalStateException no context for that information model was accepted
     */
    FindResponses find(String informationModelSopClass, org.dicomflow.dicom.DataSet identifier) throws IOException;

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
