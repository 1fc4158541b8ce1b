package org.dicomflow.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.io.DicomReader;

/**
 * Compares the data sets of two files by value, for objects that went through a peer that re-encodes what it
 * sends (dcmtk and Orthanc drop group lengths and the padding of empty values): string values as decoded
 * (trailing padding ignored), everything else byte for byte, group lengths and Data Set Trailing Padding
 * (FFFC,FFFC: meaningless by PS3.10, and dropped by dcmtk) ignored.
 */
public final class DataSetComparison {
    private DataSetComparison() {
    }

    /** The first difference between the data sets of two files, null if none. */
    public static String difference(Path original, Path received) throws IOException {
        DataSet a = withoutPadding(DicomReader.read(original));
        DataSet b = withoutPadding(DicomReader.read(received));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || a.tagAt(i) != b.tagAt(i)) {
                return "elements differ at index " + i + ": " + (i < a.size() ? Tag.toString(a.tagAt(i)) : "end")
                        + " vs " + (i < b.size() ? Tag.toString(b.tagAt(i)) : "end");
            }
            int tag = a.tagAt(i);
            boolean same;
            if (a.vrAt(i) != b.vrAt(i)) {
                // e.g. a private element one side knows (LO) and the other received as UN: compare the raw values
                same = Arrays.equals(trimmed(bytes(a.valueAt(i))), trimmed(bytes(b.valueAt(i))));
            } else if (a.vrAt(i).isString()) {
                same = Arrays.equals(a.getStrings(tag), b.getStrings(tag));
            } else if (a.valueAt(i) instanceof Fragments fa) {
                same = b.valueAt(i) instanceof Fragments fb && sameFragments(fa, fb);
            } else if (bytes(a.valueAt(i)) != null) {
                same = Arrays.equals(bytes(a.valueAt(i)), bytes(b.valueAt(i)));
            } else {
                same = Objects.equals(String.valueOf(a.valueAt(i)), String.valueOf(b.valueAt(i)));
            }
            if (!same) {
                return Tag.toString(tag) + " differs";
            }
        }
        return null;
    }

    /** Raw value bytes without their trailing padding (space or NUL). */
    private static byte[] trimmed(byte[] value) {
        if (value == null) {
            return null;
        }
        int n = value.length;
        while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == 0)) {
            n--;
        }
        return Arrays.copyOf(value, n);
    }

    /** Encapsulated pixel data: the same fragments (the offset table is item 0), byte for byte. */
    private static boolean sameFragments(Fragments a, Fragments b) throws IOException {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(bytes(a.get(i)), bytes(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(Object value) throws IOException {
        return value instanceof byte[] b ? b : value instanceof BulkData d ? d.load() : null;
    }

    private static DataSet withoutPadding(DataSet ds) {
        for (int i = ds.size() - 1; i >= 0; i--) {
            if (Tag.isGroupLength(ds.tagAt(i)) || ds.tagAt(i) == Tag.DataSetTrailingPadding) {
                ds.remove(ds.tagAt(i));
            }
        }
        return ds;
    }
}
