package org.dicomflow.store.internal;

import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;

/**
 * An attribute kept in the index: which level's table holds it, in which column, and how C-FIND matches
 * it. Values are stored as decoded text ('' when absent), normalized by {@link #normalize} so that stored
 * values and query values compare as strings.
 */
public enum IndexedAttribute {
    PATIENT_ID(Tag.PatientID, VR.LO, QueryLevel.PATIENT, "patient_id", Matching.TEXT),
    ISSUER_OF_PATIENT_ID(Tag.IssuerOfPatientID, VR.LO, QueryLevel.PATIENT, "issuer_of_patient_id", Matching.TEXT),
    PATIENT_NAME(Tag.PatientName, VR.PN, QueryLevel.PATIENT, "patient_name", Matching.PERSON_NAME),
    PATIENT_BIRTH_DATE(Tag.PatientBirthDate, VR.DA, QueryLevel.PATIENT, "patient_birth_date", Matching.DATE_TIME),
    PATIENT_SEX(Tag.PatientSex, VR.CS, QueryLevel.PATIENT, "patient_sex", Matching.TEXT),

    STUDY_INSTANCE_UID(Tag.StudyInstanceUID, VR.UI, QueryLevel.STUDY, "study_instance_uid", Matching.UID),
    STUDY_DATE(Tag.StudyDate, VR.DA, QueryLevel.STUDY, "study_date", Matching.DATE_TIME),
    STUDY_TIME(Tag.StudyTime, VR.TM, QueryLevel.STUDY, "study_time", Matching.DATE_TIME),
    ACCESSION_NUMBER(Tag.AccessionNumber, VR.SH, QueryLevel.STUDY, "accession_number", Matching.TEXT),
    REFERRING_PHYSICIAN_NAME(Tag.ReferringPhysicianName, VR.PN, QueryLevel.STUDY, "referring_physician_name",
            Matching.PERSON_NAME),
    STUDY_DESCRIPTION(Tag.StudyDescription, VR.LO, QueryLevel.STUDY, "study_description", Matching.TEXT),
    STUDY_ID(Tag.StudyID, VR.SH, QueryLevel.STUDY, "study_id", Matching.TEXT),

    SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, VR.UI, QueryLevel.SERIES, "series_instance_uid", Matching.UID),
    MODALITY(Tag.Modality, VR.CS, QueryLevel.SERIES, "modality", Matching.TEXT),
    SERIES_NUMBER(Tag.SeriesNumber, VR.IS, QueryLevel.SERIES, "series_number", Matching.INTEGER),
    SERIES_DESCRIPTION(Tag.SeriesDescription, VR.LO, QueryLevel.SERIES, "series_description", Matching.TEXT),
    BODY_PART_EXAMINED(Tag.BodyPartExamined, VR.CS, QueryLevel.SERIES, "body_part_examined", Matching.TEXT),

    SOP_INSTANCE_UID(Tag.SOPInstanceUID, VR.UI, QueryLevel.IMAGE, "sop_instance_uid", Matching.UID),
    SOP_CLASS_UID(Tag.SOPClassUID, VR.UI, QueryLevel.IMAGE, "sop_class_uid", Matching.UID),
    INSTANCE_NUMBER(Tag.InstanceNumber, VR.IS, QueryLevel.IMAGE, "instance_number", Matching.INTEGER),
    /** From the file meta information, not the data set; answered as Available Transfer Syntax UID. */
    TRANSFER_SYNTAX_UID(Tag.AvailableTransferSyntaxUID, VR.UI, QueryLevel.IMAGE, "transfer_syntax_uid", Matching.UID);

    /** How a C-FIND key of this attribute is matched (PS3.4 C.2.2.2). */
    public enum Matching {
        /** Single value or a list of UIDs; no wildcards. */
        UID,
        /** Single value or wildcards (* ?); case-sensitive. */
        TEXT,
        /** As TEXT on the whole value (all component groups), optionally case-insensitive. */
        PERSON_NAME,
        /** Single value or a range (a-b, -b, a-). */
        DATE_TIME,
        /** Single value, compared as a number written without sign or leading zeros. */
        INTEGER
    }

    /** Longest value kept; longer (non-conformant) values are cut so a sloppy file still gets indexed. */
    public static final int MAX_TEXT = 1024;

    private final int tag;
    private final VR vr;
    private final QueryLevel level;
    private final String column;
    private final Matching matching;

    IndexedAttribute(int tag, VR vr, QueryLevel level, String column, Matching matching) {
        this.tag = tag;
        this.vr = vr;
        this.level = level;
        this.column = column;
        this.matching = matching;
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    public QueryLevel level() {
        return level;
    }

    public String column() {
        return column;
    }

    /** The column qualified with its table's alias, for queries joining the levels. */
    public String qualifiedColumn() {
        return level.alias() + "." + column;
    }

    public Matching matching() {
        return matching;
    }

    /** The attribute indexed for {@code tag}, or null. */
    public static IndexedAttribute of(int tag) {
        for (IndexedAttribute a : values()) {
            if (a.tag == tag) {
                return a;
            }
        }
        return null;
    }

    /** The attributes held in {@code level}'s table. */
    public static List<IndexedAttribute> of(QueryLevel level) {
        List<IndexedAttribute> list = new ArrayList<>();
        for (IndexedAttribute a : values()) {
            if (a.level == level) {
                list.add(a);
            }
        }
        return list;
    }

    /** The unique key of {@code level} in the Q/R information models (PS3.4 C.6). */
    public static IndexedAttribute uniqueKey(QueryLevel level) {
        return switch (level) {
        case PATIENT -> PATIENT_ID;
        case STUDY -> STUDY_INSTANCE_UID;
        case SERIES -> SERIES_INSTANCE_UID;
        case IMAGE -> SOP_INSTANCE_UID;
        };
    }

    /**
     * The value as stored and compared: dates without the dots and times without the colons of old
     * (ACR-NEMA style) values, integers without sign or leading zeros, cut to {@link #MAX_TEXT}.
     */
    public String normalize(String value) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        switch (matching) {
        case DATE_TIME:
            v = vr == VR.TM ? v.replace(":", "") : vr == VR.DA ? v.replace(".", "") : v;
            break;
        case INTEGER:
            try {
                v = Long.toString(Long.parseLong(v.startsWith("+") ? v.substring(1) : v));
            } catch (NumberFormatException notANumber) {
                // kept as written: it still matches itself
            }
            break;
        default:
            break;
        }
        return v.length() > MAX_TEXT ? v.substring(0, MAX_TEXT) : v;
    }
}
