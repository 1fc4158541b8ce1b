package org.dicomflow.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.dicomflow.net.AssociationAbortedException;
import org.dicomflow.net.AssociationRejectedException;
import org.dicomflow.net.DimseTimeoutException;

/** Exit codes shared by all tools, so scripts can tell what failed (docs/cli.md lists them). */
public final class ExitCode {
    public static final int OK = 0;
    /** The peer answered with a failure (or warning) DIMSE status, or some of the inputs failed. */
    public static final int FAILURE = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** No TCP connection: refused, unknown host, no route, connect timeout; or the TLS handshake failed. */
    public static final int CANNOT_CONNECT = 3;
    /** A-ASSOCIATE-RJ. */
    public static final int REJECTED = 4;
    /** A-ABORT or the connection dropped during the association. */
    public static final int ABORTED = 5;
    /** The peer stopped answering (ARTIM or DIMSE response timeout). */
    public static final int TIMEOUT = 6;

    private ExitCode() {
    }

    public static int of(IOException e) {
        if (e instanceof AssociationRejectedException) {
            return REJECTED;
        }
        if (e instanceof AssociationAbortedException) {
            return ABORTED;
        }
        if (e instanceof DimseTimeoutException) {
            return TIMEOUT;
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof javax.net.ssl.SSLHandshakeException) {
            return CANNOT_CONNECT;
        }
        if (e instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        return ABORTED;
    }
}
