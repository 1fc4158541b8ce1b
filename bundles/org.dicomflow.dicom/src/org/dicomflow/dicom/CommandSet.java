package org.dicomflow.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 6.3, E.1): group 0000 elements kept sorted by tag, always encoded in
 * Implicit VR Little Endian as PS3.7 requires. Values are held in their encoded (padded) form so a
 * decoded command set re-encodes byte for byte, including elements this code does not know.
 */
public final class CommandSet {
    /** CommandDataSetType value meaning "no data set follows" (PS3.7 E.1). */
    public static final int NO_DATA_SET = 0x0101;

    private final TreeMap<Integer, byte[]> values = new TreeMap<>();
    /** See {@link #dataElements()}; null when there were none. */
    private byte[] dataElements;
    private int[] dataElementTags = new int[0];

    public boolean contains(int tag) {
        return values.containsKey(tag);
    }

    public void remove(int tag) {
        values.remove(tag);
    }

    public int size() {
        return values.size();
    }

    /** Tags present, ascending. */
    public int[] tags() {
        return values.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Copy of the encoded value bytes, or {@code null} if absent. */
    public byte[] getBytes(int tag) {
        byte[] v = values.get(tag);
        return v == null ? null : v.clone();
    }

    /** US or UL value; {@code defaultValue} if the element is absent or empty. */
    public int getInt(int tag, int defaultValue) {
        byte[] v = values.get(tag);
        if (v == null || v.length < 2) {
            return defaultValue;
        }
        if (v.length >= 4 && ElementDictionary.vrOf(tag) == VR.UL) {
            return (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24;
        }
        return (v[0] & 0xFF) | (v[1] & 0xFF) << 8;
    }

    /** String value without padding (trailing NUL/space; leading spaces too, insignificant for AE/LO); null if absent. */
    public String getString(int tag) {
        byte[] v = values.get(tag);
        if (v == null) {
            return null;
        }
        int start = 0;
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        while (start < end && v[start] == ' ') {
            start++;
        }
        return new String(v, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** AT values as tags; empty array if absent. */
    public int[] getTags(int tag) {
        byte[] v = values.get(tag);
        if (v == null) {
            return new int[0];
        }
        int[] tags = new int[v.length / 4];
        for (int i = 0; i < tags.length; i++) {
            int p = i * 4;
            int group = (v[p] & 0xFF) | (v[p + 1] & 0xFF) << 8;
            int element = (v[p + 2] & 0xFF) | (v[p + 3] & 0xFF) << 8;
            tags[i] = group << 16 | element;
        }
        return tags;
    }

    /** Sets a US or UL element; the VR comes from {@link ElementDictionary}. */
    public CommandSet setInt(int tag, int value) {
        VR vr = requireVr(tag);
        if (vr == VR.US) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException(Tag.toString(tag) + " is US; " + value + " does not fit in 16 bits");
            }
            values.put(tag, new byte[] {(byte) value, (byte) (value >> 8)});
        } else if (vr == VR.UL) {
            values.put(tag, new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
        } else {
            throw new IllegalArgumentException(Tag.toString(tag) + " is " + vr + ", not US or UL");
        }
        return this;
    }

    /** Sets an AE, UI or LO element, padded to even length as its VR demands. */
    public CommandSet setString(int tag, String value) {
        VR vr = requireVr(tag);
        if (!vr.isString()) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is " + vr + ", not a string");
        }
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] padded = raw;
        if (raw.length % 2 != 0) {
            padded = new byte[raw.length + 1];
            System.arraycopy(raw, 0, padded, 0, raw.length);
            padded[raw.length] = vr.paddingByte();
        }
        values.put(tag, padded);
        return this;
    }

    /** Sets an AT element. */
    public CommandSet setTags(int tag, int... tags) {
        VR vr = requireVr(tag);
        if (vr != VR.AT) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is " + vr + ", not AT");
        }
        byte[] v = new byte[tags.length * 4];
        for (int i = 0; i < tags.length; i++) {
            int group = tags[i] >>> 16;
            int element = tags[i] & 0xFFFF;
            v[i * 4] = (byte) group;
            v[i * 4 + 1] = (byte) (group >> 8);
            v[i * 4 + 2] = (byte) element;
            v[i * 4 + 3] = (byte) (element >> 8);
        }
        values.put(tag, v);
        return this;
    }

