package org.dicomflow.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns network failures into the one line a user reads in the CLI and the UI. */
public final class Failures {

    private Failures() {
    }

    public static String describe(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AssociationRejectedException || e instanceof AssociationAbortedException
                || e instanceof DimseTimeoutException) {
            return m;
        }
        if (e instanceof ConnectException) {
            return m;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host: " + m;
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host: " + m;
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout: " + m;
        }
        if (e instanceof javax.net.ssl.SSLException) {
            // ours already say "TLS handshake with host:port failed: why"; the JDK's do not name TLS
            return m.startsWith("TLS") ? m : "TLS: " + m;
        }
        return m;
    }
}
