package org.dicomflow.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated dictionary resource (org/dicomflow/dicom/dictionary/*.txt, UTF-8, tab-separated, # comments)
 * and a cursor over its lines and fields. It works on the raw bytes and decodes only the fields asked for:
 * the element dictionary is loaded on the first implicit VR read and must cost milliseconds, so neither
 * the whole text is decoded nor split/regex used, and the columns only some callers need are decoded later.
 */
final class DictionaryText {

    private static final VR[] VR_VALUES = VR.values();
    private static final VR[] VR_BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : VR.values()) {
            VR_BY_CODE[(vr.code().charAt(0) - 'A') * 26 + vr.code().charAt(1) - 'A'] = vr;
        }
    }

    private final byte[] bytes;
    private int pos;
    private int lineEnd;

    DictionaryText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Moves to the next line that is neither empty nor a # comment; false at the end. */
    boolean nextLine() {
        while (pos < bytes.length) {
            lineEnd = endOfLine(pos);
            if (lineEnd > pos && bytes[pos] != '#') {
                return true;
            }
            pos = lineEnd + 1;
        }
        return false;
    }

    /** Positions the cursor at {@code offset}, the start of the rest of a line seen before. */
    DictionaryText at(int offset) {
        pos = offset;
        lineEnd = endOfLine(offset);
        return this;
    }

    private int endOfLine(int from) {
        int end = from;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        return end;
    }

    /** Position of the cursor, to come back with {@link #at(int)}. */
    int position() {
        return pos;
    }

    /** The first byte of the current line. */
    int peek() {
        return bytes[pos];
    }

    private int fieldEnd() {
        int end = pos;
        while (end < lineEnd && bytes[end] != '\t') {
            end++;
        }
        return end;
    }

    /** The next field of the current line. */
    String next() {
        int end = fieldEnd();
        String field = new String(bytes, pos, end - pos, StandardCharsets.UTF_8);
        pos = end < lineEnd ? end + 1 : lineEnd;
        return field;
    }

    /** True if the next field is empty; moves past it. */
    boolean nextIsEmpty() {
        int end = fieldEnd();
        boolean empty = end == pos;
        pos = end < lineEnd ? end + 1 : lineEnd;
        return empty;
    }

    /** The rest of the line, then moves to the start of the next line. */
    String rest() {
        String field = new String(bytes, pos, lineEnd - pos, StandardCharsets.UTF_8);
        pos = lineEnd + 1;
        return field;
    }

    /** Moves to the start of the next line. */
    void skipLine() {
        pos = lineEnd + 1;
    }

    /**
     * The next field as a tag pattern of {@code digits} hex digits where X is any digit: returns the value
     * with X = 0 in the low 32 bits and the mask (F for a digit, 0 for X) in the high 32 bits; -1 if the
     * field is not such a pattern.
     */
    long nextHexPattern(int digits) {
        if (fieldEnd() != pos + digits) {
            return -1;
        }
        int value = 0;
        int mask = 0;
        for (int i = 0; i < digits; i++) {
            int c = bytes[pos + i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c == 'X' ? 0 : -1;
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
            mask = mask << 4 | (c == 'X' ? 0 : 0xF);
        }
        pos = pos + digits < lineEnd ? pos + digits + 1 : lineEnd;
        return (long) mask << 32 | (value & 0xFFFFFFFFL);
    }

    /**
     * The next field as VR codes separated by '/' ("US/SS"), or "-" for none: a code 0 to 3 VRs packed as
     * (ordinal + 1) in 6 bits each, first VR lowest; -1 if it is not such a field.
     */
    int nextVrs() {
        int end = fieldEnd();
        int packed = 0;
        int shift = 0;
        if (end == pos + 1 && bytes[pos] == '-') {
            pos = end < lineEnd ? end + 1 : lineEnd;
            return 0;
        }
        for (int p = pos; p < end; p += 3) {
            int a = bytes[p] - 'A';
            int b = p + 1 < end ? bytes[p + 1] - 'A' : -1;
            VR vr = a >= 0 && a < 26 && b >= 0 && b < 26 ? VR_BY_CODE[a * 26 + b] : null;
            if (vr == null || shift > 12 || (p + 2 < end && bytes[p + 2] != '/')) {
                return -1;
            }
            packed |= (vr.ordinal() + 1) << shift;
            shift += 6;
        }
        pos = end < lineEnd ? end + 1 : lineEnd;
        return packed;
    }

    /** The VRs of a code from {@link #nextVrs()}. */
    static List<VR> unpackVrs(int packed) {
        VR[] all = VR.values();
        List<VR> vrs = new ArrayList<>(3);
        for (int p = packed; p != 0; p >>>= 6) {
            vrs.add(all[(p & 63) - 1]);
        }
        return List.copyOf(vrs);
    }

    /** The first VR of a code from {@link #nextVrs()}, or null for none. */
    static VR firstVr(int packed) {
        return packed == 0 ? null : VR_VALUES[(packed & 63) - 1];
    }

    /** An exception naming the resource and the current line, for a resource that does not parse. */
    IllegalStateException error(String resource, String problem) {
        int line = 1;
        for (int i = 0; i < pos && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new IllegalStateException(resource + " line " + line + ": " + problem);
    }

    /** The bytes of resource {@code org/dicomflow/dicom/dictionary/<name>}. */
    static byte[] read(String name) {
        try (InputStream in = DictionaryText.class.getResourceAsStream("dictionary/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dictionary resource org/dicomflow/dicom/dictionary/" + name
                        + " is missing from the class path; the bundle was built without its resources");
            }
            // readNBytes(available) is several times faster than readAllBytes on a cold JVM (one array, no
            // chunk list); available() is the whole size for files and jar entries, else only a lower bound.
            byte[] bytes = in.readNBytes(Math.max(in.available(), 0));
            int more = in.read();
            if (more < 0) {
                return bytes;
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(bytes.length * 2 + 1024);
            all.write(bytes);
            all.write(more);
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dictionary resource " + name, e);
        }
    }
}
