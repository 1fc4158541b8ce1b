package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    /** Every row of the standard's data, read here independently of the generator, against the lookups. */
    @Test
    void everyStandardElementIsFoundAsTheDataSays() throws IOException {
        List<String[]> rows = DictionarySources.rows("elements.tsv");
        Set<Integer> exactTags = new HashSet<>();
        for (String[] r : rows) {
            if (!r[0].contains("X")) {
                exactTags.add(Integer.parseUnsignedInt(r[0].substring(1, 5) + r[0].substring(6, 10), 16));
            }
        }
        int checked = 0;
        for (String[] r : rows) {
            // A repeating row is checked at an instance with every x = 2, which keeps 50xx/60xx groups even.
            String digits = (r[0].substring(1, 5) + r[0].substring(6, 10)).replace('X', '2');
            int tag = Integer.parseUnsignedInt(digits, 16);
            if (r[0].contains("X") && exactTags.contains(tag)) {
                continue;
            }
            String where = r[0] + " " + r[3];
            List<VR> vrs = new ArrayList<>();
            if (!r[1].equals("NONE")) {
                for (String code : r[1].split(" or ")) {
                    vrs.add(VR.ofCode(code));
                }
            }
            assertEquals(vrs, ElementDictionary.vrsOf(tag), where);
            VR expectedVr = Tag.isGroupLength(tag) ? VR.UL : vrs.isEmpty() ? VR.UN : vrs.get(0);
            assertEquals(expectedVr, ElementDictionary.vrOf(tag), where);
            assertEquals(r[2], ElementDictionary.vmOf(tag), where);
            assertEquals(r[3], ElementDictionary.keywordOf(tag), where);
            assertEquals(r[4], ElementDictionary.nameOf(tag), where);
            assertEquals(r[5].equals("RET"), ElementDictionary.isRetired(tag), where);
            if (!r[3].isEmpty()) {
                int first = Integer.parseUnsignedInt((r[0].substring(1, 5) + r[0].substring(6, 10)).replace('X', '0'), 16);
                assertEquals(first, ElementDictionary.tagOf(r[3]), where);
            }
            checked++;
        }
        assertTrue(checked > 4900, checked + " rows checked");
    }

    @Test
    void hasTheWholeDictionary() {
        assertTrue(ElementDictionary.size() > 4000, ElementDictionary.size() + " entries");
    }

    @Test
    void repeatingGroupsAndElements() {
        assertEquals(VR.OB, ElementDictionary.vrOf(0x60023000));
        assertEquals(List.of(VR.OB, VR.OW), ElementDictionary.vrsOf(0x60023000));
        assertEquals("OverlayData", ElementDictionary.keywordOf(0x60023000));
        assertEquals("OverlayData", ElementDictionary.keywordOf(0x601E3000));
        assertEquals(VR.US, ElementDictionary.vrOf(0x60020010));
        assertEquals("OverlayRows", ElementDictionary.keywordOf(0x60020010));
        assertEquals("CurveDimensions", ElementDictionary.keywordOf(0x50100005));
        assertTrue(ElementDictionary.isRetired(0x50100005));
        assertEquals("CurveData", ElementDictionary.keywordOf(0x50103000));
        assertEquals("EscapeTriplet", ElementDictionary.keywordOf(0x10001230));
        assertEquals("ZonalMap", ElementDictionary.keywordOf(0x10101234));
        assertEquals("CoefficientCoding", ElementDictionary.keywordOf(0x00280452));
        assertEquals(Tag.OverlayData, ElementDictionary.tagOf("OverlayData"));
        // an odd 60xx group is private, not an overlay
        assertEquals(VR.UN, ElementDictionary.vrOf(0x60013000));
        assertEquals("", ElementDictionary.keywordOf(0x60013000));
    }

    @Test
    void commandGroup() {
        assertEquals(VR.UL, ElementDictionary.vrOf(Tag.CommandGroupLength));
        assertEquals(VR.UI, ElementDictionary.vrOf(Tag.AffectedSOPClassUID));
        assertEquals(VR.US, ElementDictionary.vrOf(Tag.CommandField));
        assertEquals(VR.AE, ElementDictionary.vrOf(Tag.MoveOriginatorApplicationEntityTitle));
        assertEquals(VR.AT, ElementDictionary.vrOf(Tag.OffendingElement));
        assertEquals(VR.LO, ElementDictionary.vrOf(Tag.ErrorComment));
        assertEquals("CommandField", ElementDictionary.keywordOf(0x00000100));
        assertEquals(0x00000100, ElementDictionary.tagOf("CommandField"));
    }

    @Test
    void rulesForElementsTheDictionaryDoesNotList() {
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00080000));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00090000), "private group length");
        assertEquals("Group Length", ElementDictionary.nameOf(0x00280000));
        assertEquals("1", ElementDictionary.vmOf(0x00280000));
        assertEquals(VR.LO, ElementDictionary.vrOf(0x00090010));
        assertEquals(VR.LO, ElementDictionary.vrOf(0x002900FF));
        assertEquals("Private Creator", ElementDictionary.nameOf(0x00290010));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x00291010));
        assertEquals("", ElementDictionary.keywordOf(0x00291010));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x0012FF00));
        assertEquals(List.of(VR.UN), ElementDictionary.vrsOf(0x0012FF00));
        assertEquals("", ElementDictionary.keywordOf(0x0012FF00));
        assertEquals("", ElementDictionary.nameOf(0x0012FF00));
        assertEquals("", ElementDictionary.vmOf(0x0012FF00));
        assertFalse(ElementDictionary.isRetired(0x0012FF00));
        assertEquals(-1, ElementDictionary.tagOf("NoSuchKeyword"));
        assertEquals(-1, ElementDictionary.tagOf(""));
    }

    @Test
    void itemsHaveNoVr() {
        assertEquals(List.of(), ElementDictionary.vrsOf(Tag.Item));
        assertEquals(VR.UN, ElementDictionary.vrOf(Tag.Item));
        assertEquals("SequenceDelimitationItem", ElementDictionary.keywordOf(0xFFFEE0DD));
    }

    @Test
    void retiredAndMultiVr() {
        assertTrue(ElementDictionary.isRetired(0x00080001));
        assertFalse(ElementDictionary.isRetired(Tag.PatientName));
        assertEquals(VR.US, ElementDictionary.vrOf(Tag.SmallestImagePixelValue));
        assertEquals(List.of(VR.US, VR.SS), ElementDictionary.vrsOf(Tag.SmallestImagePixelValue));
        assertEquals(List.of(VR.US, VR.SS, VR.OW), ElementDictionary.vrsOf(Tag.GrayLookupTableData));
        assertEquals(VR.OB, ElementDictionary.vrOf(Tag.PixelData));
        assertEquals("Patient's Name", ElementDictionary.nameOf(Tag.PatientName));
        assertEquals("2-n", ElementDictionary.vmOf(Tag.ImageType));
    }

    @Test
    void privateElementsByCreator() {
        PrivateEntry e = ElementDictionary.privateEntry("GEMS_ACQU_01", 0x00191002);
        assertNotNull(e);
        assertEquals(new PrivateEntry(VR.SL, "1", "Detector Channel", false), e);
        // the same element in another block the creator happened to get
        assertEquals(e, ElementDictionary.privateEntry("GEMS_ACQU_01", 0x00192302));
        assertEquals(e, ElementDictionary.privateEntry(" GEMS_ACQU_01 ", 0x00191002), "LO padding is insignificant");
        assertEquals(VR.OB, ElementDictionary.vrOf("SIEMENS CSA HEADER", 0x00291010));
        assertEquals("Original Study UID", ElementDictionary.privateEntry("A.L.I. Technologies, Inc.", 0x3711100C).name());
        assertEquals("Label", ElementDictionary.privateEntry("PAPYRUS 3.0", 0x600110A0).name(), "60xx private group");
        // CREATOR^bb: the block a creator reserved with (gggg,00bb)
        assertEquals(VR.SL, ElementDictionary.privateEntry("TOSHIBA_MEC_MR3", 0x00191102).vr());
        assertNull(ElementDictionary.privateEntry("GEMS_ACQU_01", 0x00191000), "offset 00 is not in its dictionary");
        assertNull(ElementDictionary.privateEntry("NO SUCH CREATOR", 0x00191002));
        assertNull(ElementDictionary.privateEntry("GEMS_ACQU_01", 0x00190010), "a creator is not a data element");
        assertNull(ElementDictionary.privateEntry("GEMS_ACQU_01", Tag.PatientName));
        assertNull(ElementDictionary.privateEntry(null, 0x00191002));
        assertEquals(VR.UN, ElementDictionary.vrOf("NO SUCH CREATOR", 0x00191002));
        assertEquals(VR.LO, ElementDictionary.vrOf("GEMS_ACQU_01", 0x00190010));
        assertEquals(VR.UL, ElementDictionary.vrOf("GEMS_ACQU_01", 0x00190000));
        assertEquals(VR.PN, ElementDictionary.vrOf("GEMS_ACQU_01", Tag.PatientName));
    }

    /** Every 50th row of the private dictionaries, read here independently of the generator. */
    @Test
    void sampleOfPrivateRows() throws IOException {
        List<String[]> rows = DictionarySources.rows("private-elements.tsv");
        int checked = 0;
        for (int i = 0; i < rows.size(); i += 50) {
            String[] r = rows.get(i);
            String tag = r[1].toUpperCase(java.util.Locale.ROOT);
            // instance in block 0x10 of group gggg (xx of a repeating group = 01, keeping it odd)
            String group = tag.substring(0, 4).replace("XX", "01");
            String element = tag.substring(4, 6);
            if (!element.equals("XX") && !element.equals("00") || tag.endsWith("XX")
                    || (Integer.parseInt(group, 16) & 1) == 0) {
                continue; // forms the generator drops (see dictionary/README.md)
            }
            int t = Integer.parseInt(group, 16) << 16 | 0x1000 | Integer.parseInt(tag.substring(6), 16);
            PrivateEntry e = ElementDictionary.privateEntry(r[0], t);
            assertNotNull(e, r[0] + " " + r[1]);
            assertEquals(VR.ofCode(r[2].split("_")[0]), e.vr(), r[0] + " " + r[1]);
            assertEquals(r[3], e.vm(), r[0] + " " + r[1]);
            assertEquals(r[4], e.name(), r[0] + " " + r[1]);
            checked++;
        }
        assertTrue(checked > 150, checked + " rows checked");
    }
}
