package org.dicomflow.net;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One association, as told to an {@link AssociationListener}. AE titles are empty before the
 * A-ASSOCIATE-RQ arrived; {@code reason} is empty for opened and normally released associations.
 */
public record AssociationEvent(String callingAeTitle, String calledAeTitle, InetSocketAddress remoteAddress,
        Duration duration, String reason) {

    /** One log line, e.g. "STORESCU -> DICOMFLOW from /127.0.0.1:50312, 12 ms: ...". */
    @Override
    public String toString() {
        return callingAeTitle + " -> " + calledAeTitle + " from " + remoteAddress + ", " + duration.toMillis() + " ms"
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
