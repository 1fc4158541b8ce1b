package org.dicomflow.anonymizer.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;

/**
 * What the instance itself declares about its private blocks in Private Data Element Characteristics Sequence
 * (0008,0300) (PS3.3 C.12.1), read as the Retain Safe Private Option uses it (PS3.15 E.3.10). Each item names a
 * block by Private Group Reference (0008,0301) and Private Creator Reference (0008,0302), never by block number,
 * which changes when an instance is re-encoded; Block Identifying Information Status (0008,0303) says SAFE (no
 * element identifies), UNSAFE (any may) or MIXED (only the offsets listed in Nonidentifying Private Elements
 * (0008,0304) are safe); Deidentification Action Sequence (0008,0305) gives, for offsets listed in Identifying
 * Private Elements (0008,0306), the action D, Z, X or U (0008,0307).
 *
 * <p>A declaration holds for the data set carrying it and every item nested in it, unless a nested data set declares
 * the same block itself: the module describes the private elements "within or referenced in" the whole instance,
 * and vendors repeat their blocks inside functional group items. Immutable.
 */
final class PrivateCharacteristics {

    /** No declaration at all. */
    static final PrivateCharacteristics NONE = new PrivateCharacteristics(null, Map.of());

    private enum Status {
        SAFE, UNSAFE, MIXED,
        /** An item we cannot read with certainty (unknown status, unreadable lists, the block described twice). */
        UNREADABLE
    }

    private record Block(Status status, Set<Integer> nonidentifying, Map<Integer, Action> actions) {

        static final Block UNREADABLE = new Block(Status.UNREADABLE, Set.of(), Map.of());

        Action actionFor(int offset) {
            if (status == Status.UNREADABLE) {
                return null;
            }
            Action declared = actions.get(offset);
            if (declared != null) {
                return declared; // an element said to identify is never kept as it is, whatever else is said
            }
            return status == Status.SAFE || status == Status.MIXED && nonidentifying.contains(offset) ? Action.K
                    : null;
        }
    }

    private final PrivateCharacteristics enclosing;
    /** Blocks by {@link #key}. */
    private final Map<String, Block> blocks;

    private PrivateCharacteristics(PrivateCharacteristics enclosing, Map<String, Block> blocks) {
        this.enclosing = enclosing;
        this.blocks = blocks;
    }

    /** The declarations in force in {@code ds}: its own, over those of the data sets enclosing it. */
    static PrivateCharacteristics of(DataSet ds, PrivateCharacteristics enclosing) {
        Sequence items = ds.getSequence(Tag.PrivateDataElementCharacteristicsSequence);
        if (items == null || items.isEmpty()) {
            return enclosing;
        }
        Map<String, Block> blocks = new HashMap<>();
        for (DataSet item : items) {
            String key = keyOf(item);
            if (key != null) {
                // two items for one block may contradict each other: trust neither
                blocks.put(key, blocks.containsKey(key) ? Block.UNREADABLE : read(item));
            }
        }
        return blocks.isEmpty() ? enclosing : new PrivateCharacteristics(enclosing, blocks);
    }

    /**
     * What the declarations say of element {@code elementOffset} (the low byte of its tag) of {@code creator}'s block
     * in {@code group}: {@link Action#K} when it is declared safe; D, Z, X or U when it is declared identifying, with
     * the action to take; null when no declaration covers it or the one that does says neither.
     */
    Action actionFor(int group, String creator, int elementOffset) {
        String key = key(group, creator);
        for (PrivateCharacteristics c = this; c != null; c = c.enclosing) {
            Block b = c.blocks.get(key);
            if (b != null) {
                return b.actionFor(elementOffset);
            }
        }
        return null;
    }

    /** The key of the block an item describes, or null when the item names no private block. */
    static String keyOf(DataSet item) {
        try {
            int group = item.getInt(Tag.PrivateGroupReference, -1);
            String creator = item.getString(Tag.PrivateCreatorReference);
            if (group < 0 || !Tag.isPrivate(group << 16) || creator == null || creator.isBlank()) {
                return null;
            }
            return key(group, creator);
        } catch (RuntimeException e) { // a value of the wrong VR (e.g. UN from a writer without the dictionary)
            return null;
        }
    }

    static String key(int group, String creator) {
        return String.format("%04X", group) + "|" + creator.strip();
    }

    private static Block read(DataSet item) {
        try {
            Status status = switch (item.getString(Tag.BlockIdentifyingInformationStatus, "").strip()) {
            case "SAFE" -> Status.SAFE;
            case "UNSAFE" -> Status.UNSAFE;
            case "MIXED" -> Status.MIXED;
            default -> Status.UNREADABLE;
            };
            if (status == Status.UNREADABLE) {
                return Block.UNREADABLE;
            }
            Set<Integer> nonidentifying = status == Status.MIXED
                    ? offsets(item.getInts(Tag.NonidentifyingPrivateElements)) : Set.of();
            Map<Integer, Action> actions = new HashMap<>();
            Sequence actionItems = item.getSequence(Tag.DeidentificationActionSequence);
            if (actionItems != null) {
                for (DataSet a : actionItems) {
                    Action action = actionOf(a.getString(Tag.DeidentificationAction, ""));
                    for (int offset : offsets(a.getInts(Tag.IdentifyingPrivateElements))) {
                        // the same element given two different actions: remove it
                        actions.merge(offset, action, (x, y) -> x == y ? x : Action.X);
                    }
                }
            }
            return new Block(status, nonidentifying, actions);
        } catch (RuntimeException e) { // lists of the wrong VR: what they name is unknown
            return Block.UNREADABLE;
        }
    }

    /** The four actions (0008,0307) enumerates; anything else, such as a C the standard leaves out, removes. */
    private static Action actionOf(String code) {
        return switch (code.strip()) {
        case "D" -> Action.D;
        case "Z" -> Action.Z;
        case "U" -> Action.U;
        default -> Action.X;
        };
    }

    /** Element offsets within a block are 00-FF; a larger value names no element. */
    private static Set<Integer> offsets(int[] values) {
        Set<Integer> set = new HashSet<>();
        for (int v : values) {
            if (v >= 0 && v <= 0xFF) {
                set.add(v);
            }
        }
        return set;
    }
}
