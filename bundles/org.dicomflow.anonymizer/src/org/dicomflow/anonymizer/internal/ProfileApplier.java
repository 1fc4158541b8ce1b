package org.dicomflow.anonymizer.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.dicomflow.anonymizer.AnonymizationContext;
import org.dicomflow.anonymizer.IdentifyingValues;
import org.dicomflow.anonymizer.ProfileOption;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.WrongVRException;

/**
 * Applies Table E.1-1 to one data set and, recursively, to every item of its sequences. One instance per data set:
 * it holds what the rules need from the original (the identifying values for cleaning, the patient's date shift).
 *
 * <p>Elements the table does not list are kept, except that UIDs are mapped (unless Retain UIDs) and, under
 * Modified Dates, DA/DT are shifted: a UID or date the table forgot would otherwise break the consistency of the
 * mapping or leak the true date.
 *
 * <p>Private elements are removed, except under Retain Safe Private (PS3.15 E.3.10), where the table's C for them
 * means: keep those the instance's own Private Data Element Characteristics Sequence (0008,0300) declares safe and
 * those the site declared safe, apply the declared Deidentification Action to those it declares identifying, and
 * remove the rest. A kept private element is then treated like any element the table does not list.
 */
final class ProfileApplier {

    /** How elements the table does not list are treated inside a sequence item. */
    private enum Mode {
        /** Top level and ordinary sequences: keep. */
        KEEP,
        /** Inside a sequence the table says to clean (C): clean text, keep the structure. */
        CLEAN,
        /** Inside a sequence the table says to replace by a dummy (D): dummy values, keep the structure. */
        DUMMY
    }

    private final ProfileTable table;
    private final AnonymizationContext context;
    private final Set<ProfileOption> options;
    private final IdentifyingValues identifying;
    private final DateShifter dateShifter;
    private final boolean retainSafePrivate;
    /** The private block declarations in force in the data set being processed. */
    private PrivateCharacteristics characteristics = PrivateCharacteristics.NONE;

    ProfileApplier(ProfileTable table, AnonymizationContext context, IdentifyingValues identifying, int dateShiftDays) {
        this.table = table;
        this.context = context;
        this.options = context.options();
        this.identifying = identifying;
        this.dateShifter = new DateShifter(dateShiftDays);
        this.retainSafePrivate = table.privateAttributes().actionFor(options) == Action.C;
    }

    void apply(DataSet ds) {
        apply(ds, Mode.KEEP);
    }

    private void apply(DataSet ds, Mode mode) {
        PrivateCharacteristics enclosing = characteristics;
        if (retainSafePrivate) {
            characteristics = PrivateCharacteristics.of(ds, enclosing); // read before anything in ds changes
        }
        try {
            applyToElements(ds, mode);
        } finally {
            characteristics = enclosing;
        }
        PrivateBlocks.removeEmptyCreators(ds);
        PrivateBlocks.removeCharacteristicsOfAbsentBlocks(ds);
        Overlays.removeOverlaysWithoutData(ds);
    }

    private void applyToElements(DataSet ds, Mode mode) {
        int[] tags = new int[ds.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = ds.tagAt(i);
        }
        // last to first: a removal then moves only the elements already kept, not those still to be looked at
        for (int k = tags.length - 1; k >= 0; k--) {
            int tag = tags[k];
            if (Tag.group(tag) == 0x0002 || Tag.isGroupLength(tag) || tag == Tag.PixelData
                    || tag == Tag.SpecificCharacterSet) {
                continue; // file meta, lengths the writer recomputes, the image itself, how text is encoded
            }
            if (Tag.isPrivate(tag)) {
                applyToPrivate(ds, tag, mode);
                continue;
            }
            restoreKnownVR(ds, tag);
            ProfileRule rule = table.ruleFor(tag);
            if (rule != null) {
                perform(ds, tag, rule.actionFor(options));
            } else {
                performUnlisted(ds, tag, mode);
            }
        }
    }

