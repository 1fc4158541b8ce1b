package org.dicomflow.dicom.io;

import java.util.List;

/**
 * One element as both we and dcmdump list it: where it sits (path of sequence items), its VR, its values
 * as text (null when only the length is compared: binary and bulk values), its length in bytes (-1 when not
 * comparable: sequences, undefined lengths) and the number of items or fragments.
 */
record ElementRow(String path, String vr, List<String> values, long length, int children) {
}
