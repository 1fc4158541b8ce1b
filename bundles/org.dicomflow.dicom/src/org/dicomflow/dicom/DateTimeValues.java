package org.dicomflow.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * DA, TM and DT values (PS3.5 6.2): parsing with the partial forms the standard allows (TM "HH", "HHMM",
 * fractions; DT down to the year) and the old ACR-NEMA forms still found in files ("YYYY.MM.DD",
 * "HH:MM:SS"); formatting in the standard's form.
 */
final class DateTimeValues {

    private DateTimeValues() {
    }

    static LocalDate parseDate(String s) {
        String d = s.strip();
        if (d.length() == 10 && d.charAt(4) == '.' && d.charAt(7) == '.') {
            d = d.substring(0, 4) + d.substring(5, 7) + d.substring(8);
        }
        if (d.length() != 8 || !digits(d)) {
            throw new DateTimeException("'" + s + "' is not a DA value (YYYYMMDD)");
        }
        return LocalDate.of(num(d, 0, 4), num(d, 4, 6), num(d, 6, 8));
    }

    static LocalTime parseTime(String s) {
        String t = s.strip().replace(":", "");
        int dot = t.indexOf('.');
        String hms = dot < 0 ? t : t.substring(0, dot);
        if (hms.length() < 2 || hms.length() > 6 || hms.length() % 2 != 0 || !digits(hms)) {
            throw new DateTimeException("'" + s + "' is not a TM value (HHMMSS.FFFFFF)");
        }
        int h = num(hms, 0, 2);
        int m = hms.length() >= 4 ? num(hms, 2, 4) : 0;
        int sec = hms.length() == 6 ? num(hms, 4, 6) : 0;
        if (sec == 60) {
            sec = 59; // leap second, allowed by PS3.5; java.time has none
        }
        int nanos = 0;
        if (dot >= 0) {
            String f = t.substring(dot + 1);
            if (f.isEmpty() || f.length() > 6 || !digits(f)) {
                throw new DateTimeException("'" + s + "' has a bad fraction of a second");
            }
            nanos = Integer.parseInt((f + "000000000").substring(0, 9));
        }
        return LocalTime.of(h, m, sec, nanos);
    }

    /** DT "YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]": missing parts are their minimum. */
    static LocalDateTime parseDateTime(String s) {
        String v = stripOffset(s.strip());
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        if (main.length() < 4 || main.length() > 14 || main.length() % 2 != 0 || !digits(main)) {
            throw new DateTimeException("'" + s + "' is not a DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX)");
        }
        int year = num(main, 0, 4);
        int month = main.length() >= 6 ? num(main, 4, 6) : 1;
        int day = main.length() >= 8 ? num(main, 6, 8) : 1;
        LocalTime time = main.length() > 8 ? parseTime(main.substring(8) + (dot < 0 ? "" : v.substring(dot))) : LocalTime.MIDNIGHT;
        return LocalDateTime.of(LocalDate.of(year, month, day), time);
    }

    /** The UTC offset of a DT value ("&ZZXX" suffix), or null when it has none. */
    static ZoneOffset parseOffset(String s) {
        String v = s.strip();
        int sign = Math.max(v.lastIndexOf('+'), v.lastIndexOf('-'));
        if (sign < 4 || v.length() - sign != 5) {
            return null;
        }
        String z = v.substring(sign + 1);
        if (!digits(z)) {
            throw new DateTimeException("'" + s + "' has a bad UTC offset");
        }
        int seconds = (num(z, 0, 2) * 3600 + num(z, 2, 4) * 60) * (v.charAt(sign) == '-' ? -1 : 1);
        return ZoneOffset.ofTotalSeconds(seconds);
    }

    private static String stripOffset(String v) {
        int sign = Math.max(v.lastIndexOf('+'), v.lastIndexOf('-'));
        return sign >= 4 && v.length() - sign == 5 ? v.substring(0, sign) : v;
    }

    static String formatDate(LocalDate d) {
        return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    static String formatTime(LocalTime t) {
        String hms = String.format("%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? hms : hms + String.format(".%06d", micros);
    }

    static String formatDateTime(LocalDateTime dt, ZoneOffset offset) {
        String s = formatDate(dt.toLocalDate()) + formatTime(dt.toLocalTime());
        if (offset == null) {
            return s;
        }
        int total = offset.getTotalSeconds() / 60;
        return s + (total < 0 ? "-" : "+") + String.format("%02d%02d", Math.abs(total) / 60, Math.abs(total) % 60);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
