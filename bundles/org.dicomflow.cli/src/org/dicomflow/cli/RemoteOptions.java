package org.dicomflow.cli;

import java.time.Duration;

import org.dicomflow.net.AeTitle;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.Timeouts;

/** The options every networking tool shares: {@code -c AET@host:port}, {@code -b CALLING_AET}, {@code --timeout S}. */
final class RemoteOptions {

    private Endpoint remote;
    private String calling = "DICOMFLOW";
    private double timeoutSeconds;

    RemoteOptions(double defaultTimeoutSeconds) {
        this.timeoutSeconds = defaultTimeoutSeconds;
    }

    /** Takes {@code option} if it is one of ours; returns false for the command's own options. */
    boolean accept(String option, Arguments args) throws Arguments.UsageException {
        switch (option) {
        case "-c", "--connect" -> remote = Endpoint.parse(args.value(option));
        case "-b", "--bind" -> calling = callingAeTitle(args.value(option));
        case "--timeout" -> timeoutSeconds = args.positiveSeconds(option);
        default -> {
            return false;
        }
        }
        return true;
    }

    /** Call after all options are read. */
    void requireRemote() throws Arguments.UsageException {
        if (remote == null) {
            throw new Arguments.UsageException("-c AET@host:port is required");
        }
    }

    Endpoint remote() {
        return remote;
    }

    String calling() {
        return calling;
    }

    /** The one timeout the user gives bounds connecting, association set-up and release, and each response. */
    Timeouts timeouts() {
        Duration t = Duration.ofMillis((long) (timeoutSeconds * 1000));
        return Timeouts.DEFAULT.withConnect(t).withArtim(t).withDimseResponse(t);
    }

    AssociationRequest request() {
        return AssociationRequest.to(remote.aeTitle(), remote.host(), remote.port());
    }

    private static String callingAeTitle(String aet) throws Arguments.UsageException {
        String problem = AeTitle.validate(aet).orElse(null);
        if (problem != null) {
            throw new Arguments.UsageException("-b: " + problem);
        }
        return aet.strip();
    }
}
