package org.dicomflow.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A DICOM data set: elements sorted by tag in parallel arrays (tags, VRs, values), found by binary search,
 * with a fast path for appending in tag order as the reader does.
 *
 * <p>A value is held as one of: {@code byte[]} (the encoded value as read, binary numbers in this data set's
 * byte order), {@code String} (a string value set by code, all values joined by backslashes), {@link Sequence},
 * {@link Fragments} (encapsulated pixel data), {@link BulkData} (left in its file), {@link java.net.URI} (bulk
 * data elsewhere, e.g. a DICOMweb BulkDataURI), or {@code null} (empty).
 * Strings are decoded only when asked for, with the Specific Character Set in force for this data set (its
 * own (0008,0005), else its parent's).
 */
public final class DataSet {

    private static final int[] NO_INTS = new int[0];
    private static final double[] NO_DOUBLES = new double[0];

    private DataSet parent;
    private boolean bigEndian;
    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private SpecificCharacterSet charset;

    public DataSet() {
        this(null, 16);
    }

    public DataSet(int initialCapacity) {
        this(null, initialCapacity);
    }

    DataSet(DataSet parent, int initialCapacity) {
        this.parent = parent;
        this.bigEndian = parent != null && parent.bigEndian;
        int n = Math.max(initialCapacity, 4);
        tags = new int[n];
        vrs = new VR[n];
        values = new Object[n];
    }

    // ---------------------------------------------------------------- structure

    /** The data set holding the sequence this item belongs to; null for a top-level data set. */
    public DataSet parent() {
        return parent;
    }

    void setParent(DataSet parent) {
        this.parent = parent;
        this.charset = null;
    }

    /** Whether binary values held as bytes are big endian (as read from an Explicit VR Big Endian file). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** Declares the byte order of binary values about to be put as raw bytes (the reader's business). */
    public void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        checkIndex(index);
        return tags[index];
    }

    public VR vrAt(int index) {
        checkIndex(index);
        return vrs[index];
    }

    /** The value held at {@code index}: byte[], String, Sequence, Fragments, BulkData or null. */
    public Object valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
    }

    /** Position of {@code tag}, or {@code -(insertion point) - 1} like {@link Arrays#binarySearch}. */
    public int indexOf(int tag) {
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compareUnsigned(tags[mid], tag);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The VR of {@code tag} in this data set, or null if absent. */
    public VR vrOf(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : vrs[i];
    }

    /** The held value of {@code tag} (see the class comment), or null if absent or empty. */
    public Object value(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    /**
     * Puts an element as it is held (see the class comment); replaces an existing one. Appending in tag
     * order costs no search, which keeps reading fast.
     */
    public void put(int tag, VR vr, Object value) {
        if (!(value == null || value instanceof byte[] || value instanceof String || value instanceof Sequence
                || value instanceof Fragments || value instanceof BulkData || value instanceof java.net.URI)) {
            throw new IllegalArgumentException("cannot hold a " + value.getClass().getName() + " as a DICOM value");
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
        } else {
            insert(-i - 1, tag, vr, value);
        }
        if (tag == Tag.SpecificCharacterSet) {
            invalidateCharset();
        }
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int n = size + (size >> 1) + 4;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        if (at < size) {
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    /** Removes {@code tag}; returns whether it was there. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            invalidateCharset();
        }
        return true;
    }

    /** Creates (or replaces) a sequence element and returns it, empty. */
    public Sequence newSequence(int tag, int initialCapacity) {
        Sequence s = new Sequence(this, initialCapacity);
        put(tag, VR.SQ, s);
        return s;
    }

    public Sequence getSequence(int tag) {
        Object v = value(tag);
        return v instanceof Sequence s ? s : null;
    }

    /** Item {@code index} of sequence {@code tag}, or null if there is none. */
    public DataSet getItem(int tag, int index) {
        Sequence s = getSequence(tag);
        return s != null && index >= 0 && index < s.size() ? s.get(index) : null;
    }

    // ---------------------------------------------------------------- character set

    /** The Specific Character Set in force: this data set's (0008,0005), else its parent's, else the default. */
    public SpecificCharacterSet specificCharacterSet() {
        SpecificCharacterSet cs = charset;
        if (cs == null) {
            int i = indexOf(Tag.SpecificCharacterSet);
            if (i >= 0) {
                Object v = values[i];
                String whole = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                        : v instanceof String s ? s : "";
                // keep empty values: an empty first value means "ISO IR 6 first" in code extensions
                String[] terms = whole.split("\\\\", -1);
                for (int t = 0; t < terms.length; t++) {
                    terms[t] = terms[t].strip();
                }
                cs = SpecificCharacterSet.valueOf(terms);
            } else {
                cs = parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
            }
            charset = cs;
        }
        return cs;
    }

    private void invalidateCharset() {
        charset = null;
        for (int i = 0; i < size; i++) {
            if (values[i] instanceof Sequence s) {
                for (DataSet item : s) {
                    item.invalidateCharset();
                }
            }
        }
    }

    // ---------------------------------------------------------------- typed getters

    /** The first value of a string element, without padding; null if absent or empty. */
    public String getString(int tag) {
        String[] v = getStrings(tag);
        return v.length == 0 ? null : v[0];
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null ? defaultValue : s;
    }

    /**
     * All values of an element as text: strings decoded with the character set; numbers, tags (AT) and UIDs
     * formatted as DICOM writes them. Empty array if absent or empty.
     *
     * @throws WrongVRException for sequences, OB/OW/UN and other bulk values
     */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return new String[0];
        }
        VR vr = vrs[i];
        Object v = values[i];
        if (vr == VR.UN && v instanceof byte[] && ElementDictionary.vrOf(tag).isString()) {
            // a known text element some writer sent as UN (PS3.5 6.2.2): read it with its dictionary VR
            vr = ElementDictionary.vrOf(tag);
        }
        if (vr.isString()) {
            String whole = v instanceof String s ? s : v instanceof byte[] b ? TextValues.decode(b, vr, specificCharacterSet()) : null;
            if (whole == null) {
                throw new WrongVRException(tag, vr, "text");
            }
            return TextValues.split(whole, vr);
        }
        if (v instanceof byte[] b && vr.bytesPerValue() > 0 && !isBulkVR(vr)) {
            return formatBinary(tag, vr, b);
        }
        throw new WrongVRException(tag, vr, "text");
    }

    /** OB, OW, OF, OD, OL, OV and UN hold data, not values a person reads one by one. */
    private static boolean isBulkVR(VR vr) {
        return switch (vr) {
        case OB, OW, OF, OD, OL, OV, UN -> true;
        default -> false;
        };
    }

    private String[] formatBinary(int tag, VR vr, byte[] b) {
        int n = b.length / vr.bytesPerValue();
        String[] s = new String[n];
        for (int k = 0; k < n; k++) {
            int off = k * vr.bytesPerValue();
            s[k] = switch (vr) {
            case AT -> String.format("%04X%04X", BinaryValues.u16(b, off, bigEndian), BinaryValues.u16(b, off + 2, bigEndian));
            case FL -> Float.toString(Float.intBitsToFloat(BinaryValues.i32(b, off, bigEndian)));
            case FD -> Double.toString(Double.longBitsToDouble(BinaryValues.i64(b, off, bigEndian)));
            case US -> Integer.toString(BinaryValues.u16(b, off, bigEndian));
            case SS -> Integer.toString((short) BinaryValues.u16(b, off, bigEndian));
            case UL -> Long.toString(BinaryValues.i32(b, off, bigEndian) & 0xFFFFFFFFL);
            case SL -> Integer.toString(BinaryValues.i32(b, off, bigEndian));
            case SV -> Long.toString(BinaryValues.i64(b, off, bigEndian));
            case UV -> Long.toUnsignedString(BinaryValues.i64(b, off, bigEndian));
            default -> throw new WrongVRException(tag, vr, "text");
            };
        }
        return s;
    }

    /** First integer value (US, SS, UL, SL, SV, UV, IS, AT); {@code defaultValue} if absent or empty. */
    public int getInt(int tag, int defaultValue) {
        int[] v = getInts(tag);
        return v.length == 0 ? defaultValue : v[0];
    }

    /**
     * All integer values. UL values above 2^31-1 come back negative (as Java ints do); use {@link #getLongs}.
     *
     * @throws WrongVRException if the VR holds no integers
     */
    public int[] getInts(int tag) {
        long[] l = getLongs(tag);
        int[] r = new int[l.length];
        for (int k = 0; k < l.length; k++) {
            r[k] = (int) l[k];
        }
        return l.length == 0 ? NO_INTS : r;
    }

    public long[] getLongs(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return new long[0];
        }
        VR vr = vrs[i];
        Object v = values[i];
        if (vr == VR.IS) {
            String[] s = getStrings(tag);
            long[] r = new long[s.length];
            for (int k = 0; k < s.length; k++) {
                try {
                    r[k] = Long.parseLong(s[k].startsWith("+") ? s[k].substring(1) : s[k]);
                } catch (NumberFormatException e) {
                    throw new NumberFormatException(Tag.toString(tag) + ": '" + s[k] + "' is not an integer (IS)");
                }
            }
            return r;
        }
        if (!(v instanceof byte[] b)) {
            throw new WrongVRException(tag, vr, "integer");
        }
        int unit = vr.bytesPerValue();
        long[] r = new long[unit == 0 ? 0 : b.length / unit];
        for (int k = 0; k < r.length; k++) {
            int off = k * unit;
            r[k] = switch (vr) {
            case US, OW -> BinaryValues.u16(b, off, bigEndian);
            case SS -> (short) BinaryValues.u16(b, off, bigEndian);
            case UL, OL -> BinaryValues.i32(b, off, bigEndian) & 0xFFFFFFFFL;
            case SL -> BinaryValues.i32(b, off, bigEndian);
            case SV, UV, OV -> BinaryValues.i64(b, off, bigEndian);
            case AT -> (long) BinaryValues.u16(b, off, bigEndian) << 16 | BinaryValues.u16(b, off + 2, bigEndian);
            default -> throw new WrongVRException(tag, vr, "integer");
            };
        }
        return r;
    }

    /** First numeric value (DS, IS, FL, FD, and the integer VRs); {@code defaultValue} if absent or empty. */
    public double getDouble(int tag, double defaultValue) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? defaultValue : v[0];
    }

    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return NO_DOUBLES;
        }
        VR vr = vrs[i];
        if (vr == VR.DS || vr == VR.IS) {
            String[] s = getStrings(tag);
            double[] r = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                try {
                    r[k] = Double.parseDouble(s[k]);
                } catch (NumberFormatException e) {
                    throw new NumberFormatException(Tag.toString(tag) + ": '" + s[k] + "' is not a number (" + vr + ")");
                }
            }
            return r;
        }
        if ((vr == VR.FL || vr == VR.OF || vr == VR.FD || vr == VR.OD) && values[i] instanceof byte[] b) {
            int unit = vr.bytesPerValue();
            double[] r = new double[b.length / unit];
            for (int k = 0; k < r.length; k++) {
                r[k] = unit == 4 ? Float.intBitsToFloat(BinaryValues.i32(b, k * 4, bigEndian))
                        : Double.longBitsToDouble(BinaryValues.i64(b, k * 8, bigEndian));
            }
            return r;
        }
        long[] l = getLongs(tag);
        double[] r = new double[l.length];
        for (int k = 0; k < l.length; k++) {
            r[k] = l[k];
        }
        return r;
    }

    /** A DA value; null if absent or empty. @throws DateTimeException if it is not a date */
    public LocalDate getDate(int tag) {
        requireVR(tag, "date", VR.DA, VR.DT);
        String s = getString(tag);
        return s == null ? null : vrOf(tag) == VR.DT ? DateTimeValues.parseDateTime(s).toLocalDate() : DateTimeValues.parseDate(s);
    }

    /** A TM value; null if absent or empty. */
    public LocalTime getTime(int tag) {
        requireVR(tag, "time", VR.TM);
        String s = getString(tag);
        return s == null ? null : DateTimeValues.parseTime(s);
    }

    /** A DT value (its UTC offset, if any, from {@link #getZoneOffset}); null if absent or empty. */
    public LocalDateTime getDateTime(int tag) {
        requireVR(tag, "date-time", VR.DT);
        String s = getString(tag);
        return s == null ? null : DateTimeValues.parseDateTime(s);
    }

    /** The date of a DA element combined with the time of a TM element (e.g. StudyDate + StudyTime). */
    public LocalDateTime getDateTime(int dateTag, int timeTag) {
        LocalDate d = getDate(dateTag);
        if (d == null) {
            return null;
        }
        LocalTime t = contains(timeTag) ? getTime(timeTag) : null;
        return d.atTime(t == null ? LocalTime.MIDNIGHT : t);
    }

    /** The UTC offset written in a DT value ("&ZZXX"), or null. */
    public ZoneOffset getZoneOffset(int tag) {
        requireVR(tag, "date-time", VR.DT);
        String s = getString(tag);
        return s == null ? null : DateTimeValues.parseOffset(s);
    }

    /** The first PN value, decoded and split into component groups; null if absent or empty. */
    public PersonName getPersonName(int tag) {
        requireVR(tag, "person name", VR.PN);
        String s = getString(tag);
        return s == null ? null : PersonName.parse(s);
    }

    /** The value's bytes when held in memory (binary values in {@link #isBigEndian()} order); null otherwise. */
    public byte[] getBytes(int tag) {
        Object v = value(tag);
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            return encodeString(vrOf(tag), s);
        }
        return null;
    }

    public BulkData getBulkData(int tag) {
        return value(tag) instanceof BulkData b ? b : null;
    }

    public Fragments getFragments(int tag) {
        return value(tag) instanceof Fragments f ? f : null;
    }

    private void requireVR(int tag, String wanted, VR... allowed) {
        VR vr = vrOf(tag);
        if (vr == null) {
            return;
        }
        for (VR a : allowed) {
            if (vr == a) {
                return;
            }
        }
        throw new WrongVRException(tag, vr, wanted);
    }

    // ---------------------------------------------------------------- private elements

    /** The creator of private element {@code tag} (the value of (gggg,00xx)); null if not private or unknown. */
    public String privateCreatorOf(int tag) {
        if (!Tag.isPrivate(tag) || Tag.isPrivateCreator(tag) || (tag & 0xFFFF) < 0x1000) {
            return null;
        }
        int creatorTag = (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
        return getString(creatorTag);
    }

    /**
     * The tag of element {@code elementOffset} (0x00-0xFF) in the block reserved by {@code creator} in
     * {@code group}; with {@code reserve}, reserves a free block when the creator has none. Returns -1 if the
     * creator has no block and {@code reserve} is false.
     */
    public int privateTag(String creator, int group, int elementOffset, boolean reserve) {
        if ((group & 1) == 0 || group <= 7) {
            throw new IllegalArgumentException(String.format("group %04X is not a private group", group));
        }
        int free = -1;
        for (int xx = 0x10; xx <= 0xFF; xx++) {
            int creatorTag = group << 16 | xx;
            String c = contains(creatorTag) ? getString(creatorTag) : null;
            if (c == null) {
                if (free < 0 && !contains(creatorTag)) {
                    free = xx;
                }
            } else if (c.equals(creator)) {
                return group << 16 | xx << 8 | (elementOffset & 0xFF);
            }
        }
        if (!reserve) {
            return -1;
        }
        if (free < 0) {
            throw new IllegalStateException(String.format("no free private block left in group %04X", group));
        }
        setString(group << 16 | free, VR.LO, creator);
        return group << 16 | free << 8 | (elementOffset & 0xFF);
    }

    // ---------------------------------------------------------------- typed setters

    /** Sets a string element with the dictionary's VR for {@code tag}. */
    public void setString(int tag, String... values) {
        setString(tag, ElementDictionary.vrOf(tag), values);
    }

    /**
     * Sets a string element, checking each value against its VR (length, characters).
     *
     * @throws IllegalArgumentException naming the element and what is wrong
     */
    public void setString(int tag, VR vr, String... values) {
        if (!vr.isString()) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not a string VR");
        }
        if (values.length > 1 && !vr.isMultiValued()) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " holds one value, not " + values.length);
        }
        for (String v : values) {
            String problem = v == null ? "null value" : ValueRules.check(vr, v);
            if (problem != null) {
                throw new IllegalArgumentException(Tag.toString(tag) + " " + ElementDictionary.keywordOf(tag) + ": "
                        + problem);
            }
        }
        put(tag, vr, values.length == 0 ? null : String.join("\\", values));
    }

    /** Sets integer values; the VR decides the encoding (US, SS, UL, SL, SV, UV, IS, AT). */
    public void setInt(int tag, VR vr, int... values) {
        long[] l = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            l[k] = vr == VR.UL || vr == VR.OL ? values[k] & 0xFFFFFFFFL : values[k];
        }
        setLong(tag, vr, l);
    }

    public void setLong(int tag, VR vr, long... values) {
        if (vr == VR.IS) {
            String[] s = new String[values.length];
            for (int k = 0; k < values.length; k++) {
                s[k] = Long.toString(values[k]);
            }
            setString(tag, vr, s);
            return;
        }
        if (vr == VR.DS) {
            double[] d = new double[values.length];
            for (int k = 0; k < values.length; k++) {
                d[k] = values[k];
            }
            setDouble(tag, vr, d);
            return;
        }
        int unit = vr.bytesPerValue();
        if (unit == 0 || vr == VR.OB || vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " does not hold integers");
        }
        byte[] b = new byte[values.length * unit];
        for (int k = 0; k < values.length; k++) {
            long v = values[k];
            String problem = rangeProblem(vr, v);
            if (problem != null) {
                throw new IllegalArgumentException(Tag.toString(tag) + ": " + v + " " + problem);
            }
            int off = k * unit;
            switch (vr) {
            case US, SS, OW -> BinaryValues.put16(b, off, (int) v, bigEndian);
            case UL, SL, OL -> BinaryValues.put32(b, off, (int) v, bigEndian);
            case AT -> {
                BinaryValues.put16(b, off, (int) (v >>> 16), bigEndian);
                BinaryValues.put16(b, off + 2, (int) v, bigEndian);
            }
            default -> BinaryValues.put64(b, off, v, bigEndian);
            }
        }
        put(tag, vr, values.length == 0 ? null : b);
    }

    private static String rangeProblem(VR vr, long v) {
        return switch (vr) {
        case US, OW -> v < 0 || v > 0xFFFF ? "is out of range for US (0-65535)" : null;
        case SS -> v < Short.MIN_VALUE || v > Short.MAX_VALUE ? "is out of range for SS" : null;
        case UL, OL -> v < 0 || v > 0xFFFFFFFFL ? "is out of range for UL" : null;
        case SL -> v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? "is out of range for SL" : null;
        case UV -> null;
        default -> null;
        };
    }

    /** Sets decimal values (DS, FL, FD, OF, OD); DS values are written in at most 16 characters. */
    public void setDouble(int tag, VR vr, double... values) {
        if (vr == VR.DS) {
            String[] s = new String[values.length];
            for (int k = 0; k < values.length; k++) {
                s[k] = formatDS(values[k]);
            }
            setString(tag, vr, s);
            return;
        }
        if (vr != VR.FL && vr != VR.FD && vr != VR.OF && vr != VR.OD) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " does not hold decimals");
        }
        int unit = vr.bytesPerValue();
        byte[] b = new byte[values.length * unit];
        for (int k = 0; k < values.length; k++) {
            if (unit == 4) {
                BinaryValues.put32(b, k * 4, Float.floatToIntBits((float) values[k]), bigEndian);
            } else {
                BinaryValues.put64(b, k * 8, Double.doubleToLongBits(values[k]), bigEndian);
            }
        }
        put(tag, vr, values.length == 0 ? null : b);
    }

    /** Shortest decimal string of at most 16 characters (PS3.5: DS max 16 bytes). */
    static String formatDS(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(d + " cannot be written as DS");
        }
        String s = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        for (int digits = 16; s.length() > 16 && digits > 0; digits--) {
            s = new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros().toString();
        }
        return s;
    }

    public void setDate(int tag, LocalDate date) {
        setString(tag, VR.DA, DateTimeValues.formatDate(date));
    }

    public void setTime(int tag, LocalTime time) {
        setString(tag, VR.TM, DateTimeValues.formatTime(time));
    }

    /** Sets a DT value; {@code offset} may be null for none. */
    public void setDateTime(int tag, LocalDateTime dateTime, ZoneOffset offset) {
        setString(tag, VR.DT, DateTimeValues.formatDateTime(dateTime, offset));
    }

    public void setPersonName(int tag, PersonName name) {
        setString(tag, VR.PN, name.toString());
    }

    /** Sets a binary value (OB, OW, UN, ...); bytes are in this data set's byte order. */
    public void setBytes(int tag, VR vr, byte[] value) {
        put(tag, vr, value);
    }

    public void setBulkData(int tag, VR vr, BulkData value) {
        put(tag, vr, value);
    }

    /** A string value encoded with the character set in force for this data set, unpadded (writers pad). */
    public byte[] encodeString(VR vr, String s) {
        return vr.isCharacterSetSensitive() ? specificCharacterSet().encode(s, vr == VR.PN)
                : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A deep copy (bulk data references and byte arrays are shared: they are not modified in place). */
    public DataSet copy() {
        DataSet c = new DataSet(null, size);
        c.bigEndian = bigEndian;
        for (int i = 0; i < size; i++) {
            Object v = values[i];
            if (v instanceof Sequence s) {
                Sequence cs = c.newSequence(tags[i], s.size());
                for (DataSet item : s) {
                    cs.add(item.copy());
                }
            } else {
                c.put(tags[i], vrs[i], v);
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "DataSet[" + size + " elements]";
    }
}
