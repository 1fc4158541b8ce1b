package org.dicomflow.net;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.PersonName;

/**
 * Reads the values of a C-FIND match for the typed results. Peers answer with whatever their database holds
 * (old "YYYY.MM.DD" dates, "1980" as a birth date, text in a count), and one bad value must not cost the
 * caller the whole match: an absent, empty or malformed value is null here, and stays readable as it came in
 * the match's data set.
 */
final class MatchValues {

    private MatchValues() {
    }

    static String string(DataSet match, int tag) {
        try {
            return match.getString(tag);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** All values, empty ones left out; an empty list when absent or malformed. */
    static List<String> strings(DataSet match, int tag) {
        try {
            List<String> values = new ArrayList<>();
            for (String v : match.getStrings(tag)) {
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
            return List.copyOf(values);
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    static LocalDate date(DataSet match, int tag) {
        try {
            return match.getDate(tag);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    static LocalTime time(DataSet match, int tag) {
        try {
            return match.getTime(tag);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    static Integer integer(DataSet match, int tag) {
        try {
            int[] v = match.getInts(tag);
            return v.length == 0 ? null : v[0];
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    static PersonName personName(DataSet match, int tag) {
        try {
            return match.getPersonName(tag);
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
