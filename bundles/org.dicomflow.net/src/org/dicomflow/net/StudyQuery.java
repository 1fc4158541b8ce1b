package org.dicomflow.net;

import java.time.LocalDate;
import java.util.List;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;

/**
 * A study search with the fields of a study browser, as a STUDY-level C-FIND identifier of the Study Root
 * information model. Immutable; each {@code with...} returns a new query, and null (or an empty text) takes
 * the field out again. Text fields match as PS3.4 C.2.2.2 says: {@code *} and {@code ?} are wildcards, case
 * matters unless the peer says otherwise. Every value {@link StudyResult} reads is asked for as a return key.
 *
 * <pre>{@code
 * StudyQuery query = StudyQuery.all().withPatientName("DOE*")
 *         .withStudyDate(DateRange.between(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31)))
 *         .withModalities("CT", "MR");
 * }</pre>
 */
public final class StudyQuery {
    /** The information model the identifier is for: propose it with {@link AssociationRequest#withContext}. */
    public static final String INFORMATION_MODEL = UID.StudyRootQueryRetrieveInformationModelFind;

    /** What {@link StudyResult} reads, asked for empty (universal matching) unless matched on. */
    private static final int[] RETURN_KEYS = { Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
            Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.StudyDescription, Tag.AccessionNumber,
            Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances };

    private final String patientName;
    private final String patientId;
    private final DateRange studyDate;
    private final List<String> modalities;
    private final String accessionNumber;
    private final List<String> studyInstanceUids;

    private StudyQuery(String patientName, String patientId, DateRange studyDate, List<String> modalities,
            String accessionNumber, List<String> studyInstanceUids) {
        this.patientName = patientName;
        this.patientId = patientId;
        this.studyDate = studyDate;
        this.modalities = modalities;
        this.accessionNumber = accessionNumber;
        this.studyInstanceUids = studyInstanceUids;
    }

    /** Every study the peer has; narrow it with the {@code with...} methods. */
    public static StudyQuery all() {
        return new StudyQuery(null, null, null, List.of(), null, List.of());
    }

    /** Patient's Name, e.g. "DOE^JOHN", "DOE*" or "D?E^*". */
    public StudyQuery withPatientName(String pattern) {
        return new StudyQuery(checked(Tag.PatientName, VR.PN, pattern), patientId, studyDate, modalities,
                accessionNumber, studyInstanceUids);
    }

    /** Patient ID, wildcards allowed. */
    public StudyQuery withPatientId(String pattern) {
        return new StudyQuery(patientName, checked(Tag.PatientID, VR.LO, pattern), studyDate, modalities,
                accessionNumber, studyInstanceUids);
    }

    /** Studies of these days; null for any date. */
    public StudyQuery withStudyDate(DateRange range) {
        return new StudyQuery(patientName, patientId, range, modalities, accessionNumber, studyInstanceUids);
    }

    /** Studies of that one day; null for any date. */
    public StudyQuery withStudyDate(LocalDate day) {
        return withStudyDate(day == null ? null : DateRange.on(day));
    }

    /** Studies with a series of any of these modalities (Modalities in Study); none for any modality. */
    public StudyQuery withModalities(String... modalities) {
        List<String> list = values(modalities);
        check(Tag.ModalitiesInStudy, VR.CS, list);
        return new StudyQuery(patientName, patientId, studyDate, list, accessionNumber, studyInstanceUids);
    }

    /** Accession Number, wildcards allowed. */
    public StudyQuery withAccessionNumber(String pattern) {
        return new StudyQuery(patientName, patientId, studyDate, modalities,
                checked(Tag.AccessionNumber, VR.SH, pattern), studyInstanceUids);
    }

    /** Just these studies (a UID list: any of them); none for any study. */
    public StudyQuery withStudyInstanceUids(String... uids) {
        List<String> list = values(uids);
        check(Tag.StudyInstanceUID, VR.UI, list);
        return new StudyQuery(patientName, patientId, studyDate, modalities, accessionNumber, list);
    }

    /**
     * The C-FIND identifier: Query/Retrieve Level STUDY, the matching keys set, every other key of
     * {@link StudyResult} empty. A new data set each time, free to be changed (e.g. more return keys).
     */
    public DataSet toIdentifier() {
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        for (int tag : RETURN_KEYS) {
            keys.setString(tag, ElementDictionary.vrOf(tag));
        }
        if (!isAscii(patientName) || !isAscii(patientId) || !isAscii(accessionNumber)) {
            // the peer must know how the text of the keys is encoded (PS3.4 C.2.2.2.1)
            keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        set(keys, Tag.PatientName, VR.PN, patientName);
        set(keys, Tag.PatientID, VR.LO, patientId);
        set(keys, Tag.AccessionNumber, VR.SH, accessionNumber);
        if (studyDate != null) {
            keys.setString(Tag.StudyDate, VR.DA, studyDate.toDicom());
        }
        if (!modalities.isEmpty()) {
            keys.setString(Tag.ModalitiesInStudy, VR.CS, modalities.toArray(String[]::new));
        }
        if (!studyInstanceUids.isEmpty()) {
            keys.setString(Tag.StudyInstanceUID, VR.UI, studyInstanceUids.toArray(String[]::new));
        }
        return keys;
    }

    /** e.g. "StudyQuery[PatientName=DOE*, StudyDate=20200101-20201231]". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StudyQuery[");
        append(sb, "PatientName", patientName);
        append(sb, "PatientID", patientId);
        append(sb, "StudyDate", studyDate == null ? null : studyDate.toDicom());
        append(sb, "ModalitiesInStudy", modalities.isEmpty() ? null : String.join("\\", modalities));
        append(sb, "AccessionNumber", accessionNumber);
        append(sb, "StudyInstanceUID", studyInstanceUids.isEmpty() ? null : String.join("\\", studyInstanceUids));
        return sb.append(']').toString();
    }

    private static void append(StringBuilder sb, String keyword, String value) {
        if (value != null) {
            sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ").append(keyword).append('=').append(value);
        }
    }

    private static void set(DataSet keys, int tag, VR vr, String value) {
        if (value != null) {
            keys.setString(tag, vr, value);
        }
    }

    /** The value, or null for "no condition"; refused (IllegalArgumentException) if the VR cannot hold it. */
    private static String checked(int tag, VR vr, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        check(tag, vr, List.of(value));
        return value;
    }

    private static void check(int tag, VR vr, List<String> values) {
        if (!values.isEmpty()) {
            new DataSet().setString(tag, vr, values.toArray(String[]::new));
        }
    }

    private static List<String> values(String... values) {
        if (values == null) {
            return List.of();
        }
        return java.util.Arrays.stream(values).filter(v -> v != null && !v.isEmpty()).toList();
    }

    private static boolean isAscii(String s) {
        return s == null || s.chars().allMatch(c -> c < 0x80);
    }
}
