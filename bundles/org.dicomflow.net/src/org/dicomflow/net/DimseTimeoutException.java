package org.dicomflow.net;

import java.io.InterruptedIOException;

/** No DIMSE response arrived within {@link Timeouts#dimseResponse()}. The association stays open. */
public class DimseTimeoutException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    public DimseTimeoutException(String message) {
        super(message);
    }
}
