package org.dicomflow.dicom.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.VR;

/** Our data set flattened into the same {@link ElementRow}s as {@link DcmdumpListing}, for comparison. */
final class OurListing {

    private OurListing() {
    }

    static Map<String, ElementRow> of(DataSet meta, DataSet ds) {
        Map<String, ElementRow> rows = new LinkedHashMap<>();
        if (meta != null) {
            add(meta, "", rows);
        }
        add(ds, "", rows);
        return rows;
    }

    private static void add(DataSet ds, String prefix, Map<String, ElementRow> rows) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object v = ds.valueAt(i);
            String p = prefix + String.format("%08X", tag);
            if (v instanceof Sequence seq) {
                rows.put(p, new ElementRow(p, vr.name(), null, -1, seq.size()));
                for (int k = 0; k < seq.size(); k++) {
                    add(seq.get(k), p + "/" + (k + 1) + "/", rows);
                }
            } else if (v instanceof Fragments f) {
                rows.put(p, new ElementRow(p, vr.name(), null, -1, f.size()));
            } else if (v instanceof BulkData b) {
                rows.put(p, new ElementRow(p, vr.name(), null, b.length(), 0));
            } else {
                byte[] raw = ds.getBytes(tag);
                long length = raw == null ? 0 : raw.length + (raw.length & 1);
                List<String> values = DcmdumpListing.isBinary(vr.name()) ? null : strip(ds.getStrings(tag));
                rows.put(p, new ElementRow(p, vr.name(), values, length, 0));
            }
        }
    }

    private static List<String> strip(String[] values) {
        List<String> l = new ArrayList<>(values.length);
        Arrays.stream(values).forEach(v -> l.add(DcmdumpListing.normalize(v)));
        return l;
    }
}
