package org.dicomflow.anonymizer.internal;

/** The action codes of PS3.15 Table E.1-1 (E.3.1). */
public enum Action {
    /** Replace with a dummy value consistent with the VR. */
    D,
    /** Replace with a zero-length value. */
    Z,
    /** Remove. */
    X,
    /** Keep. */
    K,
    /** Clean: keep the meaning, remove what identifies. */
    C,
    /** Replace the UID by its keyed pseudonym, consistently within the set of instances. */
    U;

    /**
     * Resolves a table cell such as "X/Z", "X/D", "Z/D", "X/Z/D" or "X/Z/U*" to one action.
     *
     * <p>Rule: PS3.15 E.3 lets the choice depend on the attribute's Type in the IOD (X for Type 3, Z for Type 2,
     * D/U for Type 1). We do not resolve Types per IOD, so we take the alternative that keeps every IOD conformant
     * whatever the Type: the last one written, which in the table is always the least disruptive (D or U over Z,
     * Z over X). X/Z/U* therefore keeps the reference sequence and maps the UIDs inside it, which keeps references
     * between anonymized instances working.
     */
    public static Action resolve(String cell) {
        String[] parts = cell.trim().split("/");
        String last = parts[parts.length - 1].replace("*", "").trim();
        return Action.valueOf(last);
    }
}
