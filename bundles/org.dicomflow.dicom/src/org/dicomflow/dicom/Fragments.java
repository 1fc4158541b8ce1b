package org.dicomflow.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated (compressed) pixel data, PS3.5 A.4: the Basic Offset Table (the first item, possibly empty)
 * followed by one item per fragment. Each item is a {@code byte[]} in memory or a {@link BulkData} left in
 * the file. Passed through unchanged by the writer.
 */
public final class Fragments {

    private final VR vr;
    private final List<Object> items = new ArrayList<>();

    public Fragments(VR vr) {
        this.vr = vr;
    }

    public VR vr() {
        return vr;
    }

    /** Adds a fragment (the first one added is the Basic Offset Table). */
    public void add(byte[] item) {
        items.add(item);
    }

    public void add(BulkData item) {
        items.add(item);
    }

    public int size() {
        return items.size();
    }

    /** Item {@code i}: {@code byte[]} or {@link BulkData}. */
    public Object get(int i) {
        return items.get(i);
    }

    public static long lengthOf(Object item) {
        return item instanceof byte[] b ? b.length : ((BulkData) item).length();
    }

    /** Frame offsets of the Basic Offset Table (empty when the table is empty or absent). */
    public long[] basicOffsetTable() {
        if (items.isEmpty() || !(items.get(0) instanceof byte[] bot) || bot.length < 4) {
            return new long[0];
        }
        long[] offsets = new long[bot.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            int p = i * 4;
            offsets[i] = (bot[p] & 0xFFL) | (bot[p + 1] & 0xFFL) << 8 | (bot[p + 2] & 0xFFL) << 16 | (bot[p + 3] & 0xFFL) << 24;
        }
        return offsets;
    }
}
