package org.dicomflow.net;

import java.time.LocalDate;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.PersonName;
import org.dicomflow.dicom.Tag;

/**
 * One patient found by a PATIENT-level C-FIND (Patient Root). Absent, empty or malformed values are null; the
 * match as received is {@link #dataSet()}.
 */
public record PatientResult(PersonName patientName, String patientId, LocalDate patientBirthDate, String patientSex,
        Integer numberOfPatientRelatedStudies, DataSet dataSet) {

    /** The typed view of one match; never throws for the values it reads. */
    public static PatientResult of(DataSet match) {
        return new PatientResult(MatchValues.personName(match, Tag.PatientName),
                MatchValues.string(match, Tag.PatientID), MatchValues.date(match, Tag.PatientBirthDate),
                MatchValues.string(match, Tag.PatientSex),
                MatchValues.integer(match, Tag.NumberOfPatientRelatedStudies), match);
    }

    @Override
    public String toString() {
        return patientName + " (" + patientId + ")";
    }
}
