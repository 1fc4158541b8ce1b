package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class UIDDictionaryTest {

    @Test
    void everyRowOfTheRegistryIsFound() throws IOException {
        int rows = 0;
        for (String[] r : DictionarySources.rows("uids.tsv")) {
            assertEquals(r[2], UIDDictionary.nameOf(r[0]), r[0]);
            assertEquals(r[1], UIDDictionary.keywordOf(r[0]), r[0]);
            assertEquals(r[3], UIDDictionary.typeOf(r[0]), r[0]);
            assertEquals(r[4].equals("RET"), UIDDictionary.isRetired(r[0]), r[0]);
            if (!r[1].isEmpty()) {
                assertEquals(r[0], UIDDictionary.uidOf(r[1]), r[1]);
            }
            rows++;
        }
        assertEquals(rows, UIDDictionary.size());
    }

    @Test
    void knownUids() {
        assertEquals("Transfer Syntax", UIDDictionary.typeOf(UID.ExplicitVRLittleEndian));
        assertEquals("SOP Class", UIDDictionary.typeOf(UID.CTImageStorage));
        assertEquals("Application Context Name", UIDDictionary.typeOf(UID.DICOMApplicationContext));
        assertEquals("ImplicitVRLittleEndian", UIDDictionary.keywordOf("1.2.840.10008.1.2"));
        assertEquals(UID.DeflatedExplicitVRLittleEndian, UIDDictionary.uidOf("DeflatedExplicitVRLittleEndian"));
        assertFalse(UIDDictionary.isRetired(UID.Verification));
        assertTrue(UIDDictionary.isRetired(UID.ExplicitVRBigEndian), "retired since 2018");
        assertTrue(UIDDictionary.size() > 400);
    }

    @Test
    void unknownUids() {
        assertNull(UIDDictionary.nameOf("1.2.3"));
        assertNull(UIDDictionary.keywordOf("1.2.3"));
        assertNull(UIDDictionary.typeOf(null));
        assertNull(UIDDictionary.uidOf("NoSuchKeyword"));
        assertNull(UIDDictionary.uidOf(null));
        assertFalse(UIDDictionary.isRetired("1.2.3"));
    }
}
