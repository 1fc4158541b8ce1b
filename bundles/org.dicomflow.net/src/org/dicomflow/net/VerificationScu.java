package org.dicomflow.net;

import java.io.IOException;
import java.time.Duration;

import org.dicomflow.dicom.UID;

/**
 * C-ECHO as a connectivity test ("DICOM ping"), shared by {@code dicomflow echo} and the workstation's
 * "Test connection": associate, echo {@code repeat} times, release.
 */
public final class VerificationScu {

    private VerificationScu() {
    }

    /**
     * Runs the probe; never throws for network trouble: each echo's outcome is handed to {@code each},
     * the last one is returned. After a failure no more echoes are sent.
     */
    public static EchoResult echo(String callingAet, String calledAet, String host, int port, Timeouts timeouts,
            int repeat, java.util.function.Consumer<EchoResult> each) {
        return echo(callingAet, AssociationRequest.to(calledAet, host, port), timeouts, repeat, each);
    }

    /**
     * As above, to the peer of {@code request} with its settings (e.g. {@link AssociationRequest#withTls TLS});
     * the Verification context is added to it.
     */
    public static EchoResult echo(String callingAet, AssociationRequest request, Timeouts timeouts, int repeat,
            java.util.function.Consumer<EchoResult> each) {
        long start = System.nanoTime();
        EchoResult last = null;
        NegotiatedParameters params = null;
        Association as = null;
        try {
            as = new ApplicationEntity(callingAet)
                    .connect(request.withContext(UID.Verification), timeouts);
            params = as.parameters();
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                DimseStatus status = as.echo();
                Duration rtt = Duration.ofNanos(System.nanoTime() - t0);
                last = new EchoResult(status, rtt, Duration.ofNanos(System.nanoTime() - start), params, null);
                each.accept(last);
                if (!status.isSuccess()) {
                    break;
                }
            }
            as.release();
            return new EchoResult(last.status(), last.roundTrip(), Duration.ofNanos(System.nanoTime() - start),
                    params, null);
        } catch (IOException | IllegalStateException e) {
            if (as != null) {
                // a peer that did not answer in time will not answer a release either: abort, never
                // spend another ARTIM period on it (abort is a no-op if the association is over)
                as.abort();
            }
            IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
            EchoResult failed = new EchoResult(last == null ? null : last.status(), Duration.ZERO,
                    Duration.ofNanos(System.nanoTime() - start), params, io);
            each.accept(failed);
            return failed;
        }
    }

    /** One echo on a fresh association. */
    public static EchoResult echo(String callingAet, String calledAet, String host, int port, Timeouts timeouts) {
        return echo(callingAet, calledAet, host, port, timeouts, 1, r -> {
        });
    }
}
