package org.dicomflow.anonymizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.anonymizer.internal.AnnexEAnonymizer;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;

/**
 * Retain Safe Private (PS3.15 E.3.10) driven by the instance's own Private Data Element Characteristics Sequence
 * (0008,0300) (PS3.3 C.12.1). The expectations are the standard's rules: SAFE keeps the whole block, MIXED only its
 * Nonidentifying Private Elements, UNSAFE nothing; Deidentification Action D gives a non-empty value other than the
 * original, Z an empty one, X removes, U a UID consistent with the other replaced UIDs; a private creator stays
 * exactly when an element of its block stays; without the option no private element stays.
 *
 * <p>The blocks sit at block numbers other than the first on purpose: a declaration names a block by creator and
 * group, never by number.
 */
class SafePrivateCharacteristicsTest {

    private static final String STUDY_UID = "1.2.826.0.1.3680043.8.498.777";
    private static final String PATIENT = "Doe^Johnathan";

    /** Group 0019, block 12: declared SAFE. */
    private static final String SAFE = "SAFE VENDOR 1.0";
    /** Group 0019, block 13: declared MIXED, elements 01 and 03 nonidentifying. */
    private static final String MIXED = "MIXED VENDOR";
    /** Group 0029, block 10: declared UNSAFE, no actions. */
    private static final String UNSAFE = "UNSAFE VENDOR";
    /** Group 0029, block 11: declared UNSAFE with an action for elements 10-14. */
    private static final String ACTIONS = "ACTION VENDOR";
    /** Group 0031, block 10: not declared. */
    private static final String UNDECLARED = "UNDECLARED VENDOR";

    private static DataSet instance() {
        DataSet ds = new DataSet();
        ds.setString(Tag.PatientName, VR.PN, PATIENT);
        ds.setString(Tag.PatientID, VR.LO, "PID12345");
        ds.setString(Tag.StudyInstanceUID, VR.UI, STUDY_UID);
        ds.setString(Tag.Modality, VR.CS, "CT");

        ds.setString(0x00190012, VR.LO, SAFE);
        ds.setString(0x00191201, VR.DS, "1.375");
        ds.setString(0x00191202, VR.LO, "HELICAL");
        ds.setInt(0x00191203, VR.US, 512);

        ds.setString(0x00190013, VR.LO, MIXED);
        ds.setString(0x00191301, VR.DS, "0.75");
        ds.setString(0x00191302, VR.LO, "operator Smith");
        ds.setString(0x00191303, VR.SH, "KERNEL B30");

        ds.setString(0x00290010, VR.LO, UNSAFE);
        ds.setString(0x00291001, VR.LO, "room 5");
        ds.setString(0x00291002, VR.DS, "12");

        ds.setString(0x00290011, VR.LO, ACTIONS);
        ds.setString(0x00291110, VR.LO, "Johnathan Doe");
        ds.setString(0x00291111, VR.LO, "SERIAL 4711");
        ds.setString(0x00291112, VR.LO, "ward 3");
        ds.setString(0x00291113, VR.UI, STUDY_UID);
        ds.put(0x00291114, VR.UN, (STUDY_UID + "\0").getBytes(StandardCharsets.US_ASCII)); // implicit VR, no dictionary
        ds.setString(0x00291115, VR.LO, "not named in any action");

        ds.setString(0x00310010, VR.LO, UNDECLARED);
        ds.setString(0x00311001, VR.LO, "undeclared");

        declare(ds, 0x0019, SAFE, "SAFE", null);
        declare(ds, 0x0019, MIXED, "MIXED", new int[] { 0x01, 0x03 });
        declare(ds, 0x0029, UNSAFE, "UNSAFE", null);
        DataSet actions = declare(ds, 0x0029, ACTIONS, "UNSAFE", null);
        action(actions, "D", 0x10);
        action(actions, "Z", 0x11);
        action(actions, "X", 0x12);
        action(actions, "U", 0x13, 0x14);
        return ds;
    }

    /** A new item at the end of the sequence {@code tag} of {@code ds}, which is created if absent. */
    private static DataSet addItem(DataSet ds, int tag) {
        Sequence s = ds.getSequence(tag);
        return (s != null ? s : ds.newSequence(tag, 4)).addItem();
    }

