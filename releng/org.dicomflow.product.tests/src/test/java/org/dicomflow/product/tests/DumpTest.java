package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicomflow dump} over the real test files, as a user runs it. */
class DumpTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path DATA = Path.of(System.getProperty("dicomflow.testdata.dir", "no-testdata"));
    private final Installation installation = Installation.built();

    @TempDir
    Path dir;

    /** Files whose inventory says dcmtk reads them (the malformed ones are marked "error"). */
    private static List<String> wellFormed() throws Exception {
        List<String> files = new ArrayList<>();
        List<String> lines = Files.readAllLines(DATA.resolve("inventory.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (c[17].equals("ok") && !c[0].endsWith("DICOMDIR-nooffset")) {
                files.add(DATA.resolve(c[0]).toString());
            }
        }
        return files;
    }

    @Test
    void dumpsEveryWellFormedFileInOneRun() throws Exception {
        List<String> files = wellFormed();
        List<String> args = new ArrayList<>(List.of("dump", "--max-width", "160"));
        args.addAll(files);
        Installation.Result r = installation.run(dir, LIMIT, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        for (String f : files) {
            assertTrue(r.stdout().contains("# " + f + "\n"), "dumped " + f);
        }
    }

    @Test
    void personNameAndCharacterSetAsDcmdumpShowsThem() throws Exception {
        Path file = DATA.resolve("pydicom/charset_files/chrGerm.dcm");
        Installation.Result ours = installation.run(dir, LIMIT, "dump", file.toString());
        assertEquals(0, ours.exitCode(), ours.toString());
        String theirs = dcmdumpLine(file, "(0010,0010)");
        String name = theirs.substring(theirs.indexOf('[') + 1, theirs.indexOf(']'));
        String line = ours.stdout().lines().filter(l -> l.startsWith("(0010,0010) PN")).findFirst().orElseThrow();
        assertTrue(line.contains("[" + name + "]"), line + " vs dcmdump's " + theirs);
    }

    @Test
    void brokenFilesGetOneLineEachEvenWithATinyHeapAndTheRestIsDumped() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "this is not DICOM\n");
        String good = DATA.resolve("pydicom/test_files/CT_small.dcm").toString();
        List<String> bad = List.of(DATA.resolve("pydicom/test_files/MR_truncated.dcm").toString(),
                DATA.resolve("pydicom/test_files/rtplan_truncated.dcm").toString(), dir.resolve("notes.txt").toString(),
                dir.resolve("missing.dcm").toString());
        List<String> args = new ArrayList<>(List.of("dump"));
        args.addAll(bad);
        args.add(good);
        Installation.Result r = installation.run(dir, LIMIT, Map.of("DICOMFLOW_VMARGS", "-Xmx24m"), args.toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.toString());
        List<String> errors = r.stderr().lines().toList();
        assertEquals(bad.size(), errors.size(), r.stderr());
        for (int i = 0; i < bad.size(); i++) {
            assertTrue(errors.get(i).startsWith("dicomflow dump: " + bad.get(i) + ": "), errors.get(i));
        }
        assertTrue(errors.get(0).contains("at offset"), "says where: " + errors.get(0));
        assertFalse(r.toString().contains("OutOfMemoryError"), r.toString());
        assertTrue(r.stdout().contains("# " + good), "the good file is still dumped");
        assertTrue(r.stdout().contains("(0010,0010) PN [CompressedSamples^CT1]"), r.stdout());
    }

    @Test
    void jsonOutputIsTheDicomJsonModel() throws Exception {
        Installation.Result r = installation.run(dir, LIMIT, "dump", "--json",
                DATA.resolve("pydicom/test_files/CT_small.dcm").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String json = r.stdout().replaceAll("\\s+", "");
        assertTrue(json.contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"CompressedSamples^CT1\"}]}"), json);
        assertTrue(json.contains("\"00280010\":{\"vr\":\"US\",\"Value\":[128]}"), json);
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:"), json);
    }

    @Test
    void headerOfAOneGigabyteFileIsReadWithA64MegabyteHeap() throws Exception {
        // CT_small with its pixel data element grown to 1 GiB: a sparse file, so it costs no disk
        byte[] ct = Files.readAllBytes(DATA.resolve("pydicom/test_files/CT_small.dcm"));
        int at = indexOf(ct, new byte[] { (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0 });
        assertTrue(at > 0, "CT_small has explicit VR LE pixel data");
        long size = 1L << 30;
        Path big = dir.resolve("one-gigabyte.dcm");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write(ct, 0, at + 8);
            f.write(new byte[] { 0, 0, 0, 0x40 }); // length 0x40000000
            f.setLength(at + 12 + size);
        }
        Installation.Result r = installation.run(dir, LIMIT, Map.of("DICOMFLOW_VMARGS", "-Xmx64m"), "dump", big.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("(7FE0,0010) OW (not loaded: " + size + " bytes at offset " + (at + 12) + ")"), r.stdout());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer: for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String dcmdumpLine(Path file, String tag) throws Exception {
        Process p = new ProcessBuilder(Peers.require("dcmdump", "dcmtk").toString(), "-q", "+U8", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().filter(l -> l.startsWith(tag)).findFirst().orElseThrow();
    }
}
