package org.dicomflow.net;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * A range of days for C-FIND date matching (PS3.4 C.2.2.2.5), both ends included; either end may be open
 * (null), not both. In a query it is written as DICOM does: "20200101-20201231", "20200101-", "-20201231",
 * or one date when both ends are the same day.
 */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a date range needs at least one end (no range matches any date)");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("date range " + from + " to " + to + " ends before it starts");
        }
    }

    /** Exactly one day. */
    public static DateRange on(LocalDate day) {
        return new DateRange(day, day);
    }

    /** From {@code from} to {@code to}, both included. */
    public static DateRange between(LocalDate from, LocalDate to) {
        return new DateRange(from, to);
    }

    /** {@code day} and every day after it. */
    public static DateRange since(LocalDate day) {
        return new DateRange(day, null);
    }

    /** Every day up to and including {@code day}. */
    public static DateRange until(LocalDate day) {
        return new DateRange(null, day);
    }

    /**
     * Reads the DICOM form: "YYYYMMDD", "YYYYMMDD-YYYYMMDD", "YYYYMMDD-" or "-YYYYMMDD".
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static DateRange parse(String text) {
        String s = text.strip();
        int dash = s.indexOf('-');
        if (dash < 0) {
            return on(day(s, text));
        }
        if (s.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' has more than one '-'; a date range is FROM-TO");
        }
        String from = s.substring(0, dash);
        String to = s.substring(dash + 1);
        return new DateRange(from.isEmpty() ? null : day(from, text), to.isEmpty() ? null : day(to, text));
    }

    private static LocalDate day(String yyyymmdd, String text) {
        if (!yyyymmdd.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYYMMDD) or range (YYYYMMDD-YYYYMMDD)");
        }
        try {
            return LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + yyyymmdd + "'" + (yyyymmdd.equals(text.strip()) ? "" : " in '" + text + "'")
                    + " is no day of the calendar");
        }
    }

    /** True if {@code day} lies in the range; a study without a date lies in no range. */
    public boolean contains(LocalDate day) {
        return day != null && (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** The value of a DA matching key: one date, or a range with '-'. */
    public String toDicom() {
        if (from != null && from.equals(to)) {
            return format(from);
        }
        return (from == null ? "" : format(from)) + "-" + (to == null ? "" : format(to));
    }

    private static String format(LocalDate day) {
        return day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    @Override
    public String toString() {
        return toDicom();
    }
}
