package org.dicomflow.cli;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;

/**
 * {@code -k Keyword[=value]} as dcmtk's findscu and dcm4che's tools take it: a matching key with a value, a
 * return key without; the keyword or the tag in hex (GGGGEEEE); backslashes separate values (UID lists).
 */
final class QueryKeys {

    private QueryKeys() {
    }

    static void put(DataSet keys, String spec) throws Arguments.UsageException {
        int eq = spec.indexOf('=');
        String name = (eq < 0 ? spec : spec.substring(0, eq)).trim();
        String value = eq < 0 ? "" : spec.substring(eq + 1);
        int tag = tagOf(name);
        VR vr = ElementDictionary.vrOf(tag);
        try {
            if (value.isEmpty()) {
                keys.put(tag, vr, null);
            } else if (vr.isString()) {
                keys.setString(tag, vr, value.split("\\\\", -1));
            } else if (vr == VR.US || vr == VR.UL || vr == VR.SS || vr == VR.SL) {
                keys.setInt(tag, vr, Integer.parseInt(value.trim()));
            } else {
                throw new Arguments.UsageException("-k " + name + ": cannot match on a " + vr + " value");
            }
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("-k " + spec + ": " + e.getMessage());
        }
    }

    static int tagOf(String name) throws Arguments.UsageException {
        if (name.matches("[0-9A-Fa-f]{8}")) {
            return (int) Long.parseLong(name, 16);
        }
        if (name.matches("\\([0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\\)")) {
            return (int) Long.parseLong(name.substring(1, 5) + name.substring(6, 10), 16);
        }
        int tag = ElementDictionary.tagOf(name);
        if (tag == -1) {
            throw new Arguments.UsageException("-k " + name + ": no such keyword in the DICOM dictionary");
        }
        return tag;
    }

    /** Human text of a key's value in a match, "" when empty or absent. */
    static String text(DataSet ds, int tag) {
        if (!ds.contains(tag) || ds.value(tag) == null) {
            return "";
        }
        try {
            return String.join("\\", ds.getStrings(tag));
        } catch (RuntimeException e) {
            return "(" + ds.vrOf(tag) + ")";
        }
    }

    static String keywordOf(int tag) {
        String k = ElementDictionary.keywordOf(tag);
        return k.isEmpty() ? Tag.toString(tag) : k;
    }
}
