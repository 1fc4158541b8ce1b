package org.dicomflow.store;

/**
 * What the archive does when an instance arrives whose SOP Instance UID it already holds.
 *
 * <p>PS3.4 B.2.3 defines no C-STORE status for a duplicate, so the statuses are chosen as follows:
 * {@link #KEEP_FIRST} answers the warning B006 "Elements Discarded" (a warning is a success for the sender,
 * and it is true: everything received was discarded); {@link #REJECT} answers 0111 "Duplicate SOP
 * Instance", the general failure status of PS3.7 Annex C, which every SCU treats as a failure.
 */
public enum DuplicatePolicy {
    /** Keep the stored copy and drop the new one; the sender gets warning B006. */
    KEEP_FIRST,
    /** Replace the stored copy atomically (the index row follows); the sender gets success. */
    REPLACE,
    /** Refuse the new copy with failure 0111 Duplicate SOP Instance. */
    REJECT;

    /** The name in configuration files: "keep-first", "replace", "reject". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The policy named by {@code text}: its {@link #key()} or its constant name, in any case.
     *
     * @throws IllegalArgumentException naming the policies there are
     */
    public static DuplicatePolicy parse(String text) {
        String t = text == null ? "" : text.strip();
        for (DuplicatePolicy p : values()) {
            if (p.key().equalsIgnoreCase(t) || p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not a duplicate policy (keep-first, replace or reject)");
    }
}
