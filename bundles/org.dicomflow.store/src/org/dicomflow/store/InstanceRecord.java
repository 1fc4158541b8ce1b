package org.dicomflow.store;

import java.nio.file.Path;

/**
 * One instance as the index knows it: enough to list it and to send its file (C-MOVE, C-GET).
 *
 * @param path the instance's file in the archive (absolute)
 * @param size the file's size in bytes
 */
public record InstanceRecord(String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
        String instanceNumber, String seriesInstanceUid, String studyInstanceUid, Path path, long size) {
}
