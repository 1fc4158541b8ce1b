package org.dicomflow.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.EchoResult;
import org.dicomflow.net.NegotiatedContext;
import org.dicomflow.net.NegotiatedParameters;
import org.dicomflow.net.VerificationScu;

/** {@code dicomflow echo}: C-ECHO a remote AE, like dcmtk's echoscu or dcm4che's storescu -c without files. */
final class EchoCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow echo -c AET@host:port [-b CALLING_AET] [--repeat N] [--timeout S] [--tls...] [-v]
              Verifies DICOM connectivity (C-ECHO) and prints the round trip.
              -c, --connect AET@host:port  the remote AE (called AE title, host, port)
              -b, --bind AET               our (calling) AE title, default DICOMFLOW
              --repeat N                   send N echoes on one association (default 1)
              --timeout S                  seconds to wait for connect, association and each response (default 10)
              -v, --verbose                print the negotiated association parameters
            """ + RemoteOptions.TLS_USAGE + """
            exit codes: 0 success, 1 failure status, 2 usage, 3 cannot connect, 4 rejected, 5 aborted, 6 timeout""";

    @Override
    public String summary() {
        return "verify connectivity with a remote AE (C-ECHO)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        RemoteOptions connection = new RemoteOptions(10);
        int repeat = 1;
        boolean verbose = false;
        try {
            Arguments args = new Arguments(argv);
            for (String o; (o = args.nextOption()) != null;) {
                if (connection.accept(o, args)) {
                    continue;
                }
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "--repeat" -> repeat = args.intValue(o, 1, 1_000_000);
                case "-v", "--verbose" -> verbose = true;
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            if (!args.operands().isEmpty()) {
                throw new Arguments.UsageException("unexpected argument '" + args.operands().get(0) + "'");
            }
            connection.requireRemote();
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("echo", e, USAGE, err);
        }

        Endpoint remote = connection.remote();
        List<Double> rtts = new ArrayList<>();
        final Endpoint target = remote;
        final int total = repeat;
        final boolean v = verbose;
        boolean[] printedParameters = { false };
        EchoResult last = VerificationScu.echo(connection.calling(), connection.request(), connection.timeouts(),
                repeat, r -> {
            if (v && !printedParameters[0] && r.parameters() != null) {
                printParameters(r.parameters(), target, out);
                printedParameters[0] = true;
            }
            if (r.failure() == null) {
                rtts.add(r.roundTrip().toNanos() / 1e6);
                String prefix = total > 1 ? "[" + rtts.size() + "/" + total + "] " : "";
                out.println(prefix + "C-ECHO " + target + ": " + r.describe());
            }
        });
        if (last.failure() != null) {
            err.println("dicomflow echo: " + target + ": " + last.describe());
            return ExitCode.of(last.failure());
        }
        if (total > 1) {
            double min = rtts.stream().mapToDouble(d -> d).min().orElse(0);
            double max = rtts.stream().mapToDouble(d -> d).max().orElse(0);
            double avg = rtts.stream().mapToDouble(d -> d).average().orElse(0);
            out.println(String.format(Locale.ROOT, "%d echoes: round trip min/avg/max %.2f/%.2f/%.2f ms", rtts.size(), min, avg, max));
        }
        return last.isSuccess() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static void printParameters(NegotiatedParameters p, Endpoint remote, PrintStream out) {
        out.println("Association accepted by " + remote);
        out.println("  calling AE title:          " + p.callingAeTitle());
        out.println("  called AE title:           " + p.calledAeTitle());
        out.println("  peer implementation:       " + p.peerImplementationClassUid()
                + (p.peerImplementationVersionName() == null || p.peerImplementationVersionName().isEmpty() ? ""
                        : " (" + p.peerImplementationVersionName() + ")"));
        out.println("  max PDU length:            ours " + pdu(p.ownMaxPduLength()) + ", peer's " + pdu(p.peerMaxPduLength()));
        out.println("  async operations window:   "
                + (p.asyncOpsWindow() == null ? "not negotiated (1 invoked / 1 performed)" : p.asyncOpsWindow()));
        if (!p.roleSelections().isEmpty()) {
            out.println("  role selections:           " + p.roleSelections());
        }
        for (NegotiatedContext c : p.contexts()) {
            out.println("  presentation context " + c.id() + ":    " + name(c.abstractSyntax()) + ": " + c.result()
                    + (c.isAccepted() ? ", " + name(c.transferSyntax()) : ""));
        }
    }

    private static String pdu(long length) {
        return length == 0 ? "unlimited" : Long.toString(length);
    }

    private static String name(String uid) {
        String n = UID.nameOf(uid);
        return n == null ? uid : n + " (" + uid + ")";
    }
}
