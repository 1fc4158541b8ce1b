package org.dicomflow.anonymizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.WrongVRException;
import org.dicomflow.dicom.json.JsonWriter;

/**
 * The elements an anonymization removed, changed or added, item by item inside sequences: what a person reviews
 * before trusting a profile. Paths look like {@code (0008,1140)[0].(0008,1155)}.
 */
public record DataSetDiff(List<Change> changes) {

    public enum Kind {
        REMOVED, CHANGED, ADDED
    }

    /** One difference; {@code before} or {@code after} is null for an added or removed element. */
    public record Change(Kind kind, String path, String keyword, String vr, String before, String after) {
    }

    /** Long values are shortened in a diff: a person reads the start, the full value is in the file. */
    private static final int MAX_SHOWN = 200;

    public DataSetDiff {
        changes = List.copyOf(changes);
    }

    public static DataSetDiff between(DataSet before, DataSet after) {
        List<Change> out = new ArrayList<>();
        compare(before, after, "", out);
        return new DataSetDiff(out);
    }

    private static void compare(DataSet a, DataSet b, String prefix, List<Change> out) {
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int ta = i < a.size() ? a.tagAt(i) : -1;
            int tb = j < b.size() ? b.tagAt(j) : -1;
            int cmp = i >= a.size() ? 1 : j >= b.size() ? -1 : Integer.compareUnsigned(ta, tb);
            if (cmp < 0) {
                out.add(change(Kind.REMOVED, prefix, a, i, null, -1));
                i++;
            } else if (cmp > 0) {
                out.add(change(Kind.ADDED, prefix, null, -1, b, j));
                j++;
            } else {
                Object va = a.valueAt(i);
                Object vb = b.valueAt(j);
                if (va instanceof Sequence sa && vb instanceof Sequence sb) {
                    String path = prefix + Tag.toString(ta);
                    for (int k = 0; k < Math.max(sa.size(), sb.size()); k++) {
                        String itemPath = path + "[" + k + "]";
                        if (k >= sb.size()) {
                            out.add(new Change(Kind.REMOVED, itemPath, VerificationReport.keywordOf(a, ta), "item",
                                    sa.get(k).size() + " elements", null));
                        } else if (k >= sa.size()) {
                            out.add(new Change(Kind.ADDED, itemPath, VerificationReport.keywordOf(b, tb), "item",
                                    null, sb.get(k).size() + " elements"));
                        } else {
                            compare(sa.get(k), sb.get(k), itemPath + ".", out);
                        }
                    }
                } else if (a.vrAt(i) != b.vrAt(j) || !sameValue(va, vb)) {
                    Change c = change(Kind.CHANGED, prefix, a, i, b, j);
                    if (!c.before().equals(c.after()) || a.vrAt(i) != b.vrAt(j)) {
                        out.add(c);
                    }
                }
                i++;
                j++;
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a == b || a != null && a.equals(b);
    }

    private static Change change(Kind kind, String prefix, DataSet a, int i, DataSet b, int j) {
        DataSet ds = a != null ? a : b;
        int index = a != null ? i : j;
        int tag = ds.tagAt(index);
        return new Change(kind, prefix + Tag.toString(tag), VerificationReport.keywordOf(ds, tag),
                ds.vrAt(index).code(), a == null ? null : show(a, i), b == null ? null : show(b, j));
    }

    /** A value as a person reads it; equal values show equal (a String and its encoded bytes compare by text). */
    static String show(DataSet ds, int index) {
        Object v = ds.valueAt(index);
        VR vr = ds.vrAt(index);
        if (v == null) {
            return "";
        }
        if (v instanceof Sequence s) {
            return s.size() + " items";
        }
        if (v instanceof BulkData bd) {
            return "<" + bd.length() + " bytes in file>";
        }
        if (v instanceof Fragments f) {
            return "<" + f.size() + " fragments>";
        }
        if (v instanceof java.net.URI u) {
            return "<" + u + ">";
        }
        if (vr.isString() || vr.bytesPerValue() > 0 && vr != VR.OB && vr != VR.OW && vr != VR.UN) {
            try {
                String s = String.join("\\", ds.getStrings(ds.tagAt(index)));
                return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
            } catch (WrongVRException e) {
                // fall through: shown as bytes
            }
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes, hash " + Integer.toHexString(Arrays.hashCode(b)) + ">";
        }
        return String.valueOf(v);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One line per change: "- path keyword VR: before", "~ ...: before -> after", "+ ...: after". */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            sb.append(switch (c.kind()) {
            case REMOVED -> "- ";
            case CHANGED -> "~ ";
            case ADDED -> "+ ";
            }).append(c.path()).append(' ').append(c.keyword()).append(' ').append(c.vr()).append(": ");
            switch (c.kind()) {
            case REMOVED -> sb.append(c.before());
            case CHANGED -> sb.append(c.before()).append(" -> ").append(c.after());
            case ADDED -> sb.append(c.after());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A JSON array of {kind, path, keyword, vr, before, after} objects. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        try {
            JsonWriter w = new JsonWriter(sb, true, false);
            w.beginArray();
            for (Change c : changes) {
                w.beginObject();
                w.name("kind").value(c.kind().name());
                w.name("path").value(c.path());
                w.name("keyword").value(c.keyword());
                w.name("vr").value(c.vr());
                if (c.before() != null) {
                    w.name("before").value(c.before());
                }
                if (c.after() != null) {
                    w.name("after").value(c.after());
                }
                w.endObject();
            }
            w.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }
}
