package org.dicomflow.anonymizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UIDDictionary;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.WrongVRException;

/**
 * What an anonymized data set may still give away: values equal to or containing an identifying value of the
 * original (anywhere: sequences, private elements, free text), and the risk that the pixels carry burned-in text,
 * which no attribute rule removes.
 */
public record VerificationReport(List<RemainingIdentifier> remainingIdentifiers, List<String> burnedInTextRisks) {

    /** An element of the anonymized data set ({@code path} as in {@link DataSetDiff}) holding an identifying value. */
    public record RemainingIdentifier(String path, String keyword, String value, String source, String identifyingValue) {
    }

    /** Private and unknown values are read as text up to this size; longer ones are images or tables, not names. */
    private static final int MAX_BINARY_SCAN = 64 * 1024;

    /** Modalities whose images commonly have text in the pixels (PS3.3 C.7.3.1.1.1 terms). */
    private static final Set<String> BURNED_IN_MODALITIES = Set.of("US", "SC", "XC", "ES", "OT", "DOC", "GM");
    private static final String[] BURNED_IN_SOP_CLASS_WORDS = { "Secondary Capture", "Ultrasound", "Endoscopic",
            "Photographic", "Video", "Encapsulated PDF" };

    public VerificationReport {
        remainingIdentifiers = List.copyOf(remainingIdentifiers);
        burnedInTextRisks = List.copyOf(burnedInTextRisks);
    }

    public boolean isClean() {
        return remainingIdentifiers.isEmpty() && burnedInTextRisks.isEmpty();
    }

    /** Compares {@code anonymized} with the identifying values of {@code original}. */
    public static VerificationReport verify(DataSet original, DataSet anonymized) {
        return verify(IdentifyingValues.of(original), anonymized);
    }

    /**
     * Looks for {@code identifying} (collected from the original before it was anonymized) in {@code anonymized}:
     * the original itself is not needed, so an anonymizer working in place needs no copy for this.
     */
    public static VerificationReport verify(IdentifyingValues identifying, DataSet anonymized) {
        List<RemainingIdentifier> found = new ArrayList<>();
        scan(anonymized, "", identifying, found);
        return new VerificationReport(found, burnedInTextRisks(anonymized));
    }

    private static void scan(DataSet ds, String prefix, IdentifyingValues identifying, List<RemainingIdentifier> out) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            Object value = ds.valueAt(i);
            if (value instanceof Sequence s) {
                String path = prefix + Tag.toString(tag);
                for (int k = 0; k < s.size(); k++) {
                    scan(s.get(k), path + "[" + k + "].", identifying, out);
                }
                continue;
            }
            String text = textOf(ds, i);
            IdentifyingValues.Identifier id = identifying.findIn(text);
            if (id != null) {
                // the path is built only here: almost every element of an anonymized file has nothing to report
                out.add(new RemainingIdentifier(prefix + Tag.toString(tag), keywordOf(ds, tag), text, id.source(),
                        id.value()));
            }
        }
    }

    /** The element's text: decoded strings, or binary private/unknown values read as Latin-1 (names hide there). */
    private static String textOf(DataSet ds, int index) {
        VR vr = ds.vrAt(index);
        Object value = ds.valueAt(index);
        int tag = ds.tagAt(index);
        if (value == null || vr == VR.UI || tag == Tag.PixelData) {
            return null; // UIDs are digits and dots: every number in them would be a false alarm
        }
        if (vr.isString()) {
            try {
                return String.join("\\", ds.getStrings(tag));
            } catch (WrongVRException e) {
                return null;
            }
        }
        if (value instanceof byte[] b && (vr == VR.UN || vr == VR.OB || Tag.isPrivate(tag))) {
            return new String(b, 0, Math.min(b.length, MAX_BINARY_SCAN), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    static String keywordOf(DataSet ds, int tag) {
        if (Tag.isPrivate(tag)) {
            String creator = ds.privateCreatorOf(tag);
            return creator == null ? "private" : "private (" + creator + ")";
        }
        String k = ElementDictionary.keywordOf(tag);
        return k == null ? "" : k;
    }

    private static List<String> burnedInTextRisks(DataSet ds) {
        List<String> risks = new ArrayList<>();
        if ("YES".equalsIgnoreCase(ds.getString(Tag.BurnedInAnnotation, "").strip())) {
            risks.add("Burned In Annotation is YES");
        }
        String modality = ds.getString(Tag.Modality, "").strip().toUpperCase(Locale.ROOT);
        if (BURNED_IN_MODALITIES.contains(modality)) {
            risks.add("modality " + modality + " often has text in the pixels");
        }
        String sopClass = ds.getString(Tag.SOPClassUID);
        String name = sopClass == null ? null : UIDDictionary.nameOf(sopClass);
        if (name != null) {
            for (String word : BURNED_IN_SOP_CLASS_WORDS) {
                if (name.contains(word)) {
                    risks.add("SOP class " + name + " often has text in the pixels");
                    break;
                }
            }
        }
        return risks;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (isClean()) {
            sb.append("no identifying value found; no burned-in text risk\n");
        }
        for (RemainingIdentifier r : remainingIdentifiers) {
            sb.append("remaining ").append(r.source()).append(" \"").append(r.identifyingValue()).append("\" in ")
                    .append(r.path()).append(' ').append(r.keyword()).append(": ").append(r.value()).append('\n');
        }
        for (String risk : burnedInTextRisks) {
            sb.append("burned-in text risk: ").append(risk).append('\n');
        }
        return sb.toString();
    }
}