    /**
     * A standard text element some writer stored as UN (PS3.5 6.2.2) gets its dictionary VR back first: otherwise a
     * UID written as UN could not be mapped and would be blanked, losing the Study Instance UID.
     */
    private static void restoreKnownVR(DataSet ds, int tag) {
        if (ds.vrOf(tag) != VR.UN || !(ds.value(tag) instanceof byte[])) {
            return; // the dictionary is asked only for the rare UN element
        }
        VR known = ElementDictionary.vrOf(tag);
        if (known != VR.UN && known.isString()) {
            ds.put(tag, known, String.join("\\", ds.getStrings(tag)));
        }
    }

    private void applyToPrivate(DataSet ds, int tag, Mode mode) {
        if (!retainSafePrivate) {
            ds.remove(tag);
            return;
        }
        if (Tag.isPrivateCreator(tag)) {
            return; // creators stay until their block is known to be empty
        }
        String creator = ds.privateCreatorOf(tag);
        Action declared = creator == null ? null : characteristics.actionFor(Tag.group(tag), creator, tag & 0xFF);
        if (declared == null) {
            declared = context.isSafePrivate(creator, tag) ? Action.K : Action.X;
        }
        if (declared == Action.U && options.contains(ProfileOption.RETAIN_UIDS)) {
            declared = Action.K; // as for the table's U: private references stay consistent with the kept UIDs
        }
        switch (declared) {
        case K -> performUnlisted(ds, tag, mode);
        case U -> mapDeclaredUids(ds, tag);
        default -> perform(ds, tag, declared);
        }
    }

    /**
     * Action U declared for a private element: its value is a UID whatever its VR says (implicit VR files give
     * private elements UN when no dictionary knows them), so it gets the same keyed pseudonym as that UID anywhere
     * else. A sequence has its items processed, as the table's U does.
     */
    private void mapDeclaredUids(DataSet ds, int tag) {
        VR vr = ds.vrOf(tag);
        Object value = ds.value(tag);
        if (value == null) {
            return; // empty: no UID to replace
        }
        if (vr == VR.UI || value instanceof Sequence) {
            perform(ds, tag, Action.U);
            return;
        }
        String text;
        try {
            text = vr.isString() ? String.join("\\", ds.getStrings(tag))
                    : value instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : null;
        } catch (WrongVRException e) {
            text = null;
        }
        if (text == null) {
            ds.remove(tag); // bulk data or a reference to it: no UID to map
            return;
        }
        String[] uids = text.split("\\\\");
        for (int i = 0; i < uids.length; i++) {
            uids[i] = context.mapUid(uids[i].replace('\0', ' ').strip());
        }
        ds.put(tag, VR.UI, String.join("\\", uids)); // a pseudonym may not fit the declared VR's length
    }

    private void performUnlisted(DataSet ds, int tag, Mode mode) {
        VR vr = ds.vrOf(tag);
        Object value = ds.value(tag);
        if (value instanceof Sequence s) {
            applyToItems(s, mode);
        } else if (vr == VR.UI) {
            if (!options.contains(ProfileOption.RETAIN_UIDS)) {
                mapUids(ds, tag);
            }
        } else if (vr == VR.DA || vr == VR.DT || vr == VR.TM) {
            if (mode == Mode.KEEP) {
                if (vr != VR.TM && options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                    shiftDates(ds, tag, vr);
                }
            } else {
                cleanTemporal(ds, tag, vr);
            }
        } else if (mode == Mode.CLEAN) {
            clean(ds, tag);
        } else if (mode == Mode.DUMMY && vr != VR.CS && vr.isString()) {
            // CS stays: coded values (Value Type, Relationship Type) carry structure, not identity
            ds.put(tag, vr, DummyValues.of(vr));
        }
    }

