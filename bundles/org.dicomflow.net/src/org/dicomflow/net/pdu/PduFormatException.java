package org.dicomflow.net.pdu;

import java.io.IOException;

/** A received PDU violates PS3.8; {@link #abortReason()} is the A-ABORT reason to send back. */
public class PduFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int abortReason;

    public PduFormatException(String message, int abortReason) {
        super(message);
        this.abortReason = abortReason;
    }

    /** One of the {@code AAbort.REASON_*} codes. */
    public int abortReason() {
        return abortReason;
    }
}
