package org.dicomflow.net;

import java.io.IOException;
import java.time.Duration;

/**
 * Outcome of one C-ECHO probe: either the peer's status and the round trip, or the failure.
 *
 * @param status     the C-ECHO-RSP status, null when there was none
 * @param roundTrip  time from the C-ECHO-RQ to its response (association set-up not included)
 * @param total      time from connecting to the end of the release
 * @param parameters what was negotiated, null when no association was established
 * @param failure    why no response was received, or null
 */
public record EchoResult(DimseStatus status, Duration roundTrip, Duration total, NegotiatedParameters parameters,
        IOException failure) {

    public boolean isSuccess() {
        return failure == null && status != null && status.isSuccess();
    }

    /** One line for a person: "Success, round trip 1.2 ms" or what went wrong. */
    public String describe() {
        if (failure != null) {
            return Failures.describe(failure);
        }
        String rtt = String.format(java.util.Locale.ROOT, "round trip %.1f ms", roundTrip.toNanos() / 1e6);
        return (status.isSuccess() ? "Success" : "C-ECHO failed: status " + status) + ", " + rtt;
    }
}
