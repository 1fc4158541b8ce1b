package org.dicomflow.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Network timeouts. {@code artim} bounds each wait for the peer during association set-up
 * (including an SCU's TLS handshake), release and close (PS3.8 9.1.5), {@code dimseResponse} each
 * wait for a DIMSE response, {@code idle} closes an SCP-side association without traffic
 * ({@link Duration#ZERO} = never).
 */
public record Timeouts(Duration connect, Duration artim, Duration dimseResponse, Duration idle) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(5));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(artim, "artim");
        Objects.requireNonNull(dimseResponse, "dimseResponse");
        Objects.requireNonNull(idle, "idle");
        if (connect.isNegative() || artim.isNegative() || artim.isZero() || dimseResponse.isNegative()
                || dimseResponse.isZero() || idle.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive (idle and connect may be zero): " + this);
        }
    }

    public Timeouts withConnect(Duration d) {
        return new Timeouts(d, artim, dimseResponse, idle);
    }

    public Timeouts withArtim(Duration d) {
        return new Timeouts(connect, d, dimseResponse, idle);
    }

    public Timeouts withDimseResponse(Duration d) {
        return new Timeouts(connect, artim, d, idle);
    }

    public Timeouts withIdle(Duration d) {
        return new Timeouts(connect, artim, dimseResponse, d);
    }
}
