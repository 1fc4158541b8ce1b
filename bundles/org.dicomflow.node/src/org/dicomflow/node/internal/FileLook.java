package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What one stat call shows of a file the node follows; equal looks mean "not changed since". The modification
 * time, size and file key (inode) together notice in-place writes and editors or tools that save by renaming a
 * new file over the old one. {@code failure} is set when the attributes cannot be read for another reason than
 * the file's absence.
 */
record FileLook(Object fileKey, FileTime modified, long size, String failure) {
    static final FileLook ABSENT = new FileLook(null, null, -1, null);

    static FileLook of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileLook(a.fileKey(), a.lastModifiedTime(), a.size(), null);
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            return new FileLook(null, null, -1, e.toString());
        }
    }

    boolean absent() {
        return equals(ABSENT);
    }
}
