package org.dicomflow.dicom.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Lists the differences between two element listings, as lines a person can read. */
final class ListingComparison {

    private static final int MAX = 25;

    private ListingComparison() {
    }

    /**
     * @param implicitVR the file was Implicit VR: VRs of private elements then come from each side's
     *                   private dictionary and are not compared
     * @param compareText whether text of non-ASCII values is comparable (dcmdump converted it to UTF-8)
     */
    static List<String> differences(Map<String, ElementRow> expected, Map<String, ElementRow> actual, boolean implicitVR,
            boolean compareText) {
        List<String> diffs = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String key : all) {
            ElementRow e = expected.get(key);
            ElementRow a = actual.get(key);
            if (e == null) {
                diffs.add(key + ": only in ours " + a);
            } else if (a == null) {
                diffs.add(key + ": missing in ours, expected " + e);
            } else {
                String d = compare(key, e, a, implicitVR, compareText);
                if (d != null) {
                    diffs.add(d);
                }
            }
            if (diffs.size() >= MAX) {
                diffs.add("...");
                break;
            }
        }
        return diffs;
    }

    private static String compare(String key, ElementRow e, ElementRow a, boolean implicitVR, boolean compareText) {
        String tag = key.substring(Math.max(0, key.length() - 8));
        boolean privateTag = (Integer.parseInt(tag.substring(3, 4), 16) & 1) == 1;
        boolean unknownToOneSide = e.vr().equals("UN") || e.vr().equals("??") || a.vr().equals("UN");
        if (!sameVR(e.vr(), a.vr()) && !(implicitVR && (privateTag || unknownToOneSide))) {
            return key + ": VR " + a.vr() + ", expected " + e.vr();
        }
        if (e.children() != a.children()) {
            return key + ": " + a.children() + " items/fragments, expected " + e.children();
        }
        if (e.length() >= 0 && a.length() >= 0 && e.length() != a.length()) {
            return key + ": length " + a.length() + ", expected " + e.length();
        }
        if (e.values() != null && a.values() != null && !sameValues(e.vr(), e.values(), a.values())) {
            if (!compareText && (nonAscii(e.values()) || nonAscii(a.values()))) {
                return null;
            }
            return key + ": " + a.values() + ", expected " + e.values();
        }
        return null;
    }

    /** dcmdump writes "ox" for pixel data whose VR an implicit file leaves open (OB or OW). */
    private static boolean sameVR(String expected, String actual) {
        return expected.equals(actual) || expected.equals("ox") && (actual.equals("OB") || actual.equals("OW"))
                || expected.equals("xs") && (actual.equals("US") || actual.equals("SS"))
                || expected.equals("up") && actual.equals("UL");
    }

    private static boolean sameValues(String vr, List<String> e, List<String> a) {
        if (e.equals(a)) {
            return true;
        }
        if (vr.equals("AT")) {
            // dcmdump writes (gggg,eeee), we write ggggeeee as DICOM JSON does
            return e.stream().map(v -> v.replaceAll("[^0-9A-Fa-f]", "").toUpperCase()).toList()
                    .equals(a.stream().map(String::toUpperCase).toList());
        }
        if (e.size() != a.size()) {
            return false;
        }
        boolean single = vr.equals("FL") || vr.equals("OF");
        for (int i = 0; i < e.size(); i++) {
            if (!e.get(i).equals(a.get(i)) && !sameNumber(e.get(i), a.get(i), single)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(String e, String a, boolean singlePrecision) {
        try {
            if (singlePrecision) {
                return Float.parseFloat(e) == Float.parseFloat(a);
            }
            double x = Double.parseDouble(e);
            double y = Double.parseDouble(a);
            return x == y || Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private static boolean nonAscii(List<String> values) {
        return values.stream().anyMatch(v -> v.chars().anyMatch(c -> c >= 0x80 || c == 0x1B));
    }
}
