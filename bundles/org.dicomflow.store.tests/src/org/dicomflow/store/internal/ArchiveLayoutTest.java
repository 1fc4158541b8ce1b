package org.dicomflow.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveLayoutTest {
    @TempDir
    Path dir;

    @Test
    void onlyDigitsAndDotsInWholeComponentsNameFiles() {
        for (String good : new String[] { "1.2.3", "0.0.0.0.2.8811.20010413115754.12432", "1.2.840.0113", "1." + "2".repeat(62) }) {
            assertTrue(ArchiveLayout.isSafeUid(good), good);
        }
        for (String bad : new String[] { "", "..", "../x", "1.2/3", "1\\2", "1..2", ".1.2", "1.2.", "1.2.3 ", "1." + "2".repeat(63),
                "1.2.3\0", "x" }) {
            assertFalse(ArchiveLayout.isSafeUid(bad), bad);
        }
        assertFalse(ArchiveLayout.isSafeUid(null));
    }

    @Test
    void pathsStayInsideTheRoot() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir.resolve("archive"));
        Path root = layout.root();
        assertEquals(root.resolve("1.2/3.4/5.6.dcm"), layout.instanceFile("1.2", "3.4", "5.6"));
        assertEquals("1.2/3.4/5.6.dcm", layout.relative(layout.instanceFile("1.2", "3.4", "5.6")));
        assertThrows(IllegalArgumentException.class, () -> layout.instanceFile("..", "3.4", "5.6"));
        assertThrows(IllegalArgumentException.class, () -> layout.instanceFile("1.2", "3/4", "5.6"));
        assertThrows(IllegalArgumentException.class, () -> layout.resolve("../outside.dcm"));
        assertThrows(IllegalArgumentException.class, () -> layout.resolve("1.2/../../outside.dcm"));
        assertThrows(IllegalArgumentException.class, () -> layout.relative(dir.resolve("elsewhere.dcm")));
        layout.createDirectories(root.resolve("1.2/3.4"));
        assertTrue(Files.isDirectory(root.resolve("1.2/3.4")));
        assertTrue(Files.isDirectory(layout.incoming()));
    }

    @Test
    void wildcardsBecomeLikePatternsWithLiteralPercentAndUnderscore() {
        assertEquals("Doe^J%", FindQuery.likePattern("Doe^J*"));
        assertEquals("_a\\%b\\_c", FindQuery.likePattern("?a%b_c"));
    }
}
