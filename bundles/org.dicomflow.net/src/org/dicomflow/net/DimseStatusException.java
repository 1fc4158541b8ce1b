package org.dicomflow.net;

import java.io.IOException;

/** Thrown by a service handler to answer with a specific failure status and Error Comment. */
public class DimseStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient DimseStatus status;

    public DimseStatusException(DimseStatus status, String errorComment) {
        super(errorComment);
        this.status = status;
    }

    public DimseStatus status() {
        return status;
    }

    public String errorComment() {
        return getMessage();
    }
}
