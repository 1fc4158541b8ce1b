package org.dicomflow.net;

import java.io.IOException;

/**
 * Serves C-STORE as SCP with the data set streamed to a {@link StoreTarget}; registered with
 * {@link ServerConfig#withStorage}. Called on the association's reader thread.
 */
@FunctionalInterface
public interface StorageHandler {
    /**
     * The C-STORE-RQ command arrived. Throw {@link DimseStatusException} to refuse (the data set is then
     * read and dropped, and the response carries that status); any other IOException answers A700.
     */
    StoreTarget open(StoreRequest request) throws IOException;
}
