package org.dicomflow.dicom.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.dicom.Sequence;
import org.junit.jupiter.api.Test;

/**
 * Mutated real files (bytes flipped, lengths blown up, truncations) must either read or fail with our parse
 * error: no other exception, no hang, no huge allocation. Bounded in count and time; the seed is fixed so a
 * failure can be replayed, and printed with the mutation that caused it.
 */
class FuzzTest {

    private static final String[] SEEDS = { "pydicom/test_files/CT_small.dcm", "pydicom/test_files/MR_small_bigendian.dcm",
            "pydicom/test_files/rtplan.dcm", "pydicom/test_files/image_dfl.dcm", "pydicom/test_files/test-SR.dcm",
            "pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm", "pydicom/charset_files/chrH31.dcm", "pydicom/test_files/no_meta.dcm" };
    private static final int MAX_CASES = 4000;
    private static final Duration BUDGET = Duration.ofSeconds(25);

    @Test
    void mutatedFilesOnlyEverFailWithParseErrors() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            seeds.add(Files.readAllBytes(TestFiles.ROOT.resolve(s)));
        }
        List<String> failures = new ArrayList<>();
        int[] cases = { 0 };
        assertTimeoutPreemptively(BUDGET.plusSeconds(30), () -> {
            Random rnd = new Random(20261128);
            long deadline = System.nanoTime() + BUDGET.toNanos();
            while (cases[0] < MAX_CASES && System.nanoTime() < deadline && failures.size() < 5) {
                int which = rnd.nextInt(seeds.size());
                StringBuilder how = new StringBuilder(SEEDS[which]);
                byte[] data = mutate(seeds.get(which), rnd, how);
                try (DicomReader r = new DicomReader(new ByteArrayInputStream(data)).withOptions(ReadOptions.LOAD_ALL)) {
                    touchEveryValue(r.readDataSet());
                } catch (DicomFormatException expected) {
                    // the one allowed failure
                } catch (Throwable t) {
                    failures.add(how + " -> " + t);
                }
                cases[0]++;
            }
        });
        assertTrue(failures.isEmpty(), "after " + cases[0] + " cases:\n" + String.join("\n", failures));
        assertTrue(cases[0] >= 200, "ran only " + cases[0] + " cases");
    }

    /** Decodes every string so that character set and value parsing see the garbage too. */
    private static void touchEveryValue(DataSet ds) {
        for (int i = 0; i < ds.size(); i++) {
            Object v = ds.valueAt(i);
            if (v instanceof Sequence s) {
                s.forEach(FuzzTest::touchEveryValue);
            } else if (ds.vrAt(i).isString()) {
                ds.getStrings(ds.tagAt(i));
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random rnd, StringBuilder how) {
        byte[] d = seed.clone();
        switch (rnd.nextInt(4)) {
        case 0 -> {
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                int p = rnd.nextInt(d.length);
                d[p] = (byte) rnd.nextInt(256);
                how.append(" byte@").append(p);
            }
        }
        case 1 -> {
            // a length field blown up: 4 bytes of 0xFF or a big number somewhere in the header area
            int p = rnd.nextInt(Math.max(1, Math.min(d.length - 4, 4096)));
            int v = rnd.nextBoolean() ? -1 : 0x7FFFFFF0;
            d[p] = (byte) v;
            d[p + 1] = (byte) (v >> 8);
            d[p + 2] = (byte) (v >> 16);
            d[p + 3] = (byte) (v >> 24);
            how.append(" length@").append(p);
        }
        case 2 -> {
            int len = rnd.nextInt(d.length);
            d = java.util.Arrays.copyOf(d, len);
            how.append(" truncated@").append(len);
        }
        default -> {
            int p = rnd.nextInt(d.length);
            int len = Math.min(rnd.nextInt(64), d.length - p);
            byte[] bigger = new byte[d.length + len];
            System.arraycopy(d, 0, bigger, 0, p + len);
            System.arraycopy(d, p, bigger, p + len, d.length - p);
            d = bigger;
            how.append(" repeated@").append(p).append('+').append(len);
        }
        }
        return d;
    }
}
