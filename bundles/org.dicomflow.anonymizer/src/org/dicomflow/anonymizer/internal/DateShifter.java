package org.dicomflow.anonymizer.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.VR;

/**
 * Moves DA and DT values by a whole number of days (Retain Longitudinal Temporal Information with Modified Dates):
 * intervals between any two dates of a patient stay exact. Times (TM) are not moved: a day shift leaves them true
 * and harmless. A value that is not a full date (a year alone, garbage) cannot be moved exactly and is dropped.
 */
final class DateShifter {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final int days;

    DateShifter(int days) {
        this.days = days;
    }

    /** Shifted values (ranges "a-b" in DA keep their form); values that cannot be shifted are left out. */
    String[] shift(String[] values, VR vr) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            String s = vr == VR.DA ? shiftDateOrRange(v.strip()) : shiftDateTime(v.strip());
            if (s != null) {
                out.add(s);
            }
        }
        return out.toArray(new String[0]);
    }

    private String shiftDateOrRange(String v) {
        int dash = v.indexOf('-');
        if (dash < 0) {
            return shiftDate(v);
        }
        String from = v.substring(0, dash).isEmpty() ? "" : shiftDate(v.substring(0, dash));
        String to = v.substring(dash + 1).isEmpty() ? "" : shiftDate(v.substring(dash + 1));
        return from == null || to == null ? null : from + "-" + to;
    }

    private String shiftDate(String v) {
        if (v.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(v, BASIC).plusDays(days).format(BASIC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private String shiftDateTime(String v) {
        if (v.length() < 8) {
            return null;
        }
        String date = shiftDate(v.substring(0, 8));
        return date == null ? null : date + v.substring(8);
    }
}
