package org.dicomflow.node.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.dicomflow.net.TlsSettings;
import org.dicomflow.node.internal.TlsFilesWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the node reloads its TLS files, driven by a clock of the test's own: once after a change has been quiet
 * for the quiet period; a reload that fails is tried again later even if the files stay as they are (a key whose
 * permissions are fixed afterwards), and at once after a new change. The files are real; the reload is counted.
 */
class TlsFilesWatchTest {
    private static final long S = 1_000_000_000L;
    private static final Duration QUIET = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** Reload outcomes to give, in order; counts the calls. */
    private final Deque<Boolean> outcomes = new ArrayDeque<>();
    private int reloads;

    private boolean reload() {
        reloads++;
        return outcomes.isEmpty() || outcomes.removeFirst();
    }

    private TlsFilesWatch watch(Path crt, Path key) throws Exception {
        Files.writeString(crt, "certificate 1");
        Files.writeString(key, "key 1");
        return new TlsFilesWatch(TlsSettings.defaults().withCertificate(crt, key), QUIET, this::reload);
    }

    @Test
    void aChangeIsReloadedOnceItHasBeenQuiet() throws Exception {
        Path crt = dir.resolve("node.crt");
        try (TlsFilesWatch w = watch(crt, dir.resolve("node.key"))) {
            w.check(0);
            assertEquals(0, reloads, "nothing changed");
            Files.writeString(crt, "certificate 2, renewed");
            w.check(1 * S);
            w.check(1 * S + QUIET.toNanos() - 1);
            assertEquals(0, reloads, "not before the quiet period");
            w.check(1 * S + QUIET.toNanos());
            assertEquals(1, reloads);
            w.check(5 * S);
            w.check(60 * S);
            assertEquals(1, reloads, "once per change");
        }
    }

    @Test
    void aFailedReloadIsTriedAgainLaterAndAtOnceAfterANewChange() throws Exception {
        Path crt = dir.resolve("node.crt");
        Path key = dir.resolve("node.key");
        try (TlsFilesWatch w = watch(crt, key)) {
            w.check(0);
            Files.writeString(key, "key 2, not readable yet");
            outcomes.add(false);
            w.check(1 * S);
            w.check(2 * S);
            assertEquals(1, reloads, "tried");
            w.check(5 * S);
            w.check(11 * S);
            assertEquals(1, reloads, "not again within 10 s while the files stay as they are");
            outcomes.add(false);
            w.check(12 * S);
            w.check(13 * S);
            assertEquals(2, reloads, "tried again after 10 s though nothing changed");
            // a new change during the (now 20 s) wait is tried once quiet, not after the wait
            // each write a length of its own: file times may not tell two quick writes apart
            Files.writeString(key, "key 3, written properly at last");
            w.check(14 * S);
            w.check(15 * S);
            assertEquals(3, reloads);
            w.check(100 * S);
            assertEquals(3, reloads, "that one worked: nothing more to do");
        }
    }

    @Test
    void theWaitDoublesWhileReloadsFailAndStartsOverAfterOneWorks() throws Exception {
        Path crt = dir.resolve("node.crt");
        try (TlsFilesWatch w = watch(crt, dir.resolve("node.key"))) {
            w.check(0);
            Files.writeString(crt, "certificate 2, unusable");
            outcomes.addAll(java.util.List.of(false, false, true));
            w.check(1 * S);
            w.check(2 * S);
            assertEquals(1, reloads, "failed");
            w.check(12 * S);
            w.check(13 * S);
            assertEquals(2, reloads, "failed again after 10 s");
            w.check(32 * S);
            w.check(33 * S - 1);
            assertEquals(2, reloads, "the next wait is 20 s");
            w.check(33 * S);
            w.check(34 * S);
            assertEquals(3, reloads, "worked after 20 s");
            Files.writeString(crt, "certificate 3, unusable again");
            outcomes.add(false);
            w.check(40 * S);
            w.check(41 * S);
            assertEquals(4, reloads);
            w.check(51 * S);
            w.check(52 * S);
            assertEquals(5, reloads, "after a reload that worked, the wait is 10 s again");
        }
    }
}