    /** Adds an item to (0008,0300) of {@code ds}. */
    private static DataSet declare(DataSet ds, int group, String creator, String status, int[] nonidentifying) {
        DataSet item = addItem(ds, Tag.PrivateDataElementCharacteristicsSequence);
        item.setInt(Tag.PrivateGroupReference, VR.US, group);
        item.setString(Tag.PrivateCreatorReference, VR.LO, creator);
        item.setString(Tag.BlockIdentifyingInformationStatus, VR.CS, status);
        if (nonidentifying != null) {
            item.setInt(Tag.NonidentifyingPrivateElements, VR.US, nonidentifying);
        }
        return item;
    }

    private static void action(DataSet characteristicsItem, String action, int... offsets) {
        DataSet item = addItem(characteristicsItem, Tag.DeidentificationActionSequence);
        item.setInt(Tag.IdentifyingPrivateElements, VR.US, offsets);
        item.setString(Tag.DeidentificationAction, VR.CS, action);
    }

    private static AnonymizationContext retainSafePrivate() {
        return TestData.context(ProfileOption.RETAIN_SAFE_PRIVATE);
    }

    private static DataSet anonymized(DataSet ds, AnonymizationContext context) {
        new AnnexEAnonymizer().anonymize(ds, context);
        return ds;
    }

    /** The (group, creator) of every item left in (0008,0300) of {@code ds}. */
    private static List<String> declaredBlocks(DataSet ds) {
        List<String> blocks = new ArrayList<>();
        Sequence s = ds.getSequence(Tag.PrivateDataElementCharacteristicsSequence);
        if (s != null) {
            for (DataSet item : s) {
                blocks.add(String.format("%04X ", item.getInt(Tag.PrivateGroupReference, -1))
                        + item.getString(Tag.PrivateCreatorReference));
            }
        }
        return blocks;
    }