    private void perform(DataSet ds, int tag, Action action) {
        VR vr = ds.vrOf(tag);
        Object value = ds.value(tag);
        switch (action) {
        case K -> {
            if (value instanceof Sequence s) {
                applyToItems(s, Mode.KEEP); // K: "unchanged for non-sequence attributes, cleaned for sequences"
            }
        }
        case X -> ds.remove(tag);
        case Z -> {
            if (value instanceof Sequence) {
                ds.newSequence(tag, 0);
            } else {
                ds.put(tag, vr, null);
            }
        }
        case U -> {
            if (value instanceof Sequence s) {
                applyToItems(s, Mode.KEEP);
            } else if (vr == VR.UI) {
                mapUids(ds, tag);
            } else {
                dummy(ds, tag);
            }
        }
        case D -> {
            if (value instanceof Sequence s) {
                applyToItems(s, Mode.DUMMY);
            } else if (vr == VR.UI) {
                mapUids(ds, tag);
            } else {
                dummy(ds, tag);
            }
        }
        case C -> {
            if (value instanceof Sequence s) {
                applyToItems(s, Mode.CLEAN);
            } else {
                clean(ds, tag);
            }
        }
        }
    }

    private void applyToItems(Sequence s, Mode mode) {
        for (DataSet item : s) {
            apply(item, mode);
        }
    }

    private void dummy(DataSet ds, int tag) {
        VR vr = ds.vrOf(tag);
        ds.put(tag, vr, DummyValues.of(vr));
    }

    private void mapUids(DataSet ds, int tag) {
        String[] uids = ds.getStrings(tag);
        for (int i = 0; i < uids.length; i++) {
            uids[i] = context.mapUid(uids[i]);
        }
        ds.put(tag, VR.UI, uids.length == 0 ? null : String.join("\\", uids));
    }

    private void shiftDates(DataSet ds, int tag, VR vr) {
        String[] shifted = dateShifter.shift(ds.getStrings(tag), vr);
        ds.put(tag, vr, shifted.length == 0 ? null : String.join("\\", shifted));
    }

    /** Dates under C: shifted with Modified Dates, kept with Full Dates, else a dummy (the truth must go). */
    private void cleanTemporal(DataSet ds, int tag, VR vr) {
        if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES)) {
            return;
        }
        if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            if (vr != VR.TM) {
                shiftDates(ds, tag, vr);
            }
            return;
        }
        dummy(ds, tag);
    }

    /**
     * Action C on a single value. Text keeps its meaning with every identifying value of the original masked;
     * dates follow the temporal options; UIDs are mapped unless retained; numbers are kept; binary data cannot be
     * cleaned by reading it, so it is removed.
     */
    private void clean(DataSet ds, int tag) {
        VR vr = ds.vrOf(tag);
        Object value = ds.value(tag);
        if (value == null) {
            return;
        }
        if (value instanceof BulkData || value instanceof Fragments || value instanceof java.net.URI
                || vr == VR.OB || vr == VR.OW || vr == VR.OF || vr == VR.OD || vr == VR.OL || vr == VR.OV
                || vr == VR.UN) {
            ds.remove(tag);
        } else if (vr == VR.DA || vr == VR.DT || vr == VR.TM) {
            cleanTemporal(ds, tag, vr);
        } else if (vr == VR.UI) {
            if (!options.contains(ProfileOption.RETAIN_UIDS)) {
                mapUids(ds, tag);
            }
        } else if (vr.isString() && vr != VR.DS && vr != VR.IS && vr != VR.AS) {
            String[] values;
            try {
                values = ds.getStrings(tag);
            } catch (WrongVRException e) {
                ds.remove(tag);
                return;
            }
            boolean changed = false;
            for (int i = 0; i < values.length; i++) {
                String masked = identifying.mask(values[i]);
                changed |= !masked.equals(values[i]);
                values[i] = masked;
            }
            if (changed) {
                ds.put(tag, vr, String.join("\\", values));
            }
        }
    }
}
