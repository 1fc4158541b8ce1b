package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.UIDDictionary;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DirectoryStorage;
import org.dicomflow.net.Failures;
import org.dicomflow.net.RetrieveProgress;
import org.dicomflow.net.RetrieveResponses;

/**
 * {@code dicomflow move} (C-MOVE to a destination AE, like movescu) and {@code dicomflow get} (C-GET into a
 * folder on the same association, like getscu): the same query options, progress from each pending response,
 * the final status and the instances that failed.
 */
final class RetrieveCommand implements Main.Command {

    private final boolean get;

    private RetrieveCommand(boolean get) {
        this.get = get;
    }

    static RetrieveCommand move() {
        return new RetrieveCommand(false);
    }

    static RetrieveCommand get() {
        return new RetrieveCommand(true);
    }

    private String name() {
        return get ? "get" : "move";
    }

    private String usage() {
        return (get ? """
                usage: dicomflow get -c AET@host:port -o DIR [-L STUDY|SERIES|IMAGE|PATIENT] [--root study|patient]
                                     -k Keyword=value... [--accept-ts TS[,TS...]] [-b CALLING_AET] [--timeout S] [--tls...]
                  Retrieves matching instances (C-GET) on the same association into DIR (<SOP Instance UID>.dcm),
                  compressed ones as the remote AE holds them: a C-FIND first asks it which SOP classes (and
                  transfer syntaxes) it holds; each is proposed natively and in those syntaxes, else in the common
                  compressed ones. If it does not say: the common image classes so, other classes natively.
                  -o, --output DIR  where to store the instances (created if missing)
                  --accept-ts TS[,TS...]  take every SOP class in just these transfer syntaxes, UIDs or keywords
                                    (e.g. ExplicitVRLittleEndian,ImplicitVRLittleEndian: uncompressed only)
                """ : """
                usage: dicomflow move -c AET@host:port --dest AET [-L STUDY|SERIES|IMAGE|PATIENT] [--root study|patient]
                                      -k Keyword=value... [-b CALLING_AET] [--timeout S] [--tls...]
                  Asks the remote AE to send matching instances to AE --dest (C-MOVE), which it must know.
                  --dest AET        the move destination
                """) + """
                  -L LEVEL          retrieve level, default STUDY
                  --root MODEL      Study Root (default) or Patient Root information model
                  -k KEY=VALUE      unique keys of the level and above, e.g. -k StudyInstanceUID=1.2.3
                  -b, --bind AET    our (calling) AE title, default DICOMFLOW
                  --timeout S       seconds to wait for connect, association and each response (default 60)
                """ + RemoteOptions.TLS_USAGE + """
                Progress goes to stderr, a summary to stdout.
                exit codes: 0 all retrieved, 1 some failed or failure status, 2 usage, 3 cannot connect, 4 rejected,
                            5 aborted, 6 timeout""";
    }

