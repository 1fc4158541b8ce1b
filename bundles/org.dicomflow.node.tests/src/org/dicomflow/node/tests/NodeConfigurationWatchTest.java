package org.dicomflow.node.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.node.NodeSettings;
import org.dicomflow.node.internal.NodeConfigurationWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless node's watch of its configuration file, on real files in a temporary folder. Most tests drive
 * the watch with a clock of their own ({@code check(now)}), so the quiet period is exact and no test depends
 * on how fast the machine is; one runs it on its own thread.
 */
class NodeConfigurationWatchTest {

    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final long MS = 1_000_000L;

    @TempDir
    Path etc;

    /** What the watch told, in order. */
    private static final class Told implements NodeConfigurationWatch.Listener {
        final List<NodeConfigurationWatch.Change> changes = new ArrayList<>();
        final List<String> notApplied = new ArrayList<>();

        @Override
        public void changed(NodeConfigurationWatch.Change change) {
            changes.add(change);
        }

        @Override
        public void notApplied(String reason) {
            notApplied.add(reason);
        }
    }

    private Path file() {
        return etc.resolve(NodeConfigurationFile.FILE_NAME);
    }

    private void write(String... lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n");
    }

    /** A watch of the file as it is now, as the node started from it. */
    private NodeConfigurationWatch watch(UnaryOperator<NodeSettings> overrides, Told told) throws IOException {
        NodeSettings started = NodeSettings.from(NodeConfigurationFile.read(file()));
        return new NodeConfigurationWatch(file(), started, overrides, QUIET, told);
    }

    /** Looks at the file until it has been quiet for longer than the quiet period, from {@code now} on. */
    private static long settle(NodeConfigurationWatch watch, long now) {
        watch.check(now);
        watch.check(now + 1 * MS);
        watch.check(now + 1200 * MS);
        return now + 1200 * MS;
    }

    @Test
    void anEditIsDeliveredOnceAndOnlyWhenTheFileHasBeenQuiet() throws Exception {
        write("aeTitle = WATCHED", "port = 11112", "allowedCallingAets = FRIEND");
        Told told = new Told();
        NodeConfigurationWatch watch = watch(UnaryOperator.identity(), told);
        long now = settle(watch, 0);
        assertEquals(List.of(), told.changes, "the file as the node started from it is no change");

        // an editor's first half: parseable, but not what the operator means
        write("aeTitle = WATCHED", "port = 11112", "allowedCallingAets = FRIEND, AL");
        watch.check(now += 100 * MS);
        watch.check(now += 500 * MS);
        // the rest arrives before the file was quiet for the quiet period: the half is never read
        write("aeTitle = WATCHED", "port = 11112", "allowedCallingAets = FRIEND, ALLY", "maxAssociations = 4");
        watch.check(now += 500 * MS);
        watch.check(now += 900 * MS);
        assertEquals(List.of(), told.changes, "nothing before the file was quiet for " + QUIET);
        watch.check(now += 200 * MS);

        assertEquals(1, told.changes.size(), told.changes.toString());
        NodeConfigurationWatch.Change change = told.changes.get(0);
        assertEquals(Set.of("FRIEND", "ALLY"), change.settings().allowedCallingAets());
        assertEquals(4, change.settings().maxAssociations());
        assertEquals(List.of("allowedCallingAets", "maxAssociations"), change.changedKeys());
        assertEquals("allowedCallingAets = FRIEND,ALLY; maxAssociations = 4", change.describe());

        for (int i = 0; i < 5; i++) {
            watch.check(now += 1000 * MS);
        }
        // a comment changes the file but no setting: nothing to apply
        write("# the friends", "aeTitle = WATCHED", "port = 11112", "allowedCallingAets = FRIEND, ALLY",
                "maxAssociations = 4");
        now = settle(watch, now + MS);
        assertEquals(1, told.changes.size(), "delivered once: " + told.changes);
        assertEquals(List.of(), told.notApplied);
    }

