package org.dicomflow.anonymizer.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.dicomflow.anonymizer.AnonymizationContext;
import org.dicomflow.anonymizer.Anonymizer;
import org.dicomflow.anonymizer.IdentifyingValues;
import org.dicomflow.anonymizer.ProfileOption;
import org.dicomflow.anonymizer.Pseudonym;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in anonymizer: the PS3.15 Annex E Basic Application Level Confidentiality Profile with every option
 * the attribute table drives, applied as Table E.1-1 says (see {@link ProfileApplier} and {@link Action#resolve}),
 * with keyed pseudonyms from the {@link AnonymizationContext}. Registered as an {@link Anonymizer} service.
 */
@Component(service = Anonymizer.class, property = "anonymizer.id=annex-e")
public final class AnnexEAnonymizer implements Anonymizer {

    public static final String ID = "annex-e";

    private final ProfileTable table;

    public AnnexEAnonymizer() {
        this(null);
    }

    /** With a table other than the standard's (tests); null for the standard's, loaded on first use. */
    AnnexEAnonymizer(ProfileTable table) {
        this.table = table;
    }

    private ProfileTable table() {
        return table != null ? table : ProfileTable.standard();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "DICOM PS3.15 Annex E";
    }

    @Override
    public String description() {
        return "Basic Application Level Confidentiality Profile with its options, driven by the standard's table"
                + " E.1-1; UIDs, Patient ID/Name and dates pseudonymized with the project key.";
    }

    @Override
    public Set<ProfileOption> supportedOptions() {
        return EnumSet.allOf(ProfileOption.class);
    }

    @Override
    public void anonymize(DataSet ds, AnonymizationContext context) {
        String originalPatientId = ds.getString(Tag.PatientID, "");
        IdentifyingValues identifying = IdentifyingValues.of(ds);
        new ProfileApplier(table(), context, identifying, context.dateShiftDays(originalPatientId)).apply(ds);

        Pseudonym pseudonym = context.pseudonymFor(originalPatientId);
        ds.setString(Tag.PatientID, VR.LO, pseudonym.patientId());
        ds.setString(Tag.PatientName, VR.PN, pseudonym.patientName());
        recordMethod(ds, context.options());
    }

    /** PS3.15 E.1.1: what was done, in the attributes the standard provides for it. */
    static void recordMethod(DataSet ds, Set<ProfileOption> options) {
        ds.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
        List<String> meanings = new ArrayList<>();
        meanings.add(ProfileOption.BASIC_PROFILE_MEANING);
        Sequence codes = ds.newSequence(Tag.DeidentificationMethodCodeSequence, options.size() + 1);
        addCode(codes, ProfileOption.BASIC_PROFILE_CODE, ProfileOption.BASIC_PROFILE_MEANING);
        for (ProfileOption o : ProfileOption.values()) { // enum order: the same list for the same options
            if (!options.contains(o)) {
                continue;
            }
            meanings.add(o.codeMeaning());
            addCode(codes, o.codeValue(), o.codeMeaning());
        }
        ds.setString(Tag.DeidentificationMethod, VR.LO, meanings.toArray(new String[0]));
        String temporal = options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "MODIFIED"
                : options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED" : "REMOVED";
        ds.setString(Tag.LongitudinalTemporalInformationModified, VR.CS, temporal);
    }

    private static void addCode(Sequence codes, String value, String meaning) {
        DataSet item = codes.addItem();
        item.setString(Tag.CodeValue, VR.SH, value);
        item.setString(Tag.CodingSchemeDesignator, VR.SH, ProfileOption.CODING_SCHEME);
        item.setString(Tag.CodeMeaning, VR.LO, meaning);
    }
}
