package org.dicomflow.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * A PN value (PS3.5 6.2.1): up to three component groups (alphabetic, ideographic, phonetic) separated by
 * '=', each with up to five components (family, given, middle, prefix, suffix) separated by '^'.
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /** One component group; absent components are empty strings. */
    public record Group(String family, String given, String middle, String prefix, String suffix) {

        public static final Group EMPTY = new Group("", "", "", "", "");

        static Group parse(String s) {
            String[] c = s.split("\\^", -1);
            return new Group(part(c, 0), part(c, 1), part(c, 2), part(c, 3), part(c, 4));
        }

        private static String part(String[] c, int i) {
            return i < c.length ? c[i].strip() : "";
        }

        public boolean isEmpty() {
            return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
        }

        /** The group as written in DICOM, without trailing empty components. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>(List.of(family, given, middle, prefix, suffix));
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
            return String.join("^", parts);
        }
    }

    /** Parses one PN value (already decoded from its character set). */
    public static PersonName parse(String value) {
        String[] g = (value == null ? "" : value).split("=", -1);
        return new PersonName(group(g, 0), group(g, 1), group(g, 2));
    }

    private static Group group(String[] g, int i) {
        return i < g.length ? Group.parse(g[i]) : Group.EMPTY;
    }

    /** The value as written in DICOM, without trailing empty groups. */
    @Override
    public String toString() {
        List<String> groups = new ArrayList<>(List.of(alphabetic.toString(), ideographic.toString(), phonetic.toString()));
        while (!groups.isEmpty() && groups.get(groups.size() - 1).isEmpty()) {
            groups.remove(groups.size() - 1);
        }
        return String.join("=", groups);
    }
}
