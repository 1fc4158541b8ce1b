package org.dicomflow.anonymizer.internal;

import org.dicomflow.dicom.DataSet;

/**
 * An overlay plane whose Overlay Data (60xx,3000) the profile removed is gone: its other elements (rows, columns,
 * origin, type) are removed too, or the object would describe an overlay that has no bits (Overlay Data is Type 1).
 */
final class Overlays {

    private Overlays() {
    }

    static void removeOverlaysWithoutData(DataSet ds) {
        for (int i = ds.size() - 1; i >= 0; i--) {
            int tag = ds.tagAt(i);
            int group = tag >>> 16;
            if ((group & 0xFF01) == 0x6000 && !ds.contains(group << 16 | 0x3000)) {
                ds.remove(tag);
            }
        }
    }
}
