package org.dicomflow.store;

import org.dicomflow.dicom.UID;

/** The Query/Retrieve information models the archive answers (PS3.4 C.6). */
public enum InformationModel {
    /** PATIENT - STUDY - SERIES - IMAGE. */
    PATIENT_ROOT,
    /** STUDY (with the patient's attributes) - SERIES - IMAGE. */
    STUDY_ROOT;

    /** The model of a Q/R FIND, MOVE or GET SOP class; null for any other class. */
    public static InformationModel ofSopClass(String sopClassUid) {
        if (UID.PatientRootQueryRetrieveInformationModelFind.equals(sopClassUid)
                || UID.PatientRootQueryRetrieveInformationModelMove.equals(sopClassUid)
                || UID.PatientRootQueryRetrieveInformationModelGet.equals(sopClassUid)) {
            return PATIENT_ROOT;
        }
        if (UID.StudyRootQueryRetrieveInformationModelFind.equals(sopClassUid)
                || UID.StudyRootQueryRetrieveInformationModelMove.equals(sopClassUid)
                || UID.StudyRootQueryRetrieveInformationModelGet.equals(sopClassUid)) {
            return STUDY_ROOT;
        }
        return null;
    }
}
