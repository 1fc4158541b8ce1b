package org.dicomflow.anonymizer;

/**
 * The options of the PS3.15 Annex E Basic Application Level Confidentiality Profile that an anonymizer can
 * apply, each with its column in Table E.1-1 and its code in CID 7050 "De-identification Method" (scheme DCM).
 * Clean Pixel Data and Clean Recognizable Visual Features are not here: they change pixels, which the
 * attribute table cannot drive.
 */
public enum ProfileOption {
    RETAIN_SAFE_PRIVATE("rtnSafePrivOpt", "113111", "Retain Safe Private Option"),
    RETAIN_UIDS("rtnUIDsOpt", "113110", "Retain UIDs Option"),
    RETAIN_DEVICE_IDENTITY("rtnDevIdOpt", "113109", "Retain Device Identity Option"),
    RETAIN_INSTITUTION_IDENTITY("rtnInstIdOpt", "113112", "Retain Institution Identity Option"),
    RETAIN_PATIENT_CHARACTERISTICS("rtnPatCharsOpt", "113108", "Retain Patient Characteristics Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("rtnLongFullDatesOpt", "113106",
            "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("rtnLongModifDatesOpt", "113107",
            "Retain Longitudinal Temporal Information Modified Dates Option"),
    CLEAN_DESCRIPTORS("cleanDescOpt", "113105", "Clean Descriptors Option"),
    CLEAN_STRUCTURED_CONTENT("cleanStructContOpt", "113104", "Clean Structured Content Option"),
    CLEAN_GRAPHICS("cleanGraphOpt", "113103", "Clean Graphics Option");

    /** CID 7050 code of the Basic Profile itself, always listed first in De-identification Method Code Sequence. */
    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";
    public static final String CODING_SCHEME = "DCM";

    private final String tableColumn;
    private final String codeValue;
    private final String codeMeaning;

    ProfileOption(String tableColumn, String codeValue, String codeMeaning) {
        this.tableColumn = tableColumn;
        this.codeValue = codeValue;
        this.codeMeaning = codeMeaning;
    }

    /** The member name of this option's column in confidentiality_profile_attributes.json (Table E.1-1). */
    public String tableColumn() {
        return tableColumn;
    }

    public String codeValue() {
        return codeValue;
    }

    public String codeMeaning() {
        return codeMeaning;
    }

    /** Parses "RETAIN_UIDS", "retain-uids", "Retain UIDs" or the CID 7050 code value; null if none matches. */
    public static ProfileOption parse(String text) {
        String norm = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (ProfileOption o : values()) {
            if (o.name().equals(norm) || o.codeValue.equals(text.trim()) || o.tableColumn.equalsIgnoreCase(text.trim())
                    || (o.name() + "_OPTION").equals(norm) || o.codeMeaning.toUpperCase(java.util.Locale.ROOT)
                            .replace(' ', '_').equals(norm)) {
                return o;
            }
        }
        return null;
    }
}
