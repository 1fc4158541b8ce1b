package org.dicomflow.store;

/**
 * How C-FIND matching behaves where PS3.4 leaves the choice to the SCP.
 *
 * @param caseInsensitivePersonNames match PN values regardless of case (PS3.4 C.2.2.2.1 allows it)
 */
public record FindOptions(boolean caseInsensitivePersonNames) {
    /** Case-sensitive everywhere, as PS3.4 specifies by default. */
    public static final FindOptions DEFAULT = new FindOptions(false);
}
