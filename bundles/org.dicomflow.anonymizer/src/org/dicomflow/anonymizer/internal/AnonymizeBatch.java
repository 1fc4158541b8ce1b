package org.dicomflow.anonymizer.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.dicomflow.anonymizer.AnonymizationContext;
import org.dicomflow.anonymizer.AnonymizeFile;
import org.dicomflow.anonymizer.AnonymizedFile;
import org.dicomflow.anonymizer.Anonymizer;
import org.dicomflow.anonymizer.PatientLookupTable;
import org.dicomflow.anonymizer.ProfileOption;

/**
 * {@code dicomflow anonymize}: the batch over the given anonymizers, whichever way they were found: in the framework
 * ({@link AnonymizeApplication}, with extension bundles) or, when no extension is installed, as plain Java with the
 * built-in profile only ({@link #main}), which spares the batch the framework's start.
 */
public final class AnonymizeBatch {

    private AnonymizeBatch() {
    }

    static final String USAGE = """
            usage: dicomflow anonymize [--anonymizer ID] [--option NAME]... --key-file F [--lookup CSV] [--diff DIR] -o OUTDIR INPUT...
                   dicomflow anonymize --list
              De-identifies DICOM files (folders recursively) into OUTDIR/<new study UID>/<new series UID>/<new SOP UID>.dcm.
              --list            the anonymizers installed (built in and extensions) and their options
              --anonymizer ID   which one (default annex-e, PS3.15 Annex E Basic Profile)
              --option NAME     a profile option, e.g. retain-uids, retain-device-identity, clean-descriptors (repeatable)
              --key-file F      the project secret (at least 16 bytes): same key, same pseudonyms on any machine
              --lookup CSV      originalPatientID,newPatientID[,newPatientName] lines
              --diff DIR        also write each file's before/after diff to DIR/<study>/<series>/<SOP>.diff.txt and
                                .diff.json (they hold the original values: keep DIR apart from what you share)
              -o OUTDIR         where to write
            Progress on stderr, a line per failed file, a summary on stdout; exit 1 if any file failed, 2 usage.""";

    /** The built-in Annex E profile only, without the framework (the launcher's choice when extensions/ holds no jar). */
    public static void main(String[] args) {
        System.exit(run(args, List.of(new AnnexEAnonymizer()), System.out, System.err));
    }

    static int run(String[] args, List<Anonymizer> installed, PrintStream out, PrintStream err) {
        String id = "annex-e";
        Set<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
        Path keyFile = null;
        Path lookup = null;
        Path outDir = null;
        Path diffDir = null;
        List<Path> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--list" -> {
                    for (Anonymizer an : installed) {
                        out.println(an.id() + "\t" + an.displayName() + "\t" + an.description());
                        for (ProfileOption o : an.supportedOptions()) {
                            out.println("\t--option " + o.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\t" + o.codeMeaning());
                        }
                    }
                    return 0;
                }
                case "--anonymizer" -> id = value(args, ++i, a);
                case "--option" -> {
                    String v = value(args, ++i, a);
                    ProfileOption o = ProfileOption.parse(v);
                    if (o == null) {
                        throw new IllegalArgumentException("--option: no profile option '" + v + "' (see --list)");
                    }
                    options.add(o);
                }
                case "--key-file" -> keyFile = Path.of(value(args, ++i, a));
                case "--lookup" -> lookup = Path.of(value(args, ++i, a));
                case "-o", "--output" -> outDir = Path.of(value(args, ++i, a));
                case "--diff" -> diffDir = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                    inputs.add(Path.of(a));
                }
                }
            }
            if (keyFile == null || outDir == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("--key-file, -o and at least one INPUT are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("dicomflow anonymize: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        final String wanted = id;
        Anonymizer anonymizer = installed.stream().filter(an -> an.id().equals(wanted)).findFirst().orElse(null);
        if (anonymizer == null) {
            err.println("dicomflow anonymize: no anonymizer '" + id + "' is installed (see --list)");
            return 2;
        }
        AnonymizationContext ctx;
        try {
            AnonymizationContext.Builder b = AnonymizationContext.builder(Files.readAllBytes(keyFile)).options(options);
            if (lookup != null) {
                b.lookupTable(PatientLookupTable.read(lookup));
            }
            ctx = b.build();
            Files.createDirectories(outDir);
        } catch (IOException | IllegalArgumentException e) {
            err.println("dicomflow anonymize: " + e.getMessage());
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    err.println("dicomflow anonymize: " + in + ": " + e.getMessage());
                }
            } else {
                files.add(in);
            }
        }
        // files are independent: use every core (the profile, the key's MACs and the output folders are safe to share)
        final Path target = outDir;
        final Path diffs = diffDir;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger warnings = new AtomicInteger();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Path f : files) {
                work.add(pool.submit(() -> {
                    try {
                        AnonymizedFile result = AnonymizeFile.run(f, target, anonymizer, ctx);
                        if (diffs != null) {
                            writeDiff(result, diffs);
                        }
                        done.incrementAndGet();
                        if (!result.verification().isClean()) {
                            warnings.incrementAndGet();
                            err.println("dicomflow anonymize: " + f + ": check " + result.output() + ": "
                                    + result.verification().toText().lines().findFirst().orElse("identifying values remain"));
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        err.println("dicomflow anonymize: " + f + ": " + e.getMessage());
                    }
                    long now = System.nanoTime();
                    long last = lastProgress.get();
                    if (now - last > TimeUnit.SECONDS.toNanos(1) && lastProgress.compareAndSet(last, now)) {
                        err.println("... " + (done.get() + failed.get()) + "/" + files.size() + " files");
                    }
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("dicomflow anonymize: interrupted");
            return 1;
        } catch (ExecutionException e) {
            err.println("dicomflow anonymize: " + e.getCause());
            return 1;
        } finally {
            pool.shutdownNow();
        }
        out.println("anonymized " + done.get() + " of " + files.size() + " files into " + outDir + " with " + anonymizer.id()
                + (failed.get() == 0 ? "" : ", " + failed.get() + " failed")
                + (warnings.get() == 0 ? "" : ", " + warnings.get() + " to check"));
        return failed.get() == 0 ? 0 : 1;
    }

    /** The file's diff as text and JSON, laid out like the output (the UIDs were checked before they named it). */
    private static void writeDiff(AnonymizedFile result, Path diffs) throws IOException {
        Path dir = Files.createDirectories(diffs.resolve(result.studyInstanceUid()).resolve(result.seriesInstanceUid()));
        Files.writeString(dir.resolve(result.sopInstanceUid() + ".diff.txt"), result.diff().toText());
        Files.writeString(dir.resolve(result.sopInstanceUid() + ".diff.json"), result.diff().toJson());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
