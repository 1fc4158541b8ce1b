package org.dicomflow.net;

/** A DIMSE status code (PS3.7 annex C) with its category and, where known, its meaning. */
public final class DimseStatus {
    /** Status categories of PS3.7 C.1. */
    public enum Category { SUCCESS, WARNING, FAILURE, CANCEL, PENDING }

    public static final DimseStatus SUCCESS = new DimseStatus(0x0000);
    public static final DimseStatus CANCEL = new DimseStatus(0xFE00);
    public static final DimseStatus PENDING = new DimseStatus(0xFF00);
    public static final DimseStatus PENDING_WARNING = new DimseStatus(0xFF01);
    public static final DimseStatus SOP_CLASS_NOT_SUPPORTED = new DimseStatus(0x0122);
    public static final DimseStatus UNRECOGNIZED_OPERATION = new DimseStatus(0x0211);
    public static final DimseStatus PROCESSING_FAILURE = new DimseStatus(0x0110);
    public static final DimseStatus DUPLICATE_SOP_INSTANCE = new DimseStatus(0x0111);
    public static final DimseStatus NO_SUCH_SOP_INSTANCE = new DimseStatus(0x0112);
    public static final DimseStatus MISTYPED_ARGUMENT = new DimseStatus(0x0212);
    public static final DimseStatus RESOURCE_LIMITATION = new DimseStatus(0x0213);
    public static final DimseStatus OUT_OF_RESOURCES = new DimseStatus(0xA700);
    public static final DimseStatus MOVE_DESTINATION_UNKNOWN = new DimseStatus(0xA801);
    public static final DimseStatus DATA_SET_DOES_NOT_MATCH_SOP_CLASS = new DimseStatus(0xA900);
    public static final DimseStatus CANNOT_UNDERSTAND = new DimseStatus(0xC000);
    public static final DimseStatus COERCION_OF_DATA_ELEMENTS = new DimseStatus(0xB000);
    public static final DimseStatus ELEMENTS_DISCARDED = new DimseStatus(0xB006);
    public static final DimseStatus DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = new DimseStatus(0xB007);

    private final int code;

    private DimseStatus(int code) {
        this.code = code;
    }

    public static DimseStatus of(int code) {
        return new DimseStatus(code & 0xFFFF);
    }

    public int code() {
        return code;
    }

    public Category category() {
        if (code == 0x0000) {
            return Category.SUCCESS;
        }
        if (code == 0xFE00) {
            return Category.CANCEL;
        }
        if (code == 0xFF00 || code == 0xFF01) {
            return Category.PENDING;
        }
        if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    public boolean isSuccess() {
        return code == 0x0000;
    }

    /** Meaning of the well-known codes; for the rest, the category (service-specific codes vary). */
    public String meaning() {
        switch (code) {
            case 0x0000: return "Success";
            case 0xFE00: return "Cancel";
            case 0xFF00: return "Pending";
            case 0xFF01: return "Pending (optional keys not supported)";
            case 0x0001: return "Warning: requested optional attributes are not supported";
            case 0x0107: return "Warning: attribute list error";
            case 0x0116: return "Warning: attribute value out of range";
            case 0x0110: return "Failure: processing failure";
            case 0x0111: return "Failure: duplicate SOP instance";
            case 0x0112: return "Failure: no such SOP instance";
            case 0x0117: return "Failure: invalid object instance";
            case 0x0118: return "Failure: no such SOP class";
            case 0x0119: return "Failure: class-instance conflict";
            case 0x0122: return "Refused: SOP class not supported";
            case 0x0124: return "Refused: not authorized";
            case 0x0210: return "Failure: duplicate invocation";
            case 0x0211: return "Failure: unrecognized operation";
            case 0x0212: return "Failure: mistyped argument";
            case 0x0213: return "Failure: resource limitation";
            case 0xA700: return "Refused: out of resources";
            case 0xA701: return "Refused: out of resources (unable to calculate number of matches)";
            case 0xA702: return "Refused: out of resources (unable to perform sub-operations)";
            case 0xA801: return "Refused: move destination unknown";
            case 0xA900: return "Error: data set does not match SOP class";
            case 0xB000: return "Warning: coercion of data elements / sub-operations complete with failures";
            case 0xB006: return "Warning: elements discarded";
            case 0xB007: return "Warning: data set does not match SOP class";
            // PS3.4 names it per service: C-STORE "cannot understand", C-FIND/C-MOVE/C-GET "unable to process"
            case 0xC000: return "Error: cannot understand / unable to process";
            default:
                String c = category().name().toLowerCase();
                return Character.toUpperCase(c.charAt(0)) + c.substring(1);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DimseStatus && ((DimseStatus) o).code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** e.g. "0x0000 Success". */
    @Override
    public String toString() {
        return String.format("0x%04X %s", code, meaning());
    }
}
