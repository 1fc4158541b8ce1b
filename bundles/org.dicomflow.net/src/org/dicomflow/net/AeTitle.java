package org.dicomflow.net;

import java.util.Optional;

/** Application Entity title rules of PS3.5 table 6.2-1 (VR AE), shared by UI, CLI and network code. */
public final class AeTitle {
    public static final int MAX_LENGTH = 16;

    private AeTitle() {
    }

    /**
     * Why {@code aeTitle} is not a valid AE title, as one sentence for a user, or empty if it is
     * valid. Leading and trailing spaces are not significant and are ignored.
     */
    public static Optional<String> validate(String aeTitle) {
        if (aeTitle == null || aeTitle.isEmpty()) {
            return Optional.of("AE title is empty");
        }
        String t = aeTitle.strip();
        if (t.isEmpty()) {
            return Optional.of("AE title consists only of spaces");
        }
        if (t.length() > MAX_LENGTH) {
            return Optional.of("AE title \"" + t + "\" has " + t.length() + " characters, at most " + MAX_LENGTH
                    + " are allowed");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                return Optional.of("AE title \"" + t + "\" contains a backslash, which is not allowed");
            }
            if (c < 0x20 || c == 0x7F) {
                return Optional.of("AE title contains a control character (code " + (int) c + ") at position " + (i + 1));
            }
            if (c > 0x7E) {
                return Optional.of("AE title contains the non-ASCII character '" + c + "' at position " + (i + 1));
            }
        }
        return Optional.empty();
    }

    /** The title without its insignificant leading/trailing spaces; throws if it is invalid. */
    public static String normalize(String aeTitle) {
        validate(aeTitle).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return aeTitle.strip();
    }
}
