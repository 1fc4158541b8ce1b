package org.dicomflow.dicom;

/** Reads and writes binary values in little or big endian order, without allocation. */
public final class BinaryValues {

    private BinaryValues() {
    }

    public static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF) : (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF)
                : (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    public static long i64(byte[] b, int off, boolean bigEndian) {
        long hi = i32(b, bigEndian ? off : off + 4, bigEndian) & 0xFFFFFFFFL;
        long lo = i32(b, bigEndian ? off + 4 : off, bigEndian) & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    public static void put16(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >> 8);
        }
    }

    public static void put32(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >> 24);
            b[off + 1] = (byte) (v >> 16);
            b[off + 2] = (byte) (v >> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >> 8);
            b[off + 2] = (byte) (v >> 16);
            b[off + 3] = (byte) (v >> 24);
        }
    }

    public static void put64(byte[] b, int off, long v, boolean bigEndian) {
        put32(b, bigEndian ? off : off + 4, (int) (v >>> 32), bigEndian);
        put32(b, bigEndian ? off + 4 : off, (int) v, bigEndian);
    }

    /** Reverses the byte order of each {@code unit}-byte value in place (unit 1: nothing to do). */
    public static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        for (int p = off; p + unit <= off + len; p += unit) {
            for (int i = 0, j = unit - 1; i < j; i++, j--) {
                byte t = b[p + i];
                b[p + i] = b[p + j];
                b[p + j] = t;
            }
        }
    }
}
