package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomflow.testing.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension proof: the example bundle dropped into extensions/ of a running node is installed, its
 * AssociationListener bound and called; removed, it is unbound; the node serves throughout.
 */
class ExtensionHotDeployTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void exampleListenerBindsWhenDroppedInAndUnbindsWhenRemoved() throws Exception {
        Path jar = exampleJar();
        int port = FreePort.find();
        try (Installation.Running node = installation.start(dir, Map.of(), "node", "--aet", "HOTNODE", "--port",
                Integer.toString(port))) {
            node.awaitLine("DICOMFlow node HOTNODE .*listening", WAIT);
            assertTrue(!node.output().contains("AssociationAuditLog"), "not bound before it is installed");

            Path dropped = Files.copy(jar, dir.resolve("extensions").resolve(jar.getFileName()));
            node.awaitLine("association listener bound: org.dicomflow.example.listener.AssociationAuditLog", WAIT);

            assertEquals(0, Echoscu.run(dir, "AUDITED", "HOTNODE", port).exitCode());
            node.awaitLine("AUDIT released AUDITED -> HOTNODE", WAIT);

            Files.delete(dropped);
            node.awaitLine("association listener unbound: org.dicomflow.example.listener.AssociationAuditLog", WAIT);
            assertEquals(0, Echoscu.run(dir, "UNAUDITED", "HOTNODE", port).exitCode());
            // The node logs an association's end, then tells the listeners, all on the server's one event
            // thread in order. Once UNAUDITED's end is logged, LATER's log line can only appear after the
            // listeners were told about UNAUDITED: then the absence of its AUDIT line proves something.
            node.awaitLine("association released: UNAUDITED -> HOTNODE", WAIT);
            assertEquals(0, Echoscu.run(dir, "LATER", "HOTNODE", port).exitCode());
            node.awaitLine("association released: LATER -> HOTNODE", WAIT);
            assertTrue(!node.output().contains("AUDIT released UNAUDITED"), node.output());
            assertEquals(0, node.terminate(Duration.ofSeconds(20)), node.output());
        }
    }

    private static Path exampleJar() throws IOException {
        Path target = Path.of(System.getProperty("dicomflow.extension.dir", "target/no-such-dir"));
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("org\\.dicomflow\\.example\\.listener-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("example bundle not built in " + target));
        }
    }
}
