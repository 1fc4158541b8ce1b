package org.dicomflow.net;

import java.io.IOException;

/**
 * Serves DIMSE requests for the SOP classes it is registered for (see
 * {@link ServerConfig#withHandler(String, DimseHandler)}), one request at a time per association (we
 * negotiate an asynchronous operations window of 1). Short requests (C-ECHO and the like) are handled on
 * the association's reader thread. C-FIND, C-MOVE and C-GET run on a thread of their own so that the
 * reader goes on receiving: a C-CANCEL-RQ then shows in {@link DimseRequest#isCancelled()}, and the
 * C-STORE responses to the sub-operations of a C-GET (sent with {@code request.association().store(...)})
 * reach the handler. If it throws, the requester gets a processing-failure response with the exception
 * message.
 */
@FunctionalInterface
public interface DimseHandler {
    void handle(DimseRequest request) throws IOException;

    /**
     * Whether requests for this SOP class may carry a data set. When not, a request announcing one
     * ends the association (A-ABORT) before any of its bytes are buffered.
     */
    default boolean acceptsDataSet() {
        return true;
    }
}
