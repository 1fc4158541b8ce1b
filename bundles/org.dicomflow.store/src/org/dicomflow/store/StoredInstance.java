package org.dicomflow.store;

import java.nio.file.Path;

import org.dicomflow.dicom.DataSet;

/**
 * An instance that was just stored: its file is durable and its index row committed. Given to the
 * archive's listeners before the sender gets its success response.
 *
 * @param path           the instance's file in the archive (absolute)
 * @param size           the file's size in bytes
 * @param callingAeTitle who sent it (the peer of the association)
 * @param attributes     the data set's elements before group 0021 (patient, study, series and instance
 *                       attributes; no pixel data), shared by all listeners: read it, do not change it
 */
public record StoredInstance(Path path, long size, String transferSyntaxUid, String sopClassUid,
        String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String patientId,
        String patientName, String callingAeTitle, DataSet attributes) {
}
