package org.dicomflow.net;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.PersonName;
import org.dicomflow.dicom.Tag;

/**
 * One study found by a STUDY-level C-FIND, with the values a study list shows. A value the peer did not
 * return, returned empty or returned malformed is null (an empty list for the modalities); whatever the peer
 * sent, including such values as they came and keys not listed here, is in {@link #dataSet()}.
 *
 * <pre>{@code
 * try (FindResponses found = association.find(StudyQuery.all().withPatientName("DOE*"))) {
 *     for (StudyResult study : found.studies()) {
 *         System.out.println(study.studyDate() + " " + study.patientName() + " " + study.modalitiesInStudy());
 *     }
 * }
 * }</pre>
 *
 * @param numberOfStudyRelatedSeries    null when absent: many peers (dcmqrscp among them) do not count
 * @param numberOfStudyRelatedInstances null when absent
 * @param dataSet                       the match as received
 */
public record StudyResult(PersonName patientName, String patientId, LocalDate patientBirthDate, String patientSex,
        String studyInstanceUid, LocalDate studyDate, LocalTime studyTime, String studyDescription,
        String accessionNumber, List<String> modalitiesInStudy, Integer numberOfStudyRelatedSeries,
        Integer numberOfStudyRelatedInstances, DataSet dataSet) {

    public StudyResult {
        modalitiesInStudy = modalitiesInStudy == null ? List.of() : List.copyOf(modalitiesInStudy);
    }

    /** The typed view of one match; never throws for the values it reads. */
    public static StudyResult of(DataSet match) {
        return new StudyResult(MatchValues.personName(match, Tag.PatientName), MatchValues.string(match, Tag.PatientID),
                MatchValues.date(match, Tag.PatientBirthDate), MatchValues.string(match, Tag.PatientSex),
                MatchValues.string(match, Tag.StudyInstanceUID), MatchValues.date(match, Tag.StudyDate),
                MatchValues.time(match, Tag.StudyTime), MatchValues.string(match, Tag.StudyDescription),
                MatchValues.string(match, Tag.AccessionNumber), MatchValues.strings(match, Tag.ModalitiesInStudy),
                MatchValues.integer(match, Tag.NumberOfStudyRelatedSeries),
                MatchValues.integer(match, Tag.NumberOfStudyRelatedInstances), match);
    }

    /** e.g. "2001-01-01 Doe^Peter (98890234) [CT] 1.3.6.1...". */
    @Override
    public String toString() {
        return studyDate + " " + patientName + " (" + patientId + ") " + modalitiesInStudy + " " + studyInstanceUid;
    }
}
