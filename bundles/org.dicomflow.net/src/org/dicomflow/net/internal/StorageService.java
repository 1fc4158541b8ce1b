package org.dicomflow.net.internal;

import java.io.IOException;

import org.dicomflow.net.DimseHandler;
import org.dicomflow.net.DimseRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.StorageHandler;

/**
 * Registers a {@link StorageHandler} as the handler of storage SOP classes. Its C-STORE-RQs never reach
 * {@link #handle}: the association streams their data sets to the handler ({@link IncomingStore}).
 */
public final class StorageService implements DimseHandler {
    private final StorageHandler handler;

    public StorageService(StorageHandler handler) {
        this.handler = handler;
    }

    StorageHandler handler() {
        return handler;
    }

    /** Anything but C-STORE on a storage context. */
    @Override
    public void handle(DimseRequest request) throws IOException {
        request.respond(DimseStatus.UNRECOGNIZED_OPERATION);
    }
}
