package org.dicomflow.net;

import java.io.IOException;

/**
 * The association ended by A-ABORT (from the peer or from us after a protocol error or timeout)
 * or by the connection dropping. {@code source}/{@code reason} are the A-ABORT codes, -1 if none.
 */
public class AssociationAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int source;
    private final int reason;

    public AssociationAbortedException(String message, int source, int reason) {
        super(message);
        this.source = source;
        this.reason = reason;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }
}
