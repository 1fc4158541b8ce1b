package org.dicomflow.dicom.json;

import java.net.URI;
import java.nio.file.Path;

import org.dicomflow.dicom.BulkData;

/**
 * Our BulkDataURI for a value left in a local file: {@code file:///path/to/file.dcm?offset=N&length=M}, plus
 * {@code &bigEndian=true} when the value is stored big endian (Explicit VR Big Endian files). The path part is
 * what {@link Path#toUri()} makes of the absolute path (percent-encoded where needed).
 *
 * <p>A URI of this form with {@code &encapsulated=true} refers to a whole encapsulated pixel data value (its
 * items and sequence delimiter); it is read back as a plain {@link URI}, since a {@link BulkData} cannot hold
 * item structure.
 */
final class FileBulkDataUri {

    private FileBulkDataUri() {
    }

    static String of(BulkData b) {
        return of(b.file(), b.offset(), b.length(), b.bigEndian(), false);
    }

    static String of(Path file, long offset, long length, boolean bigEndian, boolean encapsulated) {
        return file.toAbsolutePath().toUri() + "?offset=" + offset + "&length=" + length
                + (bigEndian ? "&bigEndian=true" : "") + (encapsulated ? "&encapsulated=true" : "");
    }

    /** The reference a URI of our form names; null for any other URI (it stays a URI value). */
    static BulkData parse(URI uri) {
        if (!"file".equalsIgnoreCase(uri.getScheme()) || uri.getRawQuery() == null || uri.getRawFragment() != null
                || uri.isOpaque()) {
            return null;
        }
        long offset = -1;
        long length = -1;
        boolean bigEndian = false;
        for (String param : uri.getRawQuery().split("&", -1)) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            switch (name) {
            case "offset" -> offset = nonNegative(value);
            case "length" -> length = nonNegative(value);
            case "bigEndian" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return null;
                }
                bigEndian = value.equals("true");
            }
            default -> {
                return null; // not ours (or encapsulated, see the class comment)
            }
            }
        }
        if (offset < 0 || length < 0) {
            return null;
        }
        try {
            Path file = Path.of(new URI("file", uri.getRawAuthority(), uri.getPath(), null, null));
            return new BulkData(file, offset, length, bigEndian);
        } catch (Exception e) {
            // a file URI this platform cannot turn into a path (e.g. file://host/share): keep it as a URI
            return null;
        }
    }

    private static long nonNegative(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
