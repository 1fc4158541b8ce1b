package org.dicomflow.anonymizer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dicomflow.anonymizer.ProfileOption;
import org.dicomflow.dicom.json.JsonParser;

/**
 * PS3.15 Table E.1-1 as shipped by the standard (confidentiality_profile_attributes.json, innolitics/dicom-standard,
 * MIT, copied next to this class), parsed on first use. Tags are exact "(GGGG,EEEE)" or masks with X for any hex
 * digit ("(50XX,XXXX)", "(60XX,4000)"); the private-attributes row "(GGGG,EEEE) WHERE GGGG IS ODD" is kept apart.
 */
public final class ProfileTable {

    static final String RESOURCE = "confidentiality_profile_attributes.json";

    private record MaskedRule(int mask, int value, ProfileRule rule) {
    }

    private final Map<Integer, ProfileRule> exact;
    private final List<MaskedRule> masked;
    private final ProfileRule privateAttributes;
    private final List<ProfileRule> all;

    private ProfileTable(Map<Integer, ProfileRule> exact, List<MaskedRule> masked, ProfileRule privateAttributes,
            List<ProfileRule> all) {
        this.exact = exact;
        this.masked = masked;
        this.privateAttributes = privateAttributes;
        this.all = Collections.unmodifiableList(all);
    }

    private static final class Holder {
        static final ProfileTable STANDARD = loadStandard();
    }

    /** The table of the standard, loaded once. */
    public static ProfileTable standard() {
        return Holder.STANDARD;
    }

    private static ProfileTable loadStandard() {
        try (InputStream in = ProfileTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the anonymizer bundle");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static ProfileTable parse(Reader json) throws IOException {
        Object root = new JsonParser().parse(json);
        if (!(root instanceof List<?> rows)) {
            throw new IllegalArgumentException(RESOURCE + ": expected an array of rows");
        }
        Map<Integer, ProfileRule> exact = new HashMap<>();
        List<MaskedRule> masked = new ArrayList<>();
        List<ProfileRule> all = new ArrayList<>();
        ProfileRule privateRule = null;
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            ProfileRule rule = toRule(row);
            all.add(rule);
            String tag = rule.tag().toUpperCase(java.util.Locale.ROOT);
            if (tag.startsWith("(GGGG,EEEE)")) {
                privateRule = rule;
                continue;
            }
            String hex = tag.replaceAll("[^0-9A-FX]", "");
            if (hex.length() != 8) {
                throw new IllegalArgumentException(RESOURCE + ": unexpected tag " + rule.tag());
            }
            int mask = 0;
            int value = 0;
            for (int i = 0; i < 8; i++) {
                char c = hex.charAt(i);
                mask <<= 4;
                value <<= 4;
                if (c != 'X') {
                    mask |= 0xF;
                    value |= Character.digit(c, 16);
                }
            }
            if (mask == -1) {
                exact.put(value, rule);
            } else {
                masked.add(new MaskedRule(mask, value, rule));
            }
        }
        if (privateRule == null) {
            throw new IllegalArgumentException(RESOURCE + ": no row for private attributes");
        }
        return new ProfileTable(exact, masked, privateRule, all);
    }

    private static ProfileRule toRule(Map<?, ?> row) {
        Map<ProfileOption, Action> options = new EnumMap<>(ProfileOption.class);
        for (ProfileOption o : ProfileOption.values()) {
            Object cell = row.get(o.tableColumn());
            if (cell instanceof String s && !s.isBlank()) {
                options.put(o, Action.resolve(s));
            }
        }
        return new ProfileRule((String) row.get("tag"), (String) row.get("name"), (String) row.get("basicProfile"),
                options);
    }

    /** The rule for a standard (even group) tag, or null when the table does not list it (the element is kept). */
    public ProfileRule ruleFor(int tag) {
        ProfileRule r = exact.get(tag);
        if (r != null) {
            return r;
        }
        for (MaskedRule m : masked) {
            if ((tag & m.mask()) == m.value()) {
                return m.rule();
            }
        }
        return null;
    }

    /** The row "(GGGG,EEEE) WHERE GGGG IS ODD": X, or C under Retain Safe Private. */
    public ProfileRule privateAttributes() {
        return privateAttributes;
    }

    public List<ProfileRule> rules() {
        return all;
    }
}