    @Test
    void aBrokenFileIsReportedOnceAndNotDelivered() throws Exception {
        write("aeTitle = WATCHED", "port = 11112");
        Told told = new Told();
        NodeConfigurationWatch watch = watch(UnaryOperator.identity(), told);
        long now = settle(watch, 0);

        write("aeTitle = WATCHED", "port = eleven", "maxAssociations = 4");
        now = settle(watch, now + MS);
        now = settle(watch, now + MS);
        assertEquals(List.of(), told.changes, "a file that does not parse is not delivered, not even its good keys");
        assertEquals(1, told.notApplied.size(), told.notApplied.toString());
        String reason = told.notApplied.get(0);
        assertTrue(reason.contains(file().toString()) && reason.contains("port: 'eleven' is not a number")
                && reason.contains("goes on with its current settings"), reason);

        write("aeTitle = WATCHED", "port = 11113", "maxAssociations = 4");
        now = settle(watch, now + MS);
        assertEquals(1, told.changes.size(), told.changes.toString());
        assertEquals(List.of("maxAssociations", "port"), told.changes.get(0).changedKeys(),
                "compared with the settings in force, not with the broken file");
        assertEquals(11113, told.changes.get(0).settings().port());

        // truncated and left so: every key would fall back to its default, the callers allowed to "any"
        Files.writeString(file(), "");
        settle(watch, now + MS);
        assertEquals(1, told.changes.size(), told.changes.toString());
        assertEquals(2, told.notApplied.size(), told.notApplied.toString());
        assertTrue(told.notApplied.get(1).contains("has no settings"), told.notApplied.get(1));
    }

    @Test
    void theCommandLineWinsOverEveryEdit() throws Exception {
        write("aeTitle = WATCHED", "port = 11112");
        Told told = new Told();
        // as `dicomflow node --port 4242`
        NodeConfigurationWatch watch = watch(s -> s.withPort(4242), told);
        long now = settle(watch, 0);

        write("aeTitle = WATCHED", "port = 11113");
        now = settle(watch, now + MS);
        assertEquals(List.of(), told.changes, "an edit of an overridden key only changes nothing");
        assertEquals(1, told.notApplied.size(), told.notApplied.toString());
        assertTrue(told.notApplied.get(0).contains("port changed, but the command line sets it"),
                told.notApplied.get(0));

        write("aeTitle = WATCHED", "port = 11114", "allowedCallingAets = FRIEND");
        settle(watch, now + MS);
        assertEquals(1, told.changes.size(), told.changes.toString());
        NodeConfigurationWatch.Change change = told.changes.get(0);
        assertEquals(4242, change.settings().port());
        assertEquals(Set.of("FRIEND"), change.settings().allowedCallingAets());
        assertEquals(List.of("allowedCallingAets"), change.changedKeys());
        assertEquals(List.of("port"), change.keptKeys());
    }

    @Test
    void aRemovedFileKeepsTheSettingsAndARecreatedOneApplies() throws Exception {
        write("aeTitle = WATCHED", "port = 11112");
        Told told = new Told();
        NodeConfigurationWatch watch = watch(UnaryOperator.identity(), told);
        long now = settle(watch, 0);

        Files.delete(file());
        now = settle(watch, now + MS);
        assertEquals(List.of(), told.changes);
        assertEquals(1, told.notApplied.size(), told.notApplied.toString());
        assertTrue(told.notApplied.get(0).contains("was removed"), told.notApplied.get(0));

        // saved the way some editors do: a new file renamed over the name
        Path saved = etc.resolve("saving.tmp");
        Files.writeString(saved, "aeTitle = RENAMED\nport = 11112\n");
        Files.move(saved, file());
        settle(watch, now + MS);
        assertEquals(1, told.changes.size(), told.changes.toString());
        assertEquals("RENAMED", told.changes.get(0).settings().aeTitle());
    }

    @Test
    void onItsOwnThreadAnEditArrivesAndCloseStopsIt() throws Exception {
        write("aeTitle = WATCHED", "port = 11112");
        BlockingQueue<NodeConfigurationWatch.Change> changes = new LinkedBlockingQueue<>();
        BlockingQueue<String> notApplied = new LinkedBlockingQueue<>();
        NodeSettings started = NodeSettings.from(NodeConfigurationFile.read(file()));
        NodeConfigurationWatch watch = new NodeConfigurationWatch(file(), started, UnaryOperator.identity(),
                Duration.ofMillis(200), new NodeConfigurationWatch.Listener() {
                    @Override
                    public void changed(NodeConfigurationWatch.Change change) {
                        changes.add(change);
                    }

                    @Override
                    public void notApplied(String reason) {
                        notApplied.add(reason);
                    }
                }).start(Duration.ofMillis(20));
        try {
            write("aeTitle = WATCHED", "port = 11112", "idleTimeout = 42");
            NodeConfigurationWatch.Change change = changes.poll(20, TimeUnit.SECONDS);
            assertNotNull(change, "the edit arrived; not applied: " + notApplied);
            assertEquals(42, change.settings().idleTimeout());
        } finally {
            watch.close();
        }
        // close() waits for the schedule to end; the thread itself dies a moment after
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("dicomflow-node-configuration-watch"))) {
            assertTrue(System.nanoTime() < deadline, "the watch's thread ends once it is closed");
            Thread.sleep(10);
        }
    }
}
