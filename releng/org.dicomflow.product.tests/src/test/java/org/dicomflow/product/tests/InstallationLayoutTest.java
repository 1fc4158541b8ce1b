package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What the build leaves behind: the unpacked installation, its .tar.gz, and the p2 repository. */
class InstallationLayoutTest {

    private final Installation installation = Installation.built();

    @Test
    void installationHasLauncherConfigurationAndExtensionsFolder() {
        Path home = installation.home();
        assertTrue(Files.isExecutable(home.resolve("dicomflow")));
        assertTrue(Files.isRegularFile(home.resolve("etc/org.dicomflow.node.cfg")));
        assertTrue(Files.isDirectory(home.resolve("extensions")));
        assertTrue(Files.isDirectory(home.resolve("plugins")));
    }

    @Test
    void archiveHoldsTheSameInstallationWithAnExecutableLauncher() throws Exception {
        Path archive;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("dicomflow.archive.dir")))) {
            archive = files.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        List<String> listing = tar("-tvzf", archive.toString());
        assertTrue(listing.stream().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(" dicomflow/dicomflow")), 
                "launcher is executable in " + archive);
        assertTrue(listing.stream().anyMatch(l -> l.endsWith(" dicomflow/etc/org.dicomflow.node.cfg")));
        assertTrue(listing.stream().anyMatch(l -> l.matches(".* dicomflow/plugins/org\\.dicomflow\\.net_.*\\.jar")));
    }

    @Test
    void updateSiteOffersBothFeatures() throws IOException {
        Path repo = Path.of(System.getProperty("dicomflow.site.dir"));
        try (Stream<Path> features = Files.list(repo.resolve("features"))) {
            List<String> names = features.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org.dicomflow.feature_")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org.dicomflow.example.feature_")), names.toString());
        }
    }

    private static List<String> tar(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tar"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return lines;
    }
}
