package org.dicomflow.testing;

import java.io.IOException;

import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreTarget;

/**
 * Storage whose disk runs out of space after {@code limit} bytes of one instance, as a full disk would: the
 * write that goes past it fails with "No space left on device". Every other instance, and that instance's
 * bytes up to the limit, go to the real handler, so what it keeps or discards is what a test checks.
 */
public final class FullDiskStorage implements StorageHandler {
    private final StorageHandler real;
    private final String sopInstanceUid;
    private final long limit;

    public FullDiskStorage(StorageHandler real, String sopInstanceUid, long limit) {
        this.real = real;
        this.sopInstanceUid = sopInstanceUid;
        this.limit = limit;
    }

    @Override
    public StoreTarget open(StoreRequest request) throws IOException {
        StoreTarget t = real.open(request);
        if (!request.sopInstanceUid().equals(sopInstanceUid)) {
            return t;
        }
        return new StoreTarget() {
            long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > limit) {
                    throw new IOException("No space left on device");
                }
                t.write(b, off, len);
            }

            @Override
            public DimseStatus commit() throws IOException {
                return t.commit();
            }

            @Override
            public void discard() {
                t.discard();
            }
        };
    }
}
