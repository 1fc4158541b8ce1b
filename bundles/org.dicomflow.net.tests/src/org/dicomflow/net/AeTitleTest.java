package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AeTitleTest {
    @Test
    void validTitles() {
        assertTrue(AeTitle.validate("DICOMFLOW").isEmpty());
        assertTrue(AeTitle.validate("  PACS 1  ").isEmpty());
        assertTrue(AeTitle.validate("ABCDEFGHIJKLMNOP").isEmpty());
        assertTrue(AeTitle.validate(" ABCDEFGHIJKLMNOP ").isEmpty(), "surrounding spaces do not count");
        assertEquals("PACS 1", AeTitle.normalize("  PACS 1 "));
    }

    @Test
    void invalidTitlesGetAReadableReason() {
        assertEquals("AE title is empty", AeTitle.validate("").orElseThrow());
        assertEquals("AE title is empty", AeTitle.validate(null).orElseThrow());
        assertEquals("AE title consists only of spaces", AeTitle.validate("    ").orElseThrow());
        assertTrue(AeTitle.validate("ABCDEFGHIJKLMNOPQ").orElseThrow().contains("17 characters"));
        assertTrue(AeTitle.validate("A\\B").orElseThrow().contains("backslash"));
        assertTrue(AeTitle.validate("A\tB").orElseThrow().contains("control character"));
        assertTrue(AeTitle.validate("AÉ").orElseThrow().contains("non-ASCII"));
        assertThrows(IllegalArgumentException.class, () -> new ApplicationEntity("A\\B"));
    }
}
