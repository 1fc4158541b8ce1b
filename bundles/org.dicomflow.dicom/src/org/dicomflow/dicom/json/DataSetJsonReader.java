package org.dicomflow.dicom.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;

/**
 * Turns the parsed JSON of a DICOM JSON model (PS3.18 F.2) into a {@link DataSet}; the rules are documented on
 * {@link DicomJson}. Strict about structure (what F.2 says must be an object, an array, a string), lenient about
 * content (a lower-case CS or a too long LO is kept as it is, as the Part 10 reader keeps it): the JSON may come
 * from any DICOMweb server, and the tag editor is where content gets fixed.
 */
final class DataSetJsonReader {

    private static final String UTF8 = "ISO_IR 192";

    private final boolean fileBulkData;
    /** Character-set-sensitive text outside ASCII, with the data set holding it; checked once all is read. */
    private final List<Object[]> nonAsciiTexts = new ArrayList<>();

    DataSetJsonReader(boolean fileBulkData) {
        this.fileBulkData = fileBulkData;
    }

    DataSet read(Object json, String path) {
        if (!(json instanceof Map<?, ?> members)) {
            throw new JsonFormatException("a DICOM JSON object was expected, not " + kind(json), path);
        }
        DataSet ds = new DataSet();
        fill(ds, members, path);
        declareCharacterSet();
        return ds;
    }

