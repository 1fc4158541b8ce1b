package org.dicomflow.net;

import java.io.Closeable;

/** A listening SCP started by {@link ApplicationEntity#listen(ServerConfig)}. */
public interface DicomServer extends Closeable {
    /** The bound port (useful with port 0). */
    int localPort();

    /** Associations currently open, not counting ones being rejected. */
    int activeAssociations();

    /** Stops accepting and aborts open associations. Idempotent. */
    @Override
    void close();
}
