package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomflow node} follows edits of its etc/org.dicomflow.node.cfg while it runs: the same process, the
 * same listener, dcmtk's echoscu as the caller whose admission the edit changes.
 */
class NodeConfigurationEditTest {

    private static final Duration START = Duration.ofSeconds(60);
    /** Bound for an edit to take effect; the node looks every 0.5 s and reads after 1 s of quiet. */
    private static final Duration APPLY = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(20);
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    private static String config(int port, String allowed, String maxAssociations) {
        return String.join("\n", "# written by NodeConfigurationEditTest", "aeTitle = EDITNODE",
                "bindAddress = 127.0.0.1", "port = " + port, "allowedCallingAets = " + allowed,
                "maxAssociations = " + maxAssociations, "");
    }

    @Test
    void anEditOfTheFileAppliesWithoutRestartAndTheCommandLinePortStays() throws Exception {
        int port = FreePort.find();
        // the file names other ports than the command line: --port keeps winning over every edit
        int filePort = FreePort.find();
        int editedFilePort = FreePort.find();
        Path cfg = Files.createDirectories(dir.resolve("etc")).resolve("org.dicomflow.node.cfg");
        Files.writeString(cfg, config(filePort, "FRIEND", "8"));
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--port", Integer.toString(port))) {
            node.awaitLine("DICOMFlow node EDITNODE on 127.0.0.1:" + port + ": listening", START);
            ProcessHandle jvm = node.process.toHandle();
            Instant started = jvm.info().startInstant().orElseThrow();

            assertEquals(0, Echoscu.run(dir, "FRIEND", "EDITNODE", port).exitCode());
            PeerProcess refused = Echoscu.run(dir, "NEWCOMER", "EDITNODE", port);
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("Reason: Calling AE Title Not Recognized"), refused.output());

            // written in place, as most editors save
            Files.writeString(cfg, config(editedFilePort, "FRIEND, NEWCOMER", "8"));
            PeerProcess admitted = awaitEcho(node, "NEWCOMER", port);
            assertTrue(admitted.output().contains("Received Echo Response (Success)"), admitted.output());
            String applied = node.awaitLine("node settings from .*org\\.dicomflow\\.node\\.cfg applied: "
                    + "allowedCallingAets = FRIEND,NEWCOMER \\(port as given on the command line\\)", START);

            // the same process, and the same listener: changed in place, not restarted
            assertTrue(node.process.isAlive(), node.output());
            assertEquals(jvm.pid(), node.process.pid());
            assertEquals(started, ProcessHandle.of(jvm.pid()).orElseThrow().info().startInstant().orElseThrow(),
                    "the node's JVM was not replaced");
            assertEquals(1, count(Files.readString(node.stdout), "DICOMFlow node EDITNODE on .*: listening"),
                    node.output());
            String log = Files.readString(dir.resolve("logs/node.0.log"));
            assertEquals(1, count(log, "node EDITNODE listening on 127\\.0\\.0\\.1:" + port), log);
            assertTrue(log.contains(applied.substring(applied.indexOf("node settings from"))), log);

            // a file that does not parse is reported and the node goes on as it was
            Files.writeString(cfg, config(editedFilePort, "FRIEND", "many"));
            node.awaitLine("org\\.dicomflow\\.node\\.cfg: maxAssociations: 'many' is not a number; "
                    + "the node goes on with its current settings", APPLY);
            assertEquals(0, Echoscu.run(dir, "NEWCOMER", "EDITNODE", port).exitCode(),
                    "the settings in force still admit NEWCOMER");

            assertEquals(0, node.terminate(STOP), node.output());
        }
    }

    /** Runs echoscu until the node accepts the caller, bounded by {@link #APPLY}; returns the successful run. */
    private PeerProcess awaitEcho(Installation.Running node, String calling, int port) throws Exception {
        long deadline = System.nanoTime() + APPLY.toNanos();
        while (true) {
            PeerProcess echo = Echoscu.run(dir, calling, "EDITNODE", port);
            if (echo.exitCode() == 0) {
                return echo;
            }
            if (System.nanoTime() > deadline || !node.process.isAlive()) {
                throw new AssertionError("the node did not admit " + calling + " within " + APPLY + " of the edit\n"
                        + echo.output() + "\n" + node.output());
            }
            Thread.sleep(250);
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