    private static List<String> privateTagsAnywhere(DataSet ds) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isPrivate(tag)) {
                found.add(Tag.toString(tag));
            }
            if (ds.valueAt(i) instanceof Sequence s) {
                for (DataSet item : s) {
                    found.addAll(privateTagsAnywhere(item));
                }
            }
        }
        return found;
    }

    @Test
    void safeBlockIsKeptWholeWithItsCreator() {
        DataSet original = instance();
        DataSet ds = anonymized(original.copy(), retainSafePrivate());
        assertEquals(SAFE, ds.getString(0x00190012));
        for (int tag : new int[] { 0x00191201, 0x00191202, 0x00191203 }) {
            assertEquals(original.getString(tag), ds.getString(tag), Tag.toString(tag));
        }
    }

    @Test
    void mixedBlockKeepsOnlyItsNonidentifyingElements() {
        DataSet ds = anonymized(instance(), retainSafePrivate());
        assertEquals(MIXED, ds.getString(0x00190013));
        assertEquals("0.75", ds.getString(0x00191301));
        assertFalse(ds.contains(0x00191302), "not listed in Nonidentifying Private Elements");
        assertEquals("KERNEL B30", ds.getString(0x00191303));
    }

    @Test
    void unsafeBlockWithoutActionsGoesWithItsCreator() {
        DataSet ds = anonymized(instance(), retainSafePrivate());
        assertFalse(ds.contains(0x00290010));
        assertFalse(ds.contains(0x00291001));
        assertFalse(ds.contains(0x00291002));
    }

    @Test
    void declaredDeidentificationActionsAreApplied() {
        DataSet original = instance();
        DataSet ds = anonymized(original.copy(), retainSafePrivate());
        assertEquals(ACTIONS, ds.getString(0x00290011), "the block keeps elements, so its creator stays");

        String dummy = ds.getString(0x00291110);
        assertNotNull(dummy, "D: a non-zero length value");
        assertNotEquals(original.getString(0x00291110), dummy);
        assertFalse(dummy.toUpperCase().contains("DOE"), dummy);

        assertTrue(ds.contains(0x00291111), "Z: the element stays");
        assertNull(ds.value(0x00291111), "Z: with a zero length value");

        assertFalse(ds.contains(0x00291112), "X: removed");
        assertFalse(ds.contains(0x00291115), "UNSAFE and named by no action: removed");

        // U: a UID, not the original, internally consistent: the same one the Study Instance UID was replaced by
        String newStudyUid = ds.getString(Tag.StudyInstanceUID);
        assertNotEquals(STUDY_UID, newStudyUid);
        assertEquals(newStudyUid, ds.getString(0x00291113));
        assertEquals(VR.UI, ds.vrOf(0x00291113));
        assertEquals(newStudyUid, ds.getString(0x00291114), "U on a UN value: read as the UID it is declared to be");
    }

    @Test
    void declaredUidReplacementIsTheSameForTheSameKeyAndDiffersForAnother() {
        DataSet a = anonymized(instance(), retainSafePrivate());
        DataSet b = anonymized(instance(), retainSafePrivate());
        DataSet other = anonymized(instance(), AnonymizationContext.builder(TestData.OTHER_KEY)
                .option(ProfileOption.RETAIN_SAFE_PRIVATE).build());
        assertEquals(a.getString(0x00291113), b.getString(0x00291113));
        assertNotEquals(a.getString(0x00291113), other.getString(0x00291113));
    }

    @Test
    void declaredUidIsKeptUnderRetainUids() {
        DataSet ds = anonymized(instance(),
                TestData.context(ProfileOption.RETAIN_SAFE_PRIVATE, ProfileOption.RETAIN_UIDS));
        assertEquals(STUDY_UID, ds.getString(Tag.StudyInstanceUID));
        assertEquals(STUDY_UID, ds.getString(0x00291113));
    }

    @Test
    void blockWithoutCharacteristicsIsRemoved() {
        DataSet ds = anonymized(instance(), retainSafePrivate());
        assertFalse(ds.contains(0x00310010));
        assertFalse(ds.contains(0x00311001));
    }

    @Test
    void withoutTheOptionNoPrivateElementIsLeft() {
        DataSet ds = instance();
        nestedItem(ds);
        anonymized(ds, TestData.context());
        assertEquals(List.of(), privateTagsAnywhere(ds));
        assertFalse(ds.contains(Tag.PrivateDataElementCharacteristicsSequence),
                "no block left for the characteristics to describe");
    }

    @Test
    void characteristicsDescribeOnlyTheBlocksLeft() {
        DataSet ds = anonymized(instance(), retainSafePrivate());
        assertEquals(List.of("0019 " + SAFE, "0019 " + MIXED, "0029 " + ACTIONS), declaredBlocks(ds));
    }

    @Test
    void siteDeclaredElementsAreStillKeptButNeverOverADeclaredAction() {
        AnonymizationContext ctx = AnonymizationContext.builder(TestData.KEY).option(ProfileOption.RETAIN_SAFE_PRIVATE)
                .safePrivate(UNSAFE, 0x0029, 0x02).safePrivate(UNDECLARED, 0x0031, 0x01)
                .safePrivate(ACTIONS, 0x0029, 0x12).build();
        DataSet ds = anonymized(instance(), ctx);
        assertEquals("12", ds.getString(0x00291002), "site-declared, in a block declared UNSAFE without an action");
        assertEquals(UNSAFE, ds.getString(0x00290010));
        assertFalse(ds.contains(0x00291001));
        assertEquals("undeclared", ds.getString(0x00311001), "site-declared, in a block the file does not declare");
        assertEquals(UNDECLARED, ds.getString(0x00310010));
        assertFalse(ds.contains(0x00291112), "the file's X wins over the site");
    }

    /**
     * A Per-frame Functional Groups item holding its own declaration (NESTED VENDOR SAFE, and SAFE VENDOR UNSAFE
     * there) and blocks of SAFE VENDOR, NESTED VENDOR and MIXED VENDOR; the top level also holds a NESTED VENDOR
     * block, which its own declarations do not cover.
     */
    private static DataSet nestedItem(DataSet ds) {
        ds.setString(0x00210010, VR.LO, "NESTED VENDOR");
        ds.setString(0x00211001, VR.LO, "top-level copy");
        DataSet item = ds.newSequence(Tag.PerFrameFunctionalGroupsSequence, 1).addItem();
        item.setString(0x00190010, VR.LO, SAFE);
        item.setString(0x00191001, VR.DS, "2.5");
        item.setString(0x00190011, VR.LO, MIXED);
        item.setString(0x00191101, VR.DS, "0.5");
        item.setString(0x00191102, VR.LO, "operator Smith");
        item.setString(0x00210011, VR.LO, "NESTED VENDOR");
        item.setString(0x00211101, VR.LO, "frame parameter");
        declare(item, 0x0021, "NESTED VENDOR", "SAFE", null);
        declare(item, 0x0019, SAFE, "UNSAFE", null);
        return item;
    }

    @Test
    void nestedItemFollowsItsOwnCharacteristicsAndInheritsTheOthers() {
        DataSet ds = instance();
        nestedItem(ds);
        anonymized(ds, retainSafePrivate());
        DataSet item = ds.getItem(Tag.PerFrameFunctionalGroupsSequence, 0);

        assertEquals("frame parameter", item.getString(0x00211101), "declared SAFE by the item itself");
        assertEquals("NESTED VENDOR", item.getString(0x00210011));
        assertFalse(item.contains(0x00191001), "the item declares SAFE VENDOR UNSAFE: its own declaration wins");
        assertFalse(item.contains(0x00190010));
        assertEquals("0.5", item.getString(0x00191101), "MIXED VENDOR as the top level declares it");
        assertFalse(item.contains(0x00191102));
        assertEquals(List.of("0021 NESTED VENDOR"), declaredBlocks(item));

        assertFalse(ds.contains(0x00211001), "the item's declaration does not hold for the top level");
        assertFalse(ds.contains(0x00210010));
        assertEquals("1.375", ds.getString(0x00191201), "the top level keeps its SAFE block");
    }

    @Test
    void keptPrivateSequenceHasItsItemsProcessed() {
        DataSet ds = instance();
        DataSet inner = ds.newSequence(0x00191204, 1).addItem(); // in the SAFE block
        inner.setString(Tag.PatientName, VR.PN, PATIENT);
        inner.setString(0x00310010, VR.LO, UNDECLARED);
        inner.setString(0x00311001, VR.LO, "undeclared in an item");
        inner.setString(0x00190010, VR.LO, SAFE);
        inner.setString(0x00191001, VR.DS, "3");
        anonymized(ds, retainSafePrivate());
        DataSet item = ds.getItem(0x00191204, 0);
        assertNotNull(item, "the sequence belongs to the SAFE block");
        assertNotEquals(PATIENT, item.getString(Tag.PatientName), "the profile's rule for Patient's Name");
        assertFalse(item.contains(0x00311001));
        assertFalse(item.contains(0x00310010));
        assertEquals("3", item.getString(0x00191001), "SAFE as the enclosing data set declares it");
    }

    @Test
    void unreadableOrDuplicateDeclarationsKeepNothing() {
        DataSet ds = instance();
        // each described twice, contradicting itself: once SAFE first, once SAFE last
        declare(ds, 0x0019, SAFE, "UNSAFE", null);
        declare(ds, 0x0029, UNSAFE, "SAFE", null);
        declare(ds, 0x0031, UNDECLARED, "PROBABLY", null);
        anonymized(ds, retainSafePrivate());
        assertFalse(ds.contains(0x00191201));
        assertFalse(ds.contains(0x00190012));
        assertFalse(ds.contains(0x00291001));
        assertFalse(ds.contains(0x00290010));
        assertFalse(ds.contains(0x00311001), "a status other than SAFE, UNSAFE or MIXED declares nothing safe");
    }

    @Test
    void privateElementsInsideAKeptSequenceAreRemovedWithoutTheOption() {
        // Retain UIDs gives Referenced Image Sequence K, which keeps the sequence with its items processed
        DataSet ds = instance();
        DataSet ref = ds.newSequence(Tag.ReferencedImageSequence, 1).addItem();
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.778");
        ref.setString(0x00190010, VR.LO, SAFE);
        ref.setString(0x00191001, VR.LO, "private in a kept sequence");
        anonymized(ds, TestData.context(ProfileOption.RETAIN_UIDS));
        assertEquals(List.of(), privateTagsAnywhere(ds));
        assertEquals("1.2.826.0.1.3680043.8.498.778", ds.getItem(Tag.ReferencedImageSequence, 0)
                .getString(Tag.ReferencedSOPInstanceUID));
    }

    @Test
    void verificationStillReportsAnIdentifyingValueInABlockDeclaredSafe() {
        // the report looks for the original's identifying values everywhere; a sender's SAFE is not proof
        DataSet original = instance();
        original.setString(0x00191205, VR.LO, "for Johnathan");
        DataSet ds = anonymized(original.copy(), retainSafePrivate());
        assertEquals("for Johnathan", ds.getString(0x00191205));
        List<VerificationReport.RemainingIdentifier> left = VerificationReport.verify(original, ds)
                .remainingIdentifiers();
        assertEquals(List.of("(0019,1205)"), left.stream().map(VerificationReport.RemainingIdentifier::path).toList(),
                left.toString());
    }
}
