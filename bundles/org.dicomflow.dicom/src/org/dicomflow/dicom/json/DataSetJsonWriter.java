package org.dicomflow.dicom.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;

import org.dicomflow.dicom.BinaryValues;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;

/** Walks a {@link DataSet} and writes its DICOM JSON model (PS3.18 F.2); the rules are documented on {@link DicomJson}. */
final class DataSetJsonWriter {

    /** Integers beyond this lose precision in JavaScript numbers; SV/UV beyond it are written as strings (F.2.3). */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final String[] GROUP_NAMES = { "Alphabetic", "Ideographic", "Phonetic" };

    private final JsonWriter json;
    private final JsonOptions options;

    DataSetJsonWriter(Appendable out, JsonOptions options) {
        this.json = new JsonWriter(out, options.pretty(), options.asciiOnly());
        this.options = options;
    }

    JsonWriter json() {
        return json;
    }

    void write(DataSet ds) throws IOException {
        json.beginObject();
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag)) {
                continue; // F.2.2: group lengths are not part of the JSON model
            }
            // the data set keeps tags sorted as unsigned ints, which is the lexicographic order F.2.2 asks for
            json.name(hex8(tag));
            element(ds, tag, ds.vrAt(i), ds.valueAt(i));
        }
        json.endObject();
    }

    private void element(DataSet ds, int tag, VR vr, Object value) throws IOException {
        json.beginObject();
        json.name("vr").value(vr.code());
        if (value instanceof Sequence items) {
            if (!items.isEmpty()) {
                json.name("Value").beginArray();
                for (DataSet item : items) {
                    write(item);
                }
                json.endArray();
            }
        } else if (value instanceof URI uri) {
            json.name("BulkDataURI").value(uri.toString());
        } else if (value instanceof BulkData b) {
            bulkData(ds, tag, vr, b);
        } else if (value instanceof Fragments f) {
            fragments(f);
        } else if (value instanceof byte[] bytes) {
            if (bytes.length > 0) {
                if (isInlineBinary(vr)) {
                    inlineBinary(bytes, ds.isBigEndian() ? swapUnit(vr) : 1);
                } else {
                    values(ds, tag, vr);
                }
            }
        } else if (value instanceof String s) {
            if (!s.isEmpty()) {
                values(ds, tag, vr);
            }
        }
        json.endObject();
    }

    /** The VRs whose value F.2.2 allows only as InlineBinary or BulkDataURI (and SQ with raw bytes, to keep them). */
    private static boolean isInlineBinary(VR vr) {
        return switch (vr) {
        case OB, OD, OF, OL, OV, OW, UN, SQ -> true;
        default -> false;
        };
    }

    /** InlineBinary is little endian (as in the default transfer syntax): big endian words are swapped. */
    private static int swapUnit(VR vr) {
        return vr == VR.OB || vr == VR.UN || vr == VR.SQ ? 1 : vr.bytesPerValue();
    }

    private void bulkData(DataSet ds, int tag, VR vr, BulkData b) throws IOException {
        if (options.bulkData() == JsonOptions.BulkDataMode.URI) {
            json.name("BulkDataURI").value(FileBulkDataUri.of(b));
        } else if (isInlineBinary(vr)) {
            try (InputStream in = b.open()) {
                json.name("InlineBinary").valueBase64(b.bigEndian() ? new WordSwappingInputStream(in, swapUnit(vr)) : in);
            }
        } else {
            // a number or text VR left in the file: its values are written as if it had been read into memory
            DataSet loaded = withSameEncoding(ds, b.bigEndian());
            loaded.put(tag, vr, b.load());
            values(loaded, tag, vr);
        }
    }

    /** An empty data set that decodes values as {@code ds} does: same character set, given byte order. */
    private static DataSet withSameEncoding(DataSet ds, boolean bigEndian) {
        DataSet scratch = new DataSet(2);
        for (DataSet d = ds; d != null; d = d.parent()) {
            if (d.contains(Tag.SpecificCharacterSet)) {
                scratch.put(Tag.SpecificCharacterSet, VR.CS, d.value(Tag.SpecificCharacterSet));
                break;
            }
        }
        scratch.setBigEndian(bigEndian);
        return scratch;
    }

    private void fragments(Fragments f) throws IOException {
        Path[] file = new Path[1];
        long[] extent = options.bulkData() == JsonOptions.BulkDataMode.URI ? EncapsulatedValue.extentInFile(f, file) : null;
        if (extent != null) {
            json.name("BulkDataURI").value(FileBulkDataUri.of(file[0], extent[0], extent[1], false, true));
            return;
        }
        try (InputStream in = EncapsulatedValue.open(f)) {
            json.name("InlineBinary").valueBase64(in);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void inlineBinary(byte[] bytes, int swapUnit) throws IOException {
        byte[] little = bytes;
        if (swapUnit > 1) {
            little = bytes.clone();
            BinaryValues.swap(little, 0, little.length, swapUnit);
        }
        json.name("InlineBinary").valueBase64(new ByteArrayInputStream(little));
    }

    // ---------------------------------------------------------------- Value arrays

    private void values(DataSet ds, int tag, VR vr) throws IOException {
        json.name("Value").beginArray();
        switch (vr) {
        case PN -> {
            for (String v : ds.getStrings(tag)) {
                personName(v);
            }
        }
        case AT -> {
            for (long t : ds.getLongs(tag)) {
                json.value(hex8((int) t));
            }
        }
        case IS, DS -> {
            for (String v : ds.getStrings(tag)) {
                decimalString(v);
            }
        }
        case FL, FD -> {
            for (double d : ds.getDoubles(tag)) {
                floatingPoint(vr, d);
            }
        }
        case US, SS, UL, SL -> {
            for (long n : ds.getLongs(tag)) {
                json.value(n);
            }
        }
        case SV, UV -> {
            for (long n : ds.getLongs(tag)) {
                boolean safe = n <= MAX_SAFE_INTEGER && (vr == VR.SV ? n >= -MAX_SAFE_INTEGER : n >= 0);
                String text = vr == VR.SV ? Long.toString(n) : Long.toUnsignedString(n);
                if (safe) {
                    json.numberValue(text);
                } else {
                    json.value(text);
                }
            }
        }
        default -> {
            for (String v : ds.getStrings(tag)) {
                json.value(v.isEmpty() ? null : v); // F.2.5: an empty value among several is null
            }
        }
        }
        json.endArray();
    }

    /** F.2.2: the non-empty component groups of one PN value, by name; an empty value is null (F.2.5). */
    private void personName(String v) throws IOException {
        String[] groups = v.split("=", -1);
        if (groups.length > 3) {
            // malformed (more than three groups): keep the surplus text in the phonetic group rather than lose it
            groups = new String[] { groups[0], groups[1], v.substring(groups[0].length() + groups[1].length() + 2) };
        }
        boolean any = false;
        for (String g : groups) {
            any |= !g.isEmpty();
        }
        if (!any) {
            json.nullValue();
            return;
        }
        json.beginObject();
        for (int g = 0; g < groups.length; g++) {
            if (!groups[g].isEmpty()) {
                json.name(GROUP_NAMES[g]).value(groups[g]);
            }
        }
        json.endObject();
    }

    /**
     * IS and DS as JSON numbers (F.2.3), in their own text where that is JSON ("0.50" stays 0.50), else in the
     * normal form of the number ("+.5" becomes 0.5); text that is no number at all is kept as a string, which
     * F.2.3 allows for IS and DS, rather than dropped.
     */
    private void decimalString(String v) throws IOException {
        if (v.isEmpty()) {
            json.nullValue();
        } else if (JsonWriter.isJsonNumber(v)) {
            json.numberValue(v);
        } else {
            BigDecimal n = parseDecimal(v);
            if (n != null) {
                json.value(n);
            } else {
                json.value(v);
            }
        }
    }

    private static BigDecimal parseDecimal(String v) {
        if (v.length() > JsonParser.MAX_NUMBER_LENGTH) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** FL in its shortest float form (0.1, not 0.10000000149011612); NaN and infinities, which JSON lacks, as strings. */
    private void floatingPoint(VR vr, double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            json.value(Double.toString(d));
        } else if (vr == VR.FL) {
            json.numberValue(Float.toString((float) d));
        } else {
            json.value(d);
        }
    }

    static String hex8(int tag) {
        String h = Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT);
        return "00000000".substring(h.length()) + h;
    }
}
