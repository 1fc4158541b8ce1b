package org.dicomflow.net;

import java.io.IOException;

/** Answers C-ECHO-RQ with success (PS3.4 annex A); registered by default in {@link ServerConfig}. */
public final class VerificationScp implements DimseHandler {
    public static final VerificationScp INSTANCE = new VerificationScp();

    private static final int C_ECHO_RQ = 0x0030;

    private VerificationScp() {
    }

    @Override
    public void handle(DimseRequest request) throws IOException {
        request.respond(request.command().commandField() == C_ECHO_RQ
                ? DimseStatus.SUCCESS : DimseStatus.UNRECOGNIZED_OPERATION);
    }

    /** C-ECHO has no data set (PS3.7 9.3.5). */
    @Override
    public boolean acceptsDataSet() {
        return false;
    }
}
