package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option alone (and none) over a data set holding every text attribute the table lists, against the action
 * the test itself reads from the table: the option's cell when it has one, else the Basic Profile's.
 */
class OptionMatrixTest {

    /** Set after the table by PS3.15 E.1.1 or from the pseudonym. */
    private static final Set<Integer> SET_AFTERWARDS = Set.of(Tag.PatientID, Tag.PatientName,
            Tag.PatientIdentityRemoved, Tag.DeidentificationMethod, Tag.DeidentificationMethodCodeSequence,
            Tag.LongitudinalTemporalInformationModified, Tag.SpecificCharacterSet);

    static Stream<Arguments> options() {
        List<Arguments> args = new ArrayList<>();
        args.add(Arguments.of((Object) null));
        for (ProfileOption o : ProfileOption.values()) {
            args.add(Arguments.of(o));
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("options")
    void actionsFollowTheTable(ProfileOption option) throws Exception {
        DataSet ds = new DataSet();
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> row : TestData.profileRows()) {
            int tag = TestData.exactTag((String) row.get("tag"));
            // group 0002 is file meta information: the writer rebuilds it from the anonymized data set
            if (tag == -1 || SET_AFTERWARDS.contains(tag) || Tag.group(tag) == 0x0002) {
                continue;
            }
            VR vr = ElementDictionary.vrOf(tag);
            String value = sample(vr, n++);
            if (value != null) {
                ds.put(tag, vr, value);
                rows.add(row);
            }
        }
        DataSet original = ds.copy();
        AnonymizationContext ctx = option == null ? TestData.context() : TestData.context(option);
        new AnnexEAnonymizer().anonymize(ds, ctx);

        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            int tag = TestData.exactTag((String) row.get("tag"));
            Object cell = option == null ? null : row.get(option.tableColumn());
            String action = TestData.resolved(cell != null ? (String) cell : (String) row.get("basicProfile"));
            VR vr = original.vrOf(tag);
            String before = original.getString(tag);
            String after = ds.contains(tag) ? ds.getString(tag) : "<absent>";
            boolean ok = switch (action) {
            case "K" -> before.equals(after);
            case "X" -> !ds.contains(tag);
            case "Z" -> ds.contains(tag) && ds.value(tag) == null;
            case "D" -> ds.contains(tag) && after != null && !after.equals(before);
            case "U" -> after != null && after.startsWith("2.25.");
            case "C" -> cleaned(vr, before, after, ctx);
            default -> false;
            };
            if (!ok) {
                wrong.add(Tag.toString(tag) + " " + row.get("name") + " " + action + ": " + before + " -> " + after);
            }
        }
        assertTrue(wrong.isEmpty(), option + ": " + wrong.size() + " wrong: " + wrong);
    }

    /** C keeps the element with a value of the same kind: dates shifted or kept per option, UIDs mapped, text kept. */
    private static boolean cleaned(VR vr, String before, String after, AnonymizationContext ctx) {
        if (after == null || after.equals("<absent>")) {
            return false;
        }
        if (vr == VR.DA || vr == VR.DT) {
            return ctx.has(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? !after.equals(before)
                    && after.length() == before.length() : true;
        }
        if (vr == VR.UI) {
            return ctx.has(ProfileOption.RETAIN_UIDS) ? after.equals(before) : after.startsWith("2.25.");
        }
        return after.length() == before.length();
    }

    private static String sample(VR vr, int n) {
        return switch (vr) {
        case AE -> "SAMPLEAE" + n % 10;
        case AS -> "045Y";
        case CS -> "SAMPLE" + n;
        case DA -> "20200115";
        case DS -> "12.5";
        case DT -> "20200115101010";
        case IS -> "42";
        case LO, LT, SH, ST, UC, UT -> "sample " + n;
        case PN -> "Sample" + n + "^Person";
        case TM -> "101010";
        case UI -> "1.2.3.4." + (n + 1);
        default -> null;
        };
    }
}