    @Override
    public String summary() {
        return get ? "retrieve instances into a folder (C-GET)" : "have a remote AE send instances to another (C-MOVE)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        RemoteOptions connection = new RemoteOptions(60);
        String level = "STUDY";
        boolean patientRoot = false;
        String destination = null;
        Path outputDir = null;
        List<String> acceptTs = null;
        DataSet keys = new DataSet();
        try {
            Arguments args = new Arguments(argv);
            for (String o; (o = args.nextOption()) != null;) {
                if (connection.accept(o, args)) {
                    continue;
                }
                switch (o) {
                case "-h", "--help" -> {
                    out.println(usage());
                    return ExitCode.OK;
                }
                case "-L", "--level" -> level = FindCommand.level(args.value(o));
                case "--root" -> patientRoot = FindCommand.root(args.value(o));
                case "-k", "--key" -> QueryKeys.put(keys, args.value(o));
                case "--dest" -> {
                    if (get) {
                        throw new Arguments.UsageException("--dest is for move; get stores into -o DIR");
                    }
                    destination = args.value(o).strip();
                }
                case "-o", "--output" -> {
                    if (!get) {
                        throw new Arguments.UsageException("-o is for get; move sends to --dest AET");
                    }
                    outputDir = Path.of(args.value(o));
                }
                case "--accept-ts" -> {
                    if (!get) {
                        throw new Arguments.UsageException("--accept-ts is for get; move leaves the syntaxes to --dest");
                    }
                    acceptTs = transferSyntaxes(o, args.value(o), acceptTs);
                }
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            if (!args.operands().isEmpty()) {
                throw new Arguments.UsageException("unexpected argument '" + args.operands().get(0) + "'");
            }
            connection.requireRemote();
            if (!get && (destination == null || org.dicomflow.net.AeTitle.validate(destination).isPresent())) {
                throw new Arguments.UsageException("--dest AET is required (1-16 characters)");
            }
            if (get && outputDir == null) {
                throw new Arguments.UsageException("-o DIR is required");
            }
            if (keys.isEmpty()) {
                throw new Arguments.UsageException("name what to retrieve with -k, e.g. -k StudyInstanceUID=...");
            }
        } catch (Arguments.UsageException e) {
            return Arguments.usageError(name(), e, usage(), err);
        }
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        String model = get
                ? patientRoot ? UID.PatientRootQueryRetrieveInformationModelGet : UID.StudyRootQueryRetrieveInformationModelGet
                : patientRoot ? UID.PatientRootQueryRetrieveInformationModelMove : UID.StudyRootQueryRetrieveInformationModelMove;
        Endpoint remote = connection.remote();
        DirectoryStorage storage = null;
        // Ctrl-C or SIGTERM: the peer is asked to cancel, and what it sent until then is answered and kept; closed
        // in the finally below, once the storage is settled
        GracefulStop stop = GracefulStop.install("dicomflow " + name(),
                connection.timeouts().dimseResponse().plus(connection.timeouts().artim()), err);
        try {
            Association as;
            if (get) {
                Files.createDirectories(outputDir);
                ApplicationEntity us = new ApplicationEntity(connection.calling());
                Map<String, Set<String>> held = null;
                try {
                    held = HeldSopClasses.ask(us, connection.request(), connection.timeouts(), patientRoot, keys);
                } catch (HeldSopClasses.Untold e) {
                    err.println("dicomflow get: " + remote + " did not say which SOP classes it holds (" + e.getMessage()
                            + "); proposing the common ones");
                }
                GetProposal proposal = GetProposal.of(connection.request().withContext(model), held, acceptTs);
                List<String> leftOut = proposal.leftOut();
                if (!leftOut.isEmpty()) {
                    err.println("dicomflow get: " + leftOut.size() + " wanted presentation contexts do not fit into one"
                            + " association (128 at most), e.g. " + String.join(", ", leftOut.subList(0,
                                    Math.min(3, leftOut.size()))) + ": instances that need them may fail");
                }
                // each instance answered once written, all forced before we report: the source keeps its copies
                storage = DirectoryStorage.durableOnFinish(outputDir);
                as = us.connect(proposal.request(), connection.timeouts(), storage);
            } else {
                as = new ApplicationEntity(connection.calling()).connect(connection.request().withContext(model),
                        connection.timeouts());
            }
            if (stop.requested()) {
                // stopped while connecting: nothing was asked of the peer yet, and nothing will be
                as.release();
                err.println("dicomflow " + name() + ": stopped before the request was sent");
                return ExitCode.FAILURE;
            }
            try (as; RetrieveResponses responses = get ? as.get(model, keys) : as.move(model, destination, keys)) {
                stop.onStop(() -> {
                    try {
                        responses.cancel();
                    } catch (IOException e) {
                        // the association is failing anyway: the iteration below reports it
                    }
                });
                if (stop.requested()) {
                    // the signal came while the request was being made
                    responses.cancel();
                }
                // at most a line a second: thousands of pending responses would otherwise cost more than the transfer
                long nextLine = System.nanoTime();
                int announced = 0;
                for (RetrieveProgress p : responses) {
                    announced = Math.max(announced, p.total());
                    long now = System.nanoTime();
                    if (now - nextLine >= 0) {
                        nextLine = now + 1_000_000_000L;
                        err.println("... " + p.completed() + " completed, " + Math.max(0, p.remaining()) + " remaining, "
                                + Math.max(0, p.failed()) + " failed, " + Math.max(0, p.warning()) + " warning");
                    }
                }
                DimseStatus status = responses.status();
                RetrieveProgress last = responses.progress();
                List<String> failedUids = new ArrayList<>(responses.failedSopInstanceUids());
                failedUids.forEach(uid -> err.println("dicomflow " + name() + ": failed: " + uid));
                out.println(String.format(Locale.ROOT, "%s: %d completed, %d failed, %d warning; final status %s%s",
                        get ? "retrieved into " + outputDir : "moved to " + destination,
                        last == null ? 0 : Math.max(0, last.completed()), last == null ? 0 : Math.max(0, last.failed()),
                        last == null ? 0 : Math.max(0, last.warning()), status,
                        responses.errorComment() == null ? "" : ": " + responses.errorComment()));
                int failed = last == null ? 0 : Math.max(0, last.failed());
                if ((failed > 0 || !failedUids.isEmpty()) && responses.errorComment() == null) {
                    err.println("dicomflow " + name() + ": " + remote + " gave no reason for the failures"
                            + (acceptTs == null ? "" : "; perhaps it holds them in a transfer syntax that"
                                    + " --accept-ts leaves out and cannot convert them (see its log)"));
                }
                int accounted = last == null ? 0 : last.total();
                if (!status.isSuccess() && announced > accounted) {
                    err.println("dicomflow " + name() + ": " + remote + " announced " + announced
                            + " sub-operations and ended after " + accounted + "; the others were not attempted");
                }
                as.release();
                // after the release: every sub-operation is answered, the peer need not wait for our disk
                List<String> notKept = storage == null ? List.of() : storage.finish();
                notKept.forEach(f -> err.println("dicomflow get: received but not kept: " + f));
                boolean clean = status.isSuccess() && failedUids.isEmpty() && (last == null || last.failed() <= 0)
                        && notKept.isEmpty() && !stop.requested();
                return clean ? ExitCode.OK : ExitCode.FAILURE;
            }
        } catch (IOException e) {
            err.println("dicomflow " + name() + ": " + remote + ": " + Failures.describe(e));
            return ExitCode.of(e);
        } catch (UncheckedIOException e) {
            err.println("dicomflow " + name() + ": " + remote + ": " + Failures.describe(e.getCause()));
            return ExitCode.of(e.getCause());
        } catch (IllegalStateException e) {
            err.println("dicomflow " + name() + ": " + remote + ": " + e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            // on every way out (after a success there is nothing left to do), before the stop lets the JVM go
            settle(storage, err);
            stop.close();
        }
    }

    /** After a failed C-GET: the instances received before it are forced and put in place all the same. */
    private static void settle(DirectoryStorage storage, PrintStream err) {
        if (storage == null) {
            return;
        }
        try {
            storage.finish().forEach(f -> err.println("dicomflow get: received but not kept: " + f));
        } catch (java.io.InterruptedIOException e) {
            err.println("dicomflow get: interrupted while the received instances were forced to disk");
        }
    }

    /**
     * {@code --accept-ts} values, comma-separated, added to {@code soFar}: transfer syntax UIDs (registered or
     * private) or the keywords of registered ones.
     */
    private static List<String> transferSyntaxes(String option, String value, List<String> soFar)
            throws Arguments.UsageException {
        List<String> syntaxes = soFar == null ? new ArrayList<>() : soFar;
        for (String part : value.split(",")) {
            String ts = part.strip();
            String uid = UID.isValid(ts) ? ts : UIDDictionary.uidOf(ts);
            String type = uid == null ? null : UIDDictionary.typeOf(uid);
            if (uid == null || type != null && !type.equals("Transfer Syntax")) {
                throw new Arguments.UsageException(option + ": '" + ts + "' is not a transfer syntax UID or keyword");
            }
            if (!syntaxes.contains(uid)) {
                syntaxes.add(uid);
            }
        }
        return syntaxes;
    }
}
