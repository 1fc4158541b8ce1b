package org.dicomflow.anonymizer.internal;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;

/** Private creators (gggg,00xx) whose block (gggg,xx00-xxFF) lost all its elements are removed with it. */
final class PrivateBlocks {

    private PrivateBlocks() {
    }

    static void removeEmptyCreators(DataSet ds) {
        for (int i = ds.size() - 1; i >= 0; i--) {
            int tag = ds.tagAt(i);
            if (Tag.isPrivateCreator(tag) && !hasBlockElements(ds, tag)) {
                ds.remove(tag);
            }
        }
    }

    private static boolean hasBlockElements(DataSet ds, int creatorTag) {
        int first = (creatorTag & 0xFFFF0000) | (creatorTag & 0xFF) << 8;
        int at = ds.indexOf(first);
        int index = at >= 0 ? at : -at - 1;
        return index < ds.size() && Integer.compareUnsigned(ds.tagAt(index), first | 0xFF) <= 0;
    }
}
