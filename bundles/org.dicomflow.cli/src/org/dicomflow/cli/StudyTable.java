package org.dicomflow.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.net.StudyResult;

/**
 * The studies found by {@code dicomflow find} as a table for a person, one row per match as it arrives: columns have
 * fixed widths (longer values are cut with "..."), so rows need not wait for the widest value. A value the peer sent
 * that is no valid date, time or number is shown as it came.
 */
final class StudyTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String FORMAT = "%-10s  %-8s  %-16s  %-24s  %-10s  %6s  %6s  %-16s  %-28s  %s";

    private final PrintStream out;

    StudyTable(PrintStream out) {
        this.out = out;
    }

    void header() {
        out.println(String.format(FORMAT, "DATE", "TIME", "PATIENT ID", "PATIENT NAME", "MODALITIES", "SERIES",
                "INST", "ACCESSION", "DESCRIPTION", "STUDY INSTANCE UID"));
    }

    void row(StudyResult study) {
        DataSet match = study.dataSet();
        out.println(String.format(FORMAT,
                study.studyDate() != null ? study.studyDate().toString() : cut(QueryKeys.text(match, Tag.StudyDate), 10),
                study.studyTime() != null ? study.studyTime().format(TIME) : cut(QueryKeys.text(match, Tag.StudyTime), 8),
                cut(text(study.patientId()), 16),
                cut(study.patientName() != null ? study.patientName().toString() : QueryKeys.text(match, Tag.PatientName), 24),
                cut(String.join("\\", study.modalitiesInStudy()), 10),
                count(study.numberOfStudyRelatedSeries(), match, Tag.NumberOfStudyRelatedSeries),
                count(study.numberOfStudyRelatedInstances(), match, Tag.NumberOfStudyRelatedInstances),
                cut(text(study.accessionNumber()), 16), cut(text(study.studyDescription()), 28),
                text(study.studyInstanceUid())));
    }

    private static String count(Integer n, DataSet match, int tag) {
        return n != null ? n.toString() : cut(QueryKeys.text(match, tag), 6);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