    private static VR requireVr(int tag) {
        if (Tag.group(tag) != 0 || !ElementDictionary.isListed(tag)) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is not a known command element");
        }
        return ElementDictionary.vrOf(tag);
    }

    public int commandField() {
        return getInt(Tag.CommandField, 0);
    }

    public int messageId() {
        return getInt(Tag.MessageID, 0);
    }

    public int messageIdBeingRespondedTo() {
        return getInt(Tag.MessageIDBeingRespondedTo, 0);
    }

    public int status() {
        return getInt(Tag.Status, 0);
    }

    /** PS3.7 E.1: any CommandDataSetType other than 0x0101 means a data set follows. */
    public boolean hasDataSet() {
        return getInt(Tag.CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    /** Implicit VR Little Endian encoding, starting with a CommandGroupLength that counts the rest. */
    public byte[] encode() {
        int groupLength = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (e.getKey() != Tag.CommandGroupLength) {
                groupLength += 8 + e.getValue().length;
            }
        }
        byte[] out = new byte[12 + groupLength];
        int p = writeHeader(out, 0, Tag.CommandGroupLength, 4);
        writeIntLE(out, p, groupLength);
        p += 4;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (e.getKey() == Tag.CommandGroupLength) {
                continue;
            }
            byte[] v = e.getValue();
            p = writeHeader(out, p, e.getKey(), v.length);
            System.arraycopy(v, 0, out, p, v.length);
            p += v.length;
        }
        return out;
    }

    private static int writeHeader(byte[] out, int p, int tag, int length) {
        out[p] = (byte) (tag >>> 16);
        out[p + 1] = (byte) (tag >>> 24);
        out[p + 2] = (byte) tag;
        out[p + 3] = (byte) (tag >>> 8);
        writeIntLE(out, p + 4, length);
        return p + 8;
    }

    private static void writeIntLE(byte[] out, int p, int v) {
        out[p] = (byte) v;
        out[p + 1] = (byte) (v >> 8);
        out[p + 2] = (byte) (v >> 16);
        out[p + 3] = (byte) (v >> 24);
    }

    /**
     * Decodes {@code len} bytes of an Implicit VR Little Endian command set. Every length is checked
     * against what is left, so a hostile peer cannot make us read past the buffer or allocate more
     * than it sent. A CommandGroupLength that disagrees with the content is tolerated (it is
     * recomputed on encode) because some implementations get it wrong and the element boundaries
     * are still unambiguous. An element outside group 0000 is an error (PS3.7 6.3.1).
     */
    public static CommandSet decode(byte[] buf, int off, int len) throws DicomFormatException {
        return decode(buf, off, len, false);
    }

    /**
     * As {@link #decode}, but data elements (groups other than 0000) after the command elements are set aside
     * as {@link #dataElements()} instead of refused. PS3.7 6.3.1 forbids them in a command set, yet Orthanc
     * 1.10 puts the Failed SOP Instance UID List (0008,0058) of a failed C-GET into the command PDVs of the
     * response, with Command Data Set Type "none"; the element boundaries stay unambiguous, so a receiver
     * can go on. They must still be well formed (defined lengths within the buffer) and come after every
     * command element, as ascending tag order puts them.
     */
    public static CommandSet decodeKeepingDataElements(byte[] buf, int off, int len) throws DicomFormatException {
        return decode(buf, off, len, true);
    }

    private static CommandSet decode(byte[] buf, int off, int len, boolean keepDataElements)
            throws DicomFormatException {
        if (off < 0 || len < 0 || off > buf.length || len > buf.length - off) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside buffer of " + buf.length);
        }
        CommandSet cmd = new CommandSet();
        int end = off + len;
        int p = off;
        int dataElementsStart = -1;
        List<Integer> dataTags = new ArrayList<>();
        while (p < end) {
            if (end - p < 8) {
                throw new DicomFormatException("truncated element header (" + (end - p) + " bytes left)", p - off, -1);
            }
            int group = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
            int element = (buf[p + 2] & 0xFF) | (buf[p + 3] & 0xFF) << 8;
            int tag = group << 16 | element;
            long length = ((buf[p + 4] & 0xFF) | (buf[p + 5] & 0xFF) << 8 | (buf[p + 6] & 0xFF) << 16
                    | (long) (buf[p + 7] & 0xFF) << 24);
            if (group != 0 && !keepDataElements) {
                throw new DicomFormatException("element outside the command group", p - off, tag);
            }
            if (group == 0 && dataElementsStart >= 0) {
                throw new DicomFormatException("command element after data elements", p - off, tag);
            }
            if (length == 0xFFFFFFFFL) {
                throw new DicomFormatException("undefined length is not allowed in a command set", p - off, tag);
            }
            if (length > end - p - 8) {
                throw new DicomFormatException("value length " + length + " exceeds the " + (end - p - 8)
                        + " bytes left", p - off, tag);
            }
            if (group != 0) {
                if (dataElementsStart < 0) {
                    dataElementsStart = p;
                }
                dataTags.add(tag);
                p += 8 + (int) length;
                continue;
            }
            checkLength(tag, (int) length, p - off);
            if (cmd.values.containsKey(tag)) {
                throw new DicomFormatException("element appears twice", p - off, tag);
            }
            byte[] v = new byte[(int) length];
            System.arraycopy(buf, p + 8, v, 0, v.length);
            cmd.values.put(tag, v);
            p += 8 + (int) length;
        }
        if (dataElementsStart >= 0) {
            cmd.dataElements = Arrays.copyOfRange(buf, dataElementsStart, end);
            cmd.dataElementTags = dataTags.stream().mapToInt(Integer::intValue).toArray();
        }
        return cmd;
    }

    /**
     * The data elements a peer put after the command elements (see {@link #decodeKeepingDataElements}), encoded
     * as received (Implicit VR Little Endian, like the command set); null if there were none. They are not part
     * of the command set: never encoded, not compared.
     */
    public byte[] dataElements() {
        return dataElements == null ? null : dataElements.clone();
    }

    /** The tags of {@link #dataElements()} in the order received; empty if none. */
    public int[] dataElementTags() {
        return dataElementTags.clone();
    }

    private static void checkLength(int tag, int length, int offset) throws DicomFormatException {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.US && length != 2 || vr == VR.UL && length != 4 || vr == VR.AT && length % 4 != 0) {
            throw new DicomFormatException("value length " + length + " is invalid for VR " + vr, offset, tag);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CommandSet)) {
            return false;
        }
        CommandSet other = (CommandSet) o;
        if (!values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    /** One line per element, for logs and {@code -v} output. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int tag : tags()) {
            VR vr = ElementDictionary.vrOf(tag);
            sb.append(Tag.toString(tag)).append(' ').append(vr).append(" [");
            if (vr == VR.US || vr == VR.UL) {
                int v = getInt(tag, 0);
                sb.append(vr == VR.UL ? Integer.toUnsignedString(v) : v);
            } else if (vr.isString()) {
                sb.append(getString(tag));
            } else if (vr == VR.AT) {
                for (int t : getTags(tag)) {
                    sb.append(Tag.toString(t));
                }
            } else {
                sb.append(values.get(tag).length).append(" bytes");
            }
            sb.append("]\n");
        }
        for (int tag : dataElementTags) {
            sb.append(Tag.toString(tag)).append(" (data element in the command set)\n");
        }
        return sb.toString();
    }
}
