package org.dicomflow.anonymizer.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.dicomflow.anonymizer.ProfileOption;

/**
 * One row of PS3.15 Table E.1-1: the Basic Profile cell as written ({@code basicProfile}, e.g. "X/Z/U*") and the
 * action it resolves to ({@code basicAction}, resolved once because {@link #actionFor} runs for every element of every
 * file), and the cells of the option columns that have one.
 */
public record ProfileRule(String tag, String name, String basicProfile, Action basicAction,
        Map<ProfileOption, Action> optionActions) {

    public ProfileRule {
        if (basicAction != Action.resolve(basicProfile)) {
            throw new IllegalArgumentException(tag + ": " + basicAction + " is not what \"" + basicProfile
                    + "\" means");
        }
        optionActions = optionActions.isEmpty() ? Map.of() : new EnumMap<>(optionActions);
    }

    public ProfileRule(String tag, String name, String basicProfile, Map<ProfileOption, Action> optionActions) {
        this(tag, name, basicProfile, Action.resolve(basicProfile), optionActions);
    }

    /**
     * The action under the chosen options. An option's cell overrides the Basic Profile; when two chosen options
     * both have a cell (e.g. Retain Patient Characteristics K and Clean Descriptors C for Allergies), C wins over K:
     * cleaning keeps the meaning the retaining option asked for and still removes what identifies.
     */
    public Action actionFor(Set<ProfileOption> options) {
        Action chosen = null;
        for (ProfileOption o : options) {
            Action a = optionActions.get(o);
            if (a == Action.C) {
                return Action.C;
            }
            if (a != null) {
                chosen = a;
            }
        }
        return chosen != null ? chosen : basicAction;
    }
}
