package org.dicomflow.anonymizer.internal;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.WrongVRException;

/**
 * Private creators (gggg,00xx) whose block (gggg,xx00-xxFF) lost all its elements are removed with it, and so are
 * the items of Private Data Element Characteristics Sequence (0008,0300) that describe a block no longer there.
 */
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

    /**
     * Keeps (0008,0300) describing only blocks still present in {@code ds} or an item nested in it (its declarations
     * hold there too), and removes it when none is left. Run after the empty creators are gone.
     */
    static void removeCharacteristicsOfAbsentBlocks(DataSet ds) {
        Sequence items = ds.getSequence(Tag.PrivateDataElementCharacteristicsSequence);
        if (items == null) {
            return;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            String key = PrivateCharacteristics.keyOf(items.get(i));
            if (key == null || !hasBlock(ds, key)) {
                items.remove(i);
            }
        }
        if (items.isEmpty()) {
            ds.remove(Tag.PrivateDataElementCharacteristicsSequence);
        }
    }

    /** Whether a creator reserves block {@code key} ({@link PrivateCharacteristics#key}) in {@code ds} or below. */
    private static boolean hasBlock(DataSet ds, String key) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isPrivateCreator(tag)) {
                String creator = creatorOf(ds, tag);
                if (creator != null && PrivateCharacteristics.key(Tag.group(tag), creator).equals(key)) {
                    return true;
                }
            } else if (ds.valueAt(i) instanceof Sequence s) {
                for (DataSet item : s) {
                    if (hasBlock(item, key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String creatorOf(DataSet ds, int creatorTag) {
        try {
            return ds.getString(creatorTag);
        } catch (WrongVRException e) { // a creator that is not text reserves nothing a declaration could name
            return null;
        }
    }
}
