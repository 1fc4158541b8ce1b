package org.dicomflow.dicom.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.NoSuchElementException;

import org.dicomflow.dicom.BinaryValues;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.VR;

/**
 * The value field of encapsulated pixel data as PS3.5 A.4 encodes it, little endian: one item (FFFE,E000) per
 * fragment, the Basic Offset Table first, then the Sequence Delimitation Item (FFFE,E0DD). PS3.18 F.2.7 puts
 * "the Value Field" into InlineBinary; for encapsulated data that is this item stream, which is how {@link Fragments}
 * survive a trip through JSON.
 */
final class EncapsulatedValue {

    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private EncapsulatedValue() {
    }

    /** The item stream, fragments left in files read only as the stream is consumed. */
    static InputStream open(Fragments f) {
        return new SequenceInputStream(new Enumeration<InputStream>() {
            private int next; // 2 * item index (+1 for the item's data), then the delimiter

            @Override
            public boolean hasMoreElements() {
                return next <= 2 * f.size();
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                int k = next++;
                if (k == 2 * f.size()) {
                    return new ByteArrayInputStream(header(SEQUENCE_DELIMITATION, 0));
                }
                Object item = f.get(k / 2);
                if (k % 2 == 0) {
                    return new ByteArrayInputStream(header(ITEM, Fragments.lengthOf(item)));
                }
                try {
                    return item instanceof byte[] b ? new ByteArrayInputStream(b) : ((BulkData) item).open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static byte[] header(int tag, long length) {
        if (length > 0xFFFFFFFEL) {
            throw new IllegalArgumentException("fragment of " + length + " bytes cannot be encoded in an item");
        }
        byte[] h = new byte[8];
        BinaryValues.put16(h, 0, tag >>> 16, false);
        BinaryValues.put16(h, 2, tag, false);
        BinaryValues.put32(h, 4, (int) length, false);
        return h;
    }

    /**
     * Where the whole encapsulated value lies in one file, when the reader left every fragment there in file
     * order (items back to back, as the file has them); null otherwise. The Basic Offset Table the reader loaded
     * is taken to be the one in the file just before the first fragment, which is where the reader found it.
     */
    static long[] extentInFile(Fragments f, Path[] fileOut) {
        if (f.size() < 2 || !(f.get(1) instanceof BulkData first)) {
            return null;
        }
        long start = first.offset() - 8 - Fragments.lengthOf(f.get(0)) - 8;
        if (start < 0 || (f.get(0) instanceof BulkData bot && (!bot.file().equals(first.file()) || bot.offset() != start + 8))) {
            return null;
        }
        long end = first.offset();
        for (int i = 1; i < f.size(); i++) {
            if (!(f.get(i) instanceof BulkData b) || !b.file().equals(first.file()) || b.offset() != end) {
                return null;
            }
            end = b.offset() + b.length() + 8; // the next item's header follows
        }
        fileOut[0] = first.file();
        return new long[] { start, end - start }; // the last "next header" is the sequence delimiter
    }

    /**
     * The fragments of an item stream, or null if {@code b} is not exactly one (then it is an ordinary OB value:
     * native pixel data whose bytes happen to start like an item tag would have to chain through every item
     * length to a delimiter at the very end, which does not happen by chance).
     */
    static Fragments parse(VR vr, byte[] b) {
        int pos = 0;
        Fragments f = new Fragments(vr);
        while (pos + 8 <= b.length) {
            int tag = BinaryValues.u16(b, pos, false) << 16 | BinaryValues.u16(b, pos + 2, false);
            long length = BinaryValues.i32(b, pos + 4, false) & 0xFFFFFFFFL;
            pos += 8;
            if (tag == SEQUENCE_DELIMITATION) {
                return length == 0 && pos == b.length && f.size() > 0 ? f : null;
            }
            if (tag != ITEM || length > b.length - pos) {
                return null;
            }
            byte[] item = new byte[(int) length];
            System.arraycopy(b, pos, item, 0, item.length);
            f.add(item);
            pos += item.length;
        }
        return null;
    }

    /** Whether {@code b} starts with an item tag (a cheap test before {@link #parse}). */
    static boolean startsWithItem(byte[] b) {
        return b.length >= 16 && (BinaryValues.u16(b, 0, false) << 16 | BinaryValues.u16(b, 2, false)) == ITEM;
    }
}
