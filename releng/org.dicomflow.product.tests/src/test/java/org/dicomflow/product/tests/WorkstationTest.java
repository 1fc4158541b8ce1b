package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.dicomflow.testing.FreePort;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomflow} with no command opens the workstation (under Xvfb in CI): the e4 window with the DICOM
 * Nodes view comes up with the remote nodes of etc/, and the workstation's own node answers C-ECHO.
 * The view's behaviour (Test connection, validation) is tested in org.dicomflow.ui.app.tests.
 */
class WorkstationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @BeforeEach
    void needsADisplay() {
        if (System.getenv("DISPLAY") == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("no DISPLAY: run the tests under xvfb-run (CI=true: UI tests must not be skipped)");
            }
            Assumptions.abort("no DISPLAY; run the tests under xvfb-run -a");
        }
    }

    @Test
    void opensTheNodesViewAndRunsTheLocalNode() throws Exception {
        int port = FreePort.find();
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/org.dicomflow.node.cfg"), "aeTitle = WSNODE\nbindAddress = 127.0.0.1\nport = " + port + "\n");
        Files.writeString(dir.resolve("etc/remote-nodes.cfg"),
                "node.1.aeTitle=PACS\nnode.1.host=127.0.0.1\nnode.1.port=104\nnode.1.description=test PACS\n");
        try (Installation.Running ws = installation.start(dir, Map.of())) {
            ws.awaitLine("DICOM Nodes view opened: 1 remote node\\(s\\)", WAIT);
            ws.awaitLine("node WSNODE listening on 127.0.0.1:" + port, WAIT);
            assertEquals(0, Echoscu.run(dir, "ECHOSCU", "WSNODE", port).exitCode(), ws.output());
        }
    }
}
