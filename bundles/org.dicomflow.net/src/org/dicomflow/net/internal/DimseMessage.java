package org.dicomflow.net.internal;

import org.dicomflow.dicom.CommandSet;

/** A reassembled DIMSE message; {@code dataSet} is {@code null} when the command has none. */
record DimseMessage(int contextId, CommandSet command, byte[] dataSet) {
}
