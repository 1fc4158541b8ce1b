package org.dicomflow.dicom;

/** A value was asked for as a type its VR cannot provide (a number from a PN, a date from a CS, ...). */
public class WrongVRException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WrongVRException(int tag, VR vr, String wanted) {
        super(Tag.toString(tag) + " " + keyword(tag) + "is " + vr + ", which has no " + wanted + " value");
    }

    private static String keyword(int tag) {
        String k = ElementDictionary.keywordOf(tag);
        return k.isEmpty() ? "" : k + " ";
    }
}
