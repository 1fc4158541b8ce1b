package org.dicomflow.anonymizer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.PersonName;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.WrongVRException;

/**
 * The values of an original data set that identify its patient or the people and places around the patient
 * (names and their components, IDs, birth date, accession number, institution, physicians, station, serial
 * number), collected anywhere in it including sequences. Used to clean free text (C) and to verify that nothing
 * of them is left after anonymizing.
 */
public final class IdentifyingValues {

    /** Shorter values ("M", "JO", "1") occur by chance in unrelated text. */
    public static final int MIN_LENGTH = 3;

    /** An identifying value and the attribute it came from. */
    public record Identifier(String source, String value) {
    }

    /** Sorted for a binary search: every element of every file is looked up here. */
    private static final int[] SOURCES = sorted(Tag.PatientName, Tag.PatientID, Tag.OtherPatientIDs,
            Tag.OtherPatientNames, Tag.PatientBirthDate, Tag.PatientBirthName, Tag.PatientMotherBirthName,
            Tag.PatientAddress, Tag.PatientTelephoneNumbers, Tag.MedicalRecordLocator, Tag.AccessionNumber,
            Tag.InstitutionName, Tag.InstitutionAddress, Tag.InstitutionalDepartmentName, Tag.ReferringPhysicianName,
            Tag.ReferringPhysicianAddress, Tag.PerformingPhysicianName, Tag.OperatorsName, Tag.PhysiciansOfRecord,
            Tag.NameOfPhysiciansReadingStudy, Tag.RequestingPhysician, Tag.ScheduledPerformingPhysicianName,
            Tag.PersonName, Tag.StationName, Tag.DeviceSerialNumber, Tag.StudyID, Tag.ResponsiblePerson,
            Tag.ContentCreatorName, Tag.VerifyingObserverName);
    /** The keyword of each of {@link #SOURCES}, looked up once rather than for every file. */
    private static final String[] SOURCE_KEYWORDS = new String[SOURCES.length];

    static {
        for (int i = 0; i < SOURCES.length; i++) {
            SOURCE_KEYWORDS[i] = ElementDictionary.keywordOf(SOURCES[i]);
        }
    }

    private final List<Identifier> identifiers;
    /** The identifiers' values upper-cased, and whether each is digits only: searched for in every value. */
    private final String[] needles;
    private final boolean[] digitsOnly;

    /** {@code byValue}: each identifier under its value upper-cased. */
    private IdentifyingValues(Map<String, Identifier> byValue) {
        this.identifiers = List.copyOf(byValue.values());
        this.needles = byValue.keySet().toArray(new String[0]);
        this.digitsOnly = new boolean[needles.length];
        for (int i = 0; i < needles.length; i++) {
            digitsOnly[i] = isDigits(needles[i]);
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int[] sorted(int... tags) {
        int[] copy = tags.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Collects from {@code original} and every item nested in it. */
    public static IdentifyingValues of(DataSet original) {
        Map<String, Identifier> byValue = new LinkedHashMap<>();
        collect(original, byValue);
        return new IdentifyingValues(byValue);
    }

    private static void collect(DataSet ds, Map<String, Identifier> out) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            int source;
            if (ds.valueAt(i) instanceof Sequence s) {
                for (DataSet item : s) {
                    collect(item, out);
                }
            } else if ((source = Arrays.binarySearch(SOURCES, tag)) >= 0) {
                String keyword = SOURCE_KEYWORDS[source];
                String[] values;
                try {
                    values = ds.getStrings(tag);
                } catch (WrongVRException e) {
                    continue;
                }
                for (String v : values) {
                    add(out, keyword, v);
                    if (ds.vrAt(i) == VR.PN) {
                        PersonName pn = PersonName.parse(v);
                        for (PersonName.Group g : new PersonName.Group[] { pn.alphabetic(), pn.ideographic(), pn.phonetic() }) {
                            if (g != null) {
                                add(out, keyword, g.family());
                                add(out, keyword, g.given());
                                add(out, keyword, g.middle());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void add(Map<String, Identifier> out, String source, String value) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        if (v.length() >= MIN_LENGTH) {
            out.putIfAbsent(v.toUpperCase(Locale.ROOT), new Identifier(source, v));
        }
    }

    public List<Identifier> identifiers() {
        return identifiers;
    }

    /** The first identifier found in {@code text} (case-insensitive; a number only as a whole number), or null. */
    public Identifier findIn(String text) {
        if (text == null || text.length() < MIN_LENGTH) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < needles.length; i++) {
            if (indexOf(upper, needles[i], digitsOnly[i], 0) >= 0) {
                return identifiers.get(i);
            }
        }
        return null;
    }

    /** {@code text} with every identifier found in it overwritten by X's of the same length (lengths stay valid). */
    public String mask(String text) {
        if (text == null || text.length() < MIN_LENGTH) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < needles.length; i++) {
            String needle = needles[i];
            for (int at = indexOf(upper, needle, digitsOnly[i], 0); at >= 0;
                    at = indexOf(upper, needle, digitsOnly[i], at + needle.length())) {
                for (int k = at; k < at + needle.length() && k < sb.length(); k++) {
                    sb.setCharAt(k, 'X');
                }
            }
        }
        return sb.toString();
    }

    /**
     * Where {@code needle} occurs in {@code haystack} from {@code from}. A needle of digits only must not be part of
     * a longer number: Patient ID "123" is not found in UID-like "1.2.840.1234".
     */
    private static int indexOf(String haystack, String needle, boolean digits, int from) {
        for (int at = haystack.indexOf(needle, from); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            if (!digits) {
                return at;
            }
            int end = at + needle.length();
            boolean digitBefore = at > 0 && Character.isDigit(haystack.charAt(at - 1));
            boolean digitAfter = end < haystack.length() && Character.isDigit(haystack.charAt(end));
            if (!digitBefore && !digitAfter) {
                return at;
            }
        }
        return -1;
    }
}
