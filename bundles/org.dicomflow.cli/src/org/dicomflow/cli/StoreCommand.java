package org.dicomflow.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.Failures;
import org.dicomflow.net.StoreResult;
import org.dicomflow.net.Timeouts;

/**
 * {@code dicomflow store}: sends files to a remote AE (C-STORE), like dcmtk's storescu +sd or dcm4che's storescu.
 * Files are scanned first, the association proposes exactly the SOP classes and syntaxes they need, and each
 * file's bytes go out as they are in the file when its syntax was accepted.
 */
final class StoreCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow store -c AET@host:port [-b CALLING_AET] [--timeout S] [--window N] [--tls...] [-v] FILE|DIR...
              Sends DICOM files (folders recursively) to a remote AE (C-STORE) on one association.
              -c, --connect AET@host:port  the remote AE
              -b, --bind AET               our (calling) AE title, default DICOMFLOW
              --timeout S                  seconds to wait for connect, association and each response (default 60)
              --window N                   requests to keep outstanding if the peer accepts an asynchronous
                                           operations window (1-128, default 8; without one: 1 at a time)
              -v, --verbose                a line per file sent
            """ + RemoteOptions.TLS_USAGE + """
            Progress goes to stderr, a summary to stdout; each file that failed gets a line on stderr.
            Ctrl-C sends no more files, waits for the responses outstanding and releases the association.
            exit codes: 0 all stored, 1 some file failed or was not DICOM, 2 usage, 3 cannot connect,
                        4 rejected, 5 aborted, 6 timeout""";

    /** Keeps every association's proposal well under PS3.8's 128 presentation contexts. */
    private static final int MAX_KINDS_PER_ASSOCIATION = 60;

    /** Requests outstanding we propose: enough to hide the round trip of small objects on a LAN. */
    private static final int DEFAULT_WINDOW = 8;

    /** A file sent and its response to come. */
    private record Sent(DicomFile file, CompletableFuture<StoreResult> result) {
    }

    @Override
    public String summary() {
        return "send DICOM files to a remote AE (C-STORE)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        RemoteOptions connection = new RemoteOptions(60);
        boolean verbose = false;
        int window = DEFAULT_WINDOW;
        Arguments args = new Arguments(argv);
        try {
            for (String o; (o = args.nextOption()) != null;) {
                if (connection.accept(o, args)) {
                    continue;
                }
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "-v", "--verbose" -> verbose = true;
                case "--window" -> window = args.intValue(o, 1, 128);
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            connection.requireRemote();
            if (args.operands().isEmpty()) {
                throw new Arguments.UsageException("name at least one FILE or DIR");
            }
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("store", e, USAGE, err);
        }

        List<DicomFile> files = new ArrayList<>();
        int unusable = scan(args.operands(), files, err);
        StoreTally tally = new StoreTally(files.size() + unusable, unusable, verbose, out, err);
        Endpoint remote = connection.remote();
        Timeouts timeouts = connection.timeouts();
        try (GracefulStop stop = GracefulStop.install("dicomflow store", timeouts.dimseResponse().plus(timeouts.artim()),
                err)) {
            for (List<DicomFile> batch : batches(files)) {
                if (stop.requested()) {
                    break;
                }
                AssociationRequest request = connection.request().withContextsFor(batch);
                if (window > 1) {
                    request = request.withAsyncOpsWindow(window, 1);
                }
                try (Association as = new ApplicationEntity(connection.calling()).connect(request, timeouts)) {
                    IOException failure = send(as, batch, tally, stop);
                    if (failure != null) {
                        throw failure;
                    }
                    as.release();
                } catch (IOException e) {
                    err.println("dicomflow store: " + remote + ": " + Failures.describe(e));
                    tally.summary(stop.requested());
                    return ExitCode.of(e);
                }
            }
            tally.summary(stop.requested());
            return tally.anyFailed() || stop.requested() ? ExitCode.FAILURE : ExitCode.OK;
        }
    }

    /**
     * Sends the files with as many requests outstanding as the peer allows and reports each file, in order, once
     * its response is in. A failure of the association or a stop signal ends the sending; the responses
     * outstanding are still waited for (each at most the DIMSE timeout).
     *
     * @return what failed the association, or null
     */
    private static IOException send(Association as, List<DicomFile> files, StoreTally tally, GracefulStop stop) {
        Deque<Sent> outstanding = new ArrayDeque<>();
        IOException failure = null;
        for (DicomFile f : files) {
            if (stop.requested()) {
                break;
            }
            try {
                outstanding.add(new Sent(f, as.storeAsync(f)));
            } catch (IOException e) {
                failure = e;
                break;
            }
            failure = report(outstanding, tally, false);
            if (failure != null) {
                break;
            }
        }
        IOException late = report(outstanding, tally, true);
        return failure != null ? failure : late;
    }

    /**
     * Reports the files at the head of {@code outstanding} whose responses are in, or all of them when {@code all}
     * (waiting for each); returns the first failure of the association among them, or null.
     */
    private static IOException report(Deque<Sent> outstanding, StoreTally tally, boolean all) {
        IOException failure = null;
        while (!outstanding.isEmpty() && (all || outstanding.peek().result().isDone())) {
            Sent next = outstanding.poll();
            try {
                tally.file(next.file(), next.result().get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new InterruptedIOException("interrupted while waiting for C-STORE responses");
            }
        }
        return failure;
    }

    /** Finds the files (folders recursively) and scans each; returns how many could not be used. */
    private static int scan(List<String> operands, List<DicomFile> files, PrintStream err) {
        int failed = 0;
        for (String name : operands) {
            Path p = Path.of(name);
            List<Path> paths = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
                            .forEach(paths::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    err.println("dicomflow store: " + name + ": cannot list: " + e.getMessage());
                    failed++;
                }
            } else {
                paths.add(p);
            }
            for (Path f : paths) {
                try {
                    files.add(DicomFile.scan(f));
                } catch (DicomFormatException e) {
                    err.println("dicomflow store: " + f + ": not DICOM: " + e.getMessage());
                    failed++;
                } catch (IOException e) {
                    err.println("dicomflow store: " + f + ": " + (Files.exists(f) ? e.getMessage() : "no such file"));
                    failed++;
                }
            }
        }
        return failed;
    }

    /** Consecutive files with few enough distinct (SOP class, syntax) pairs to share one association. */
    private static List<List<DicomFile>> batches(List<DicomFile> files) {
        List<List<DicomFile>> batches = new ArrayList<>();
        List<DicomFile> current = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (DicomFile f : files) {
            String kind = f.sopClassUid() + "|" + f.transferSyntaxUid();
            if (!kinds.contains(kind) && kinds.size() == MAX_KINDS_PER_ASSOCIATION) {
                batches.add(current);
                current = new ArrayList<>();
                kinds.clear();
            }
            kinds.add(kind);
            current.add(f);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** At most one progress line a second on stderr, so long transfers show they are alive. */
    static final class Progress {
        private final PrintStream err;
        private long last = System.nanoTime();
        private boolean printed;

        Progress(PrintStream err) {
            this.err = err;
        }

        void update(int done, int total, long bytes) {
            long now = System.nanoTime();
            if (now - last >= 1_000_000_000L) {
                last = now;
                printed = true;
                err.println(String.format(Locale.ROOT, "... %d/%d files, %.1f MB", done, total, bytes / 1e6));
            }
        }

        void done() {
            if (printed) {
                err.flush();
            }
        }
    }
}
