package org.dicomflow.dicom;

/**
 * A private data element as a known private dictionary describes it: found by its creator (the value of
 * the private creator element that reserved its block) and its group and offset within the block.
 *
 * @param vr the element's VR (the first one where the dictionary allows several)
 * @param vm value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n")
 * @param name the dictionary's name for it (often just "Unknown")
 * @param retired whether the dictionary marks it retired
 */
public record PrivateEntry(VR vr, String vm, String name, boolean retired) {
}
