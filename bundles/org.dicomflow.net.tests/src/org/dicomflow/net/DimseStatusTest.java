package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dicomflow.net.DimseStatus.Category;
import org.junit.jupiter.api.Test;

class DimseStatusTest {
    @Test
    void categories() {
        assertEquals(Category.SUCCESS, DimseStatus.of(0x0000).category());
        assertEquals(Category.PENDING, DimseStatus.of(0xFF01).category());
        assertEquals(Category.CANCEL, DimseStatus.of(0xFE00).category());
        assertEquals(Category.WARNING, DimseStatus.of(0xB123).category());
        assertEquals(Category.WARNING, DimseStatus.of(0x0001).category());
        assertEquals(Category.FAILURE, DimseStatus.of(0xA801).category());
        assertEquals(Category.FAILURE, DimseStatus.of(0xC123).category());
    }

    @Test
    void textShowsHexAndMeaning() {
        assertEquals("0x0000 Success", DimseStatus.SUCCESS.toString());
        assertEquals("0xA801 Refused: move destination unknown", DimseStatus.of(0xA801).toString());
        assertEquals("0xC123 Failure", DimseStatus.of(0xC123).toString());
        assertEquals(DimseStatus.SUCCESS, DimseStatus.of(0));
    }
}
