package org.dicomflow.net;

import java.io.IOException;

/**
 * Where one incoming data set goes, fragment by fragment as the PDUs arrive (so memory does not depend
 * on the object's size). Exactly one of {@link #commit()} or {@link #discard()} ends it.
 */
public interface StoreTarget {
    /** Data set bytes in the order received. */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * All bytes arrived: make the object durable and say how it went; the C-STORE-RSP is sent only after
     * this returns. Throw {@link DimseStatusException} for a specific failure (anything else: A700).
     */
    DimseStatus commit() throws IOException;

    /** Forget the object (failure, or the association ended mid-transfer); must not throw. */
    void discard();
}
