package org.dicomflow.cli;

import java.io.PrintStream;
import java.util.HexFormat;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;

/**
 * One line per element in the spirit of dcmdump: tag, VR, value (long values cut at the width), then after
 * '#' the value length in bytes, the number of values and the keyword. Sequence items are indented.
 */
final class DataSetDump {

    private final PrintStream out;
    private final int maxWidth;

    DataSetDump(PrintStream out, int maxWidth) {
        this.out = out;
        this.maxWidth = maxWidth;
    }

    void print(DataSet ds, int depth) {
        String indent = "  ".repeat(depth);
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object v = ds.valueAt(i);
            String keyword = keyword(ds, tag);
            if (v instanceof Sequence seq) {
                line(indent, tag, vr, "(Sequence with " + seq.size() + " item" + (seq.size() == 1 ? "" : "s") + ")", "", keyword);
                for (int k = 0; k < seq.size(); k++) {
                    out.println(indent + "  (FFFE,E000) na (Item #" + (k + 1) + ")");
                    print(seq.get(k), depth + 2);
                }
            } else if (v instanceof Fragments f) {
                line(indent, tag, vr, "(Pixel data with " + Math.max(0, f.size() - 1) + " fragment"
                        + (f.size() == 2 ? "" : "s") + ", offset table of " + Fragments.lengthOf(f.get(0)) + " bytes)", "",
                        keyword);
            } else if (v instanceof BulkData b) {
                line(indent, tag, vr, "(not loaded: " + b.length() + " bytes at offset " + b.offset() + ")",
                        b.length() + "", keyword);
            } else {
                byte[] raw = ds.getBytes(tag);
                int length = raw == null ? 0 : raw.length + (raw.length & 1);
                String[] values = valuesOf(ds, tag, vr, raw);
                String text = values == null ? hex(raw, vr)
                        : vr.isString() ? "[" + String.join("\\", values) + "]" : String.join("\\", values);
                int vm = values == null ? (raw == null || raw.length == 0 ? 0 : 1) : values.length;
                line(indent, tag, vr, raw == null || raw.length == 0 ? "(no value)" : text, length + ", " + vm, keyword);
            }
        }
    }

    private static String[] valuesOf(DataSet ds, int tag, VR vr, byte[] raw) {
        if (raw == null || raw.length == 0) {
            return new String[0];
        }
        if (vr == VR.OB || vr == VR.UN || vr == VR.OW || vr == VR.SQ) {
            return null;
        }
        return ds.getStrings(tag);
    }

    private static String keyword(DataSet ds, int tag) {
        String k = ElementDictionary.keywordOf(tag);
        if (!k.isEmpty()) {
            return k;
        }
        if (Tag.isPrivateCreator(tag)) {
            return "PrivateCreator";
        }
        String creator = ds.privateCreatorOf(tag);
        if (creator != null) {
            var entry = ElementDictionary.privateEntry(creator, tag);
            return entry != null ? "[" + creator + "] " + entry.name() : "[" + creator + "]";
        }
        return "Unknown";
    }

    private static String hex(byte[] raw, VR vr) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        HexFormat hf = HexFormat.of();
        int max = Math.min(raw.length, 64);
        for (int k = 0; k < max; k++) {
            if (k > 0) {
                sb.append('\\');
            }
            sb.append(hf.toHexDigits(raw[k]));
        }
        return sb.toString();
    }

    private void line(String indent, int tag, VR vr, String value, String lengthAndVm, String keyword) {
        int room = Math.max(20, maxWidth - indent.length() - 15);
        StringBuilder sb = new StringBuilder(indent.length() + 100).append(indent).append(Tag.toString(tag)).append(' ')
                .append(vr.name()).append(' ');
        int n = Math.min(value.length(), room);
        boolean cut = value.length() > room;
        for (int k = 0; k < (cut ? n - 3 : n); k++) {
            char c = value.charAt(k);
            sb.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        if (cut) {
            sb.append("...");
        }
        int pad = Math.max(1, 56 - sb.length());
        for (int k = 0; k < pad; k++) {
            sb.append(' ');
        }
        sb.append("# ");
        if (!lengthAndVm.isEmpty()) {
            sb.append(lengthAndVm).append(' ');
        }
        out.println(sb.append(keyword));
    }
}