    private void fill(DataSet ds, Map<?, ?> members, String path) {
        // in tag order: private creators (gggg,00xx) then come before the elements of their blocks, whose VR
        // may depend on them, and the data set appends without searching
        String[] keys = members.keySet().toArray(new String[0]);
        long[] order = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (Integer.toUnsignedLong(parseTag(keys[i], path)) << 32) | i;
        }
        Arrays.sort(order);
        for (long o : order) {
            String key = keys[(int) o];
            int tag = (int) (o >>> 32);
            if (Tag.isGroupLength(tag)) {
                continue; // F.2.2 excludes them; a writer recomputes them anyway
            }
            element(ds, tag, members.get(key), path + "/" + key);
        }
    }

    private static int parseTag(String key, String path) {
        if (key.length() == 8) {
            try {
                return Integer.parseUnsignedInt(key, 16);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new JsonFormatException("\"" + key + "\" is not a tag (eight hexadecimal digits)", path);
    }

    private void element(DataSet ds, int tag, Object json, String path) {
        if (!(json instanceof Map<?, ?> attr)) {
            throw new JsonFormatException("an attribute object was expected, not " + kind(json), path);
        }
        VR vr = vr(ds, tag, attr, path);
        int forms = (attr.containsKey("Value") ? 1 : 0) + (attr.containsKey("InlineBinary") ? 1 : 0)
                + (attr.containsKey("BulkDataURI") ? 1 : 0);
        if (forms > 1) {
            throw new JsonFormatException("more than one of Value, InlineBinary and BulkDataURI", path);
        }
        if (attr.get("Value") != null) {
            if (!(attr.get("Value") instanceof List<?> values)) {
                throw new JsonFormatException("Value must be an array, not " + kind(attr.get("Value")), path + "/Value");
            }
            values(ds, tag, vr, values, path + "/Value");
        } else if (attr.get("InlineBinary") != null) {
            ds.put(tag, vr, inlineBinary(tag, vr, attr.get("InlineBinary"), path + "/InlineBinary"));
        } else if (attr.get("BulkDataURI") != null) {
            ds.put(tag, vr, bulkDataUri(attr.get("BulkDataURI"), path + "/BulkDataURI"));
        } else {
            ds.put(tag, vr, null); // F.2.5: present but empty
        }
    }

    /** The "vr" member, or when it is missing the dictionary's VR (private elements by their creator). */
    private static VR vr(DataSet ds, int tag, Map<?, ?> attr, String path) {
        Object code = attr.get("vr");
        if (code == null) {
            return Tag.isPrivate(tag) ? ElementDictionary.vrOf(ds.privateCreatorOf(tag), tag) : ElementDictionary.vrOf(tag);
        }
        VR vr = code instanceof String s ? VR.ofCode(s) : null;
        if (vr == null) {
            throw new JsonFormatException("\"vr\" must be a VR code such as \"CS\", not " + kind(code), path + "/vr");
        }
        return vr;
    }

    private Object inlineBinary(int tag, VR vr, Object json, String path) {
        if (!(json instanceof String base64)) {
            throw new JsonFormatException("InlineBinary must be a base64 string, not " + kind(json), path);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // some writers break base64 into lines; anything else that is not base64 is an error (the MIME
            // decoder would silently skip it)
            try {
                bytes = Base64.getDecoder().decode(base64.replaceAll("[\\r\\n\\t ]", ""));
            } catch (IllegalArgumentException again) {
                throw new JsonFormatException("InlineBinary is not base64: " + again.getMessage(), path);
            }
        }
        if (bytes.length == 0) {
            return null;
        }
        if (tag == Tag.PixelData && (vr == VR.OB || vr == VR.OW) && EncapsulatedValue.startsWithItem(bytes)) {
            Fragments f = EncapsulatedValue.parse(vr, bytes);
            if (f != null) {
                return f;
            }
        }
        return bytes; // little endian, as the new data set is
    }

    private Object bulkDataUri(Object json, String path) {
        if (!(json instanceof String s)) {
            throw new JsonFormatException("BulkDataURI must be a string, not " + kind(json), path);
        }
        if (s.isEmpty()) {
            return null; // some writers put "" when they left the bulk data out: nothing to refer to
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new JsonFormatException("BulkDataURI is not a URI: " + e.getMessage(), path);
        }
        BulkData inFile = fileBulkData ? FileBulkDataUri.parse(uri) : null;
        return inFile != null ? inFile : uri;
    }

    // ---------------------------------------------------------------- Value arrays

    private void values(DataSet ds, int tag, VR vr, List<?> values, String path) {
        switch (vr) {
        case SQ -> items(ds.newSequence(tag, values.size()), values, path);
        case PN -> text(ds, tag, vr, personNames(values, path), path);
        case IS, DS -> text(ds, tag, vr, decimalStrings(vr, values, path), path);
        case AT -> ds.setLong(tag, vr, attributeTags(values, path));
        case US, SS, UL, SL, SV, UV -> ds.setLong(tag, vr, integers(vr, values, path));
        case FL, FD -> ds.setDouble(tag, vr, floats(vr, values, path));
        case OB, OD, OF, OL, OV, OW, UN -> throw new JsonFormatException(
                vr + " values are written as InlineBinary or BulkDataURI, not as a Value array", path);
        default -> text(ds, tag, vr, strings(values, path), path);
        }
    }

    private void items(Sequence sequence, List<?> values, String path) {
        for (int i = 0; i < values.size(); i++) {
            Object item = values.get(i);
            if (item != null && !(item instanceof Map)) {
                throw new JsonFormatException("a sequence item must be an object, not " + kind(item), path + "/" + i);
            }
            DataSet ds = sequence.addItem();
            if (item != null) {
                fill(ds, (Map<?, ?>) item, path + "/" + i);
            }
        }
    }

    /** Joins the values with backslashes as the data set holds strings; notes text the character set must cover. */
    private void text(DataSet ds, int tag, VR vr, List<String> values, String path) {
        if (values.size() > 1 && !vr.isMultiValued()) {
            throw new JsonFormatException(vr + " holds one value, not " + values.size(), path);
        }
        String joined = String.join("\\", values);
        if (joined.isEmpty()) {
            ds.put(tag, vr, null);
            return;
        }
        ds.put(tag, vr, joined);
        if (vr.isCharacterSetSensitive() && !joined.chars().allMatch(c -> c < 0x80)) {
            nonAsciiTexts.add(new Object[] { ds, joined });
        }
    }

    private static List<String> strings(List<?> values, String path) {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                out.add(""); // F.2.5: an empty value
            } else if (v instanceof String s) {
                out.add(s);
            } else if (v instanceof BigDecimal n) {
                out.add(n.toString()); // a number where text belongs: its text is what was meant
            } else {
                throw new JsonFormatException("a string was expected, not " + kind(v), path + "/" + i);
            }
        }
        return out;
    }

    /** F.2.2: {"Alphabetic", "Ideographic", "Phonetic"} become the '='-separated component groups. */
    private static List<String> personNames(List<?> values, String path) {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null || v instanceof String) {
                out.add(v == null ? "" : (String) v); // a plain string: what some servers send
                continue;
            }
            if (!(v instanceof Map<?, ?> groups)) {
                throw new JsonFormatException("a person name object was expected, not " + kind(v), path + "/" + i);
            }
            String[] g = new String[3];
            String[] names = { "Alphabetic", "Ideographic", "Phonetic" };
            for (int k = 0; k < 3; k++) {
                Object s = groups.get(names[k]);
                if (s != null && !(s instanceof String)) {
                    throw new JsonFormatException(names[k] + " must be a string, not " + kind(s), path + "/" + i + "/" + names[k]);
                }
                g[k] = s == null ? "" : (String) s;
            }
            int last = !g[2].isEmpty() ? 2 : !g[1].isEmpty() ? 1 : 0; // no trailing empty groups (PS3.5 6.2)
            out.add(String.join("=", Arrays.asList(g).subList(0, last + 1)));
        }
        return out;
    }

    /** F.2.3: IS and DS come as numbers, or as strings to keep their exact text. */
    private static List<String> decimalStrings(VR vr, List<?> values, String path) {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof BigDecimal n) {
                out.add(vr == VR.IS ? integerText(n, path + "/" + i) : decimalText(n));
            } else if (v == null) {
                out.add("");
            } else if (v instanceof String s) {
                out.add(s.strip());
            } else {
                throw new JsonFormatException("a number was expected, not " + kind(v), path + "/" + i);
            }
        }
        return out;
    }

    /** An IS value: the JSON text if it is a plain integer (F.2.3: preserve the format), else the integer's digits. */
    private static String integerText(BigDecimal n, String path) {
        if (n instanceof NumberLiteral literal && literal.text().matches("-?[0-9]+")) {
            return literal.text();
        }
        return Long.toString(integral(n, Long.MIN_VALUE, Long.MAX_VALUE, VR.IS, path));
    }

    /**
     * A DS value: the JSON text as written (F.2.3: preserve the format; it keeps "-0.0" and "1e5"), rounded to
     * the 16 characters PS3.5 allows if it is longer.
     */
    private static String decimalText(BigDecimal n) {
        String s = n instanceof NumberLiteral literal ? literal.text() : n.toString();
        for (int digits = 16; s.length() > 16 && digits > 0; digits--) {
            s = n.round(new MathContext(digits)).toString();
        }
        return s;
    }

    private static long[] attributeTags(List<?> values, String path) {
        long[] out = new long[values.size()];
        int n = 0;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                continue; // a binary value cannot be empty: see integers()
            }
            if (!(v instanceof String s) || s.length() != 8 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                throw new JsonFormatException("an AT value must be a tag string \"GGGGEEEE\", not " + kind(v), path + "/" + i);
            }
            out[n++] = Long.parseLong(s, 16);
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Binary integers. A null entry (F.2.5 empty value) has no binary form and is left out: real JSON has them
     * where a writer padded the array (pydicom's test1.json: AcquisitionMatrix [128, 0, 0, 32, null]).
     * SV and UV may come as strings (F.2.3) to keep 64-bit precision.
     */
    private static long[] integers(VR vr, List<?> values, String path) {
        long min = switch (vr) {
        case SS -> Short.MIN_VALUE;
        case SL -> Integer.MIN_VALUE;
        case SV -> Long.MIN_VALUE;
        default -> 0;
        };
        long max = switch (vr) {
        case US -> 0xFFFF;
        case SS -> Short.MAX_VALUE;
        case UL -> 0xFFFFFFFFL;
        case SL -> Integer.MAX_VALUE;
        default -> Long.MAX_VALUE;
        };
        long[] out = new long[values.size()];
        int n = 0;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            BigDecimal number = number(v, path + "/" + i);
            if (vr == VR.UV) {
                out[n++] = unsigned64(number, path + "/" + i);
            } else {
                out[n++] = integral(number, min, max, vr, path + "/" + i);
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double[] floats(VR vr, List<?> values, String path) {
        double[] out = new double[values.size()];
        int n = 0;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                continue; // see integers()
            }
            if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
                out[n++] = Double.parseDouble(s); // how we write what JSON numbers cannot express
                continue;
            }
            BigDecimal number = number(v, path + "/" + i);
            // from the text where there is one: BigDecimal has no negative zero
            double d = number instanceof NumberLiteral literal ? Double.parseDouble(literal.text())
                    : v instanceof String s ? Double.parseDouble(s.strip()) : number.doubleValue();
            if (Double.isInfinite(d) || (vr == VR.FL && Float.isInfinite((float) d))) {
                throw new JsonFormatException(number + " is out of range for " + vr, path + "/" + i);
            }
            out[n++] = d;
        }
        return Arrays.copyOf(out, n);
    }

    private static BigDecimal number(Object v, String path) {
        if (v instanceof BigDecimal n) {
            return n;
        }
        if (v instanceof String s && s.length() <= JsonParser.MAX_NUMBER_LENGTH) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new JsonFormatException("a number was expected, not " + kind(v), path);
    }

    /** The exact integer value of {@code n} within [min, max]; never expands a huge exponent (1e999999999). */
    private static long integral(BigDecimal n, long min, long max, VR vr, String path) {
        BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new JsonFormatException(n + " is not an integer, as " + vr + " requires", path);
        }
        if (stripped.precision() - stripped.scale() > 19 || stripped.compareTo(BigDecimal.valueOf(min)) < 0
                || stripped.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new JsonFormatException(n + " is out of range for " + vr, path);
        }
        return stripped.longValueExact();
    }

    /** A UV value, 0 to 2^64-1, as the 64 bits a Java long holds. */
    private static long unsigned64(BigDecimal n, String path) {
        BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new JsonFormatException(n + " is not an integer, as UV requires", path);
        }
        if (stripped.signum() < 0 || stripped.precision() - stripped.scale() > 20) {
            throw new JsonFormatException(n + " is out of range for UV", path);
        }
        BigInteger big = stripped.toBigIntegerExact();
        if (big.bitLength() > 64) {
            throw new JsonFormatException(n + " is out of range for UV", path);
        }
        return big.longValue();
    }

    // ---------------------------------------------------------------- character set

    /**
     * JSON text is Unicode (F.2 note: the JSON's own encoding is UTF-8, whatever (0008,0005) says). Text is kept
     * as Java strings; the data set must still be able to write them in Part 10. Where the character set in force
     * for a text (its data set's, else the enclosing one's, else the default repertoire) cannot encode it, the
     * data set that decides that character set gets "ISO_IR 192" (UTF-8): so JSON without (0008,0005) but with
     * non-ASCII names gets UTF-8, and a declared set that covers the text (ISO_IR 100 for "Müller") stays.
     */
    private void declareCharacterSet() {
        for (Object[] t : nonAsciiTexts) {
            DataSet owner = (DataSet) t[0];
            if (!owner.specificCharacterSet().canEncode((String) t[1])) {
                DataSet decider = owner;
                while (!decider.contains(Tag.SpecificCharacterSet) && decider.parent() != null) {
                    decider = decider.parent();
                }
                decider.put(Tag.SpecificCharacterSet, VR.CS, UTF8);
            }
        }
        nonAsciiTexts.clear();
    }

    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof BigDecimal n) {
            return "the number " + n;
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return v instanceof Map ? "an object" : v instanceof List ? "an array" : v.getClass().getSimpleName();
    }
}
