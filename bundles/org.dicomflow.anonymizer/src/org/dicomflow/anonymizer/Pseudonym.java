package org.dicomflow.anonymizer;

/** What a patient is called after anonymization: the new Patient ID and Patient Name (PN text, e.g. "ANON^X7Q"). */
public record Pseudonym(String patientId, String patientName) {
}
