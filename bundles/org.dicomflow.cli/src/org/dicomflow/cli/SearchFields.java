package org.dicomflow.cli;

import java.util.Locale;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.net.DateRange;
import org.dicomflow.net.StudyQuery;

/**
 * The search fields of a study list as options of {@code dicomflow find} ({@code --patient-name DOE*},
 * {@code --date 20200101-20201231}, ...): shortcuts for the matching keys, with the checks and the date notation of
 * {@link StudyQuery}. They match at STUDY level; the patient's name and ID also at PATIENT level.
 */
final class SearchFields {
    private StudyQuery query = StudyQuery.all();
    private String lastOption;
    private String studyOnlyOption;

    /** Takes {@code option} (and its value) if it is a search field; false if it is none. */
    boolean accept(String option, Arguments args) throws Arguments.UsageException {
        try {
            switch (option) {
            case "--patient-name" -> query = query.withPatientName(args.value(option));
            case "--patient-id" -> query = query.withPatientId(args.value(option));
            case "--date" -> query = query.withStudyDate(DateRange.parse(args.value(option)));
            case "--modality" -> query = query.withModalities(args.value(option).toUpperCase(Locale.ROOT).split("\\\\"));
            case "--accession" -> query = query.withAccessionNumber(args.value(option));
            default -> {
                return false;
            }
            }
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(option + ": " + e.getMessage());
        }
        lastOption = option;
        if (!option.startsWith("--patient-")) {
            studyOnlyOption = option;
        }
        return true;
    }

    void checkLevel(String level) throws Arguments.UsageException {
        if (studyOnlyOption != null && !level.equals("STUDY")) {
            throw new Arguments.UsageException(studyOnlyOption + " matches studies: use it with -L STUDY");
        }
        if (lastOption != null && !level.equals("STUDY") && !level.equals("PATIENT")) {
            throw new Arguments.UsageException(lastOption + " matches patients or studies: use it with -L STUDY or PATIENT");
        }
    }

    /** Sets the matching keys of the fields given in {@code keys}, over a return key of the same element. */
    void putInto(DataSet keys) {
        DataSet identifier = query.toIdentifier();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (tag != Tag.QueryRetrieveLevel && identifier.valueAt(i) != null) {
                keys.put(tag, identifier.vrAt(i), identifier.valueAt(i));
            }
        }
    }
}
