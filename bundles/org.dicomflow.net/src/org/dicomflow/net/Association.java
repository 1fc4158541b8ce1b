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
     * Sends one object with C-STORE and waits for the response, at most the DIMSE timeout: the blocking form
     * of {@link #storeAsync}. The context is the accepted one for its SOP class in its own transfer syntax
     * (bytes sent as they are), else one in a native syntax it is converted to. An object that cannot be sent
     * (no such context, compressed data the peer refused, a file that cannot be converted) comes back as a
     * result with {@link StoreResult#failure()}: the association goes on.
     *
     * @throws IOException only when the association fails (abort, timeout, connection lost)
     */
    StoreResult store(DataSetSource source) throws IOException;

    /**
     * Sends one object with C-STORE and returns once the request is sent, without waiting for the response,
     * so that several requests are outstanding within the negotiated asynchronous operations window
     * ({@link AssociationRequest#withAsyncOpsWindow}; 1 when the peer did not negotiate one). While the window
     * is full it waits for a place, at most the DIMSE timeout: a loop of calls is paced by the peer. The
     * context is chosen as by {@link #store}; an object that cannot be sent comes back at once as a completed
     * "not sent" result.
     * <p>
     * The future completes with the peer's status, or exceptionally when no response came within the DIMSE
     * timeout ({@link DimseTimeoutException}) or the association ended first (abort, connection lost,
     * release): every outstanding future completes when the association ends, so wait for the futures before
     * {@link #release()}. Stages chained to the future without an executor run on a network thread of the
     * association: keep them short and never block or call {@link #store} there.
     *
     * @throws IOException the request could not be sent: no place in the window within the DIMSE timeout, the
     *         association is over, or sending failed (then it is aborted)
     */
    java.util.concurrent.CompletableFuture<StoreResult> storeAsync(DataSetSource source) throws IOException;

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
     * Starts a study search: a STUDY-level C-FIND with {@link StudyQuery#toIdentifier()} on the accepted
     * {@link StudyQuery#INFORMATION_MODEL} (Study Root) context. Take the matches as
     * {@link FindResponses#studies()}.
     *
     * @throws IllegalStateException no Study Root C-FIND context was accepted
     */
    default FindResponses find(StudyQuery query) throws IOException {
        return find(StudyQuery.INFORMATION_MODEL, query.toIdentifier());
    }

    /**
     * Starts a C-MOVE: the peer sends the instances matching {@code identifier} (Query/Retrieve Level and
     * the unique keys down to it, e.g. STUDY and Study Instance UID) to {@code destinationAeTitle}, which it
     * must know by that title, on associations of its own. {@code informationModelSopClass} is e.g.
     * {@link org.dicomflow.dicom.UID#StudyRootQueryRetrieveInformationModelMove} or
     * {@link org.dicomflow.dicom.UID#PatientRootQueryRetrieveInformationModelMove}. Returns once the
     * request is sent; progress and the final status arrive through the result. A destination the peer
     * does not know typically ends with {@link DimseStatus#MOVE_DESTINATION_UNKNOWN} (A801).
     *
     * @throws IllegalStateException no context for that information model was accepted
     * @throws IllegalArgumentException the destination is not a valid AE title
     */
    MoveResponses move(String informationModelSopClass, String destinationAeTitle,
            org.dicomflow.dicom.DataSet identifier) throws IOException;

    /**
     * Starts a C-GET: the peer sends the instances matching {@code identifier} as C-STORE-RQs on this
     * association, which go to the {@link StorageHandler} given to
     * {@link ApplicationEntity#connect(AssociationRequest, Timeouts, StorageHandler)} and are answered one by
     * one. Only storage SOP classes proposed with the SCP role
     * ({@link AssociationRequest#withStorageScpRole}) and accepted by the peer can arrive; instances of other
     * classes count as failed sub-operations at the peer. {@code informationModelSopClass} is e.g.
     * {@link org.dicomflow.dicom.UID#StudyRootQueryRetrieveInformationModelGet}.
     *
     * @throws IllegalStateException no context for that information model was accepted
     */
    GetResponses get(String informationModelSopClass, org.dicomflow.dicom.DataSet identifier) throws IOException;

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
