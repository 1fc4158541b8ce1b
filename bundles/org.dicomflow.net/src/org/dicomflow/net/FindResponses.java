package org.dicomflow.net;

import java.io.IOException;
import java.util.Iterator;

import org.dicomflow.dicom.DataSet;

/**
 * A C-FIND in progress: the matches (identifiers of the pending responses) in the order they arrive,
 * then the final status. Iterating blocks for the next response at most the DIMSE timeout; a timeout
 * or the end of the association surfaces as {@link java.io.UncheckedIOException}. Matches are held
 * in a bounded queue: a consumer that does not keep up slows the peer down instead of filling memory.
 */
public interface FindResponses extends Iterable<DataSet>, AutoCloseable {
    /** The matches still to come; can be iterated once. */
    @Override
    Iterator<DataSet> iterator();

    /** Waits for the final response (matches not yet taken are dropped) and returns its status. */
    DimseStatus status() throws IOException;

    /** Error Comment of the final response, null if none (or not final yet). */
    String errorComment();

    /** Pending matches received so far. */
    int matches();

    /** Sends C-CANCEL-RQ (once); the peer then ends with status Cancel (FE00), or success if it was done. */
    void cancel() throws IOException;

    /** Cancels if not finished and drops whatever else arrives; never throws. */
    @Override
    void close();
}
