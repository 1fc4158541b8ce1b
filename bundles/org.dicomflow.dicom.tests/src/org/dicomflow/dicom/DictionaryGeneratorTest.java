package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Tag.java, UID.java and dictionary resources are exactly what the generator makes of the
 * committed data: a changed TSV or generator without regenerated output (or a hand edit of generated
 * output) fails the build here.
 */
class DictionaryGeneratorTest {

    private static final List<String> GENERATED = List.of("Tag.java", "UID.java", "dictionary/elements.txt",
            "dictionary/element-details.txt", "dictionary/uids.txt", "dictionary/private.txt");

    @Test
    void committedOutputIsWhatTheGeneratorWrites(@TempDir Path tmp) throws Exception {
        Path bundle = DictionarySources.bundle();
        assumeTrue(ModuleLayer.boot().findModule("jdk.compiler").isPresent(),
                "the test JVM is not a JDK; running GenerateDictionary.java needs its source launcher");
        Path committed = bundle.resolve("src/org/dicomflow/dicom");
        Path src = tmp.resolve("src");
        Path generated = src.resolve("org/dicomflow/dicom");
        Files.createDirectories(generated);
        // the generator rewrites only the GENERATED part of these two, so it needs their hand-written rest
        Files.copy(committed.resolve("Tag.java"), generated.resolve("Tag.java"));
        Files.copy(committed.resolve("UID.java"), generated.resolve("UID.java"));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), bundle.resolve("dictionary/GenerateDictionary.java").toString(),
                bundle.resolve("dictionary").toString(), src.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generator did not finish");
        assertEquals(0, p.exitValue(), output);

        for (String file : GENERATED) {
            compare(file, committed.resolve(file), generated.resolve(file));
        }
    }

    /** Fails naming the first differing line rather than dumping two 600 KB strings. */
    private static void compare(String name, Path committed, Path generated) throws IOException {
        List<String> expected = Files.readAllLines(generated);
        List<String> actual = Files.readAllLines(committed);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end of file>";
            String a = i < actual.size() ? actual.get(i) : "<end of file>";
            if (!e.equals(a)) {
                fail(name + " differs from the generator's output at line " + (i + 1) + ":\n  committed: " + a
                        + "\n  generated: " + e + "\nrun java bundles/org.dicomflow.dicom/dictionary/GenerateDictionary.java"
                        + " from the repository root and commit the result");
            }
        }
        assertEquals(Files.size(generated), Files.size(committed), name + " differs in line endings");
    }
}
