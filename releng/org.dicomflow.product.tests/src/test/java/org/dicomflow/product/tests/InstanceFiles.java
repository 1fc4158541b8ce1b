package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Instance files the node's tests send, made from real files by patching bytes (the installation tests
 * use no code of the product), and the data set bytes a byte-for-byte comparison needs. Only Part 10
 * files in Explicit VR Little Endian with an explicit-length Pixel Data element as their last element
 * are patched, which is what CT_small.dcm and MR_small.dcm are.
 */
final class InstanceFiles {
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private static final Path DATA = Path.of(System.getProperty("dicomflow.testdata.dir", "no-testdata"));
    /** VRs with a 4-byte length in Explicit VR (PS3.5 7.1.2). */
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
            "UN", "UR", "UT", "UV");
    private static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;

    private InstanceFiles() {
    }

    /** A file of the real test data (bundles/org.dicomflow.dicom.tests/testdata/real). */
    static Path real(String relative) {
        Path p = DATA.resolve(relative);
        assertTrue(Files.isRegularFile(p), "test data " + p + " (system property dicomflow.testdata.dir)");
        return p;
    }

    /** A UID of exactly {@code length} characters, different for each {@code n}, valid (no leading zeros). */
    static String uid(int length, long n) {
        String prefix = "2.25.1";
        String digits = Long.toString(n);
        assertTrue(prefix.length() + digits.length() <= length, "UID length " + length);
        return prefix + "0".repeat(length - prefix.length() - digits.length()) + digits;
    }

    /** The SOP Instance UID in the file meta information. */
    static String sopInstanceUid(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int p = 132;
        while (p < b.length && bb.getShort(p) == 0x0002) {
            int tag = (bb.getShort(p) & 0xFFFF) << 16 | (bb.getShort(p + 2) & 0xFFFF);
            int header = headerLength(b, p);
            int length = valueLength(bb, b, p);
            if (tag == MEDIA_STORAGE_SOP_INSTANCE_UID) {
                return new String(b, p + header, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
            }
            p += header + length;
        }
        throw new AssertionError(file + " has no Media Storage SOP Instance UID");
    }

    /** Offset of the data set: after the preamble, "DICM" and the group 0002 elements (Explicit VR LE). */
    static int dataSetOffset(byte[] file) {
        assertEquals("DICM", new String(file, 128, 4, StandardCharsets.US_ASCII), "a Part 10 file");
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int p = 132;
        while (p < file.length && bb.getShort(p) == 0x0002) {
            p += headerLength(file, p) + valueLength(bb, file, p);
        }
        return p;
    }

    /** The data set of a Part 10 file, as bytes: what the sender sent and the archive must keep as it came. */
    static byte[] dataSet(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return Arrays.copyOfRange(b, dataSetOffset(b), b.length);
    }

    private static int headerLength(byte[] b, int p) {
        return LONG_LENGTH_VRS.contains(new String(b, p + 4, 2, StandardCharsets.US_ASCII)) ? 12 : 8;
    }

    private static int valueLength(ByteBuffer bb, byte[] b, int p) {
        return headerLength(b, p) == 12 ? bb.getInt(p + 8) : bb.getShort(p + 6) & 0xFFFF;
    }

    /**
     * Writes {@code source} to {@code target} with every occurrence of its SOP Instance UID replaced by
     * {@code uid} (same length, so no length changes) and without Data Set Trailing Padding: dcmtk's
     * storescu drops that element when it sends, and the copy must be what the archive receives.
     */
    static Path copyWithSopInstanceUid(Path source, String uid, Path target) throws IOException {
        byte[] b = replace(Files.readAllBytes(source), sopInstanceUid(source), uid);
        Files.createDirectories(target.getParent());
        Files.write(target, withoutTrailingPadding(b));
        return target;
    }

    /** {@code bytes} with each occurrence of {@code old} (ASCII) replaced by {@code replacement} of the same length. */
    static byte[] replace(byte[] bytes, String old, String replacement) {
        assertEquals(old.length(), replacement.length(), "same-length replacement of " + old);
        byte[] from = old.getBytes(StandardCharsets.US_ASCII);
        byte[] to = replacement.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = bytes.clone();
        int found = 0;
        for (int i = 0; i + from.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
                found++;
                i += from.length - 1;
            }
        }
        assertTrue(found > 0, old + " occurs in the file");
        return out;
    }

    /** Without a (FFFC,FFFC) element ending the file; unchanged if there is none. */
    private static byte[] withoutTrailingPadding(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = dataSetOffset(b); p + 12 <= b.length; p++) {
            if (bb.getInt(p) == 0xFFFCFFFC && b[p + 4] == 'O' && b[p + 5] == 'B' && p + 12L + bb.getInt(p + 8) == b.length) {
                return Arrays.copyOf(b, p);
            }
        }
        return b;
    }

    /**
     * Writes {@code source} with its Pixel Data (OW) announced as {@code size} bytes of zeros, which the file
     * holds as a hole: a large object that costs the sender's disk nothing.
     */
    static void withPixelDataLength(Path source, long size, Path target) throws IOException {
        byte[] b = Files.readAllBytes(source);
        int at = -1;
        for (int i = dataSetOffset(b); i + 8 <= b.length && at < 0; i++) {
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == 'O'
                    && b[i + 5] == 'W') {
                at = i;
            }
        }
        assertTrue(at > 0, source + " has OW Pixel Data");
        assertTrue(size % 2 == 0 && size < 0xFFFFFFFFL, "an even explicit length");
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.write(b, 0, at + 8);
            f.writeInt(Integer.reverseBytes((int) size));
            f.setLength(at + 12 + size);
        }
    }
}
