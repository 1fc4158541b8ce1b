package org.dicomflow.net;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A C-MOVE or C-GET in progress. Iterating yields the progress of each pending response as it arrives;
 * the iteration ends with the final response. Iterating blocks at most the DIMSE timeout counted from the
 * last PDU received on the association (sub-operations of a C-GET count as life); a timeout or the end
 * of the association surfaces as {@link java.io.UncheckedIOException}. Pending responses carry only counts,
 * so they are queued without bound: nobody has to iterate, {@link #status()} alone is fine.
 */
public interface RetrieveResponses extends Iterable<RetrieveProgress>, AutoCloseable {
    /** Progress of the pending responses still to come; can be iterated once. */
    @Override
    Iterator<RetrieveProgress> iterator();

    /** Waits for the final response (progress not yet taken is dropped) and returns its status. */
    DimseStatus status() throws IOException;

    /**
     * The counts of the latest response received (the final one once finished), {@code null} before the
     * first response.
     */
    RetrieveProgress progress();

    /**
     * Failed SOP Instance UID List (0008,0058) of the final response: the instances that could not be
     * retrieved; empty if the peer sent none (or not final yet).
     */
    List<String> failedSopInstanceUids() throws IOException;

    /** Error Comment of the final response, null if none (or not final yet). */
    String errorComment();

    /**
     * Sends C-CANCEL-RQ (once). The peer ends with status Cancel (FE00), usually listing the instances not
     * sent, or with success if it was done; peers that retrieve synchronously may not look at it at all.
     */
    void cancel() throws IOException;

    /** Cancels if not finished and drops whatever else arrives; never throws. */
    @Override
    void close();
}
