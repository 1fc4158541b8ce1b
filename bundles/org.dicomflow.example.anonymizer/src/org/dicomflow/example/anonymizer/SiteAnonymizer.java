package org.dicomflow.example.anonymizer;

import java.util.Set;

import org.dicomflow.anonymizer.AnonymizationContext;
import org.dicomflow.anonymizer.Anonymizer;
import org.dicomflow.anonymizer.ProfileOption;
import org.dicomflow.dicom.DataSet;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * An example of a site's own anonymizer, installed by dropping this bundle into extensions/: the built-in Annex E
 * profile, except that the acquisition parameters a research group needs from a vendor's private block (here GE's
 * GEMS_ACQU_01, which holds no patient data) survive. It builds on the built-in profile through its service, as a
 * site's rules usually are "the standard, plus ...".
 */
@Component(service = Anonymizer.class, property = "anonymizer.id=example-site")
public class SiteAnonymizer implements Anonymizer {

    /** The private block kept: acquisition geometry and timing only. */
    static final String KEPT_CREATOR = "GEMS_ACQU_01";
    private static final int GROUP = 0x0019;

    @Reference(target = "(anonymizer.id=annex-e)")
    private Anonymizer basicProfile;

    @Override
    public String id() {
        return "example-site";
    }

    @Override
    public String displayName() {
        return "Example site profile";
    }

    @Override
    public String description() {
        return "PS3.15 Annex E, keeping the " + KEPT_CREATOR + " private block (example extension)";
    }

    @Override
    public Set<ProfileOption> supportedOptions() {
        return basicProfile.supportedOptions();
    }

    @Override
    public void anonymize(DataSet ds, AnonymizationContext context) {
        int creatorTag = -1;
        DataSet kept = new DataSet();
        int block = ds.privateTag(KEPT_CREATOR, GROUP, 0, false);
        if (block != -1) {
            creatorTag = GROUP << 16 | (block >>> 8 & 0xFF);
            for (int i = 0; i < ds.size(); i++) {
                int tag = ds.tagAt(i);
                if (tag >>> 16 == GROUP && (tag & 0xFF00) == (block & 0xFF00)) {
                    kept.put(tag, ds.vrAt(i), ds.valueAt(i));
                }
            }
        }
        basicProfile.anonymize(ds, context);
        if (creatorTag != -1) {
            ds.setString(creatorTag, org.dicomflow.dicom.VR.LO, KEPT_CREATOR);
            for (int i = 0; i < kept.size(); i++) {
                ds.put(kept.tagAt(i), kept.vrAt(i), kept.valueAt(i));
            }
        }
    }
}
