package org.dicomflow.net;

import java.io.IOException;

/**
 * Serves DIMSE requests for the SOP classes it is registered for (see
 * {@link ServerConfig#withHandler(String, DimseHandler)}). Called on the association's reader
 * thread, one request at a time (we negotiate an asynchronous operations window of 1). If it
 * throws, the requester gets a processing-failure response with the exception message.
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
