package org.dicomflow.net.pdu;

/** A-ABORT PDU (PS3.8 9.3.8); reason is only meaningful when the source is the service provider. */
public record AAbort(int source, int reason) implements Pdu {
    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    @Override
    public int type() {
        return TYPE_ABORT;
    }

    public String sourceText() {
        switch (source) {
            case SOURCE_SERVICE_USER: return "service user";
            case 1: return "reserved source 1";
            case SOURCE_SERVICE_PROVIDER: return "service provider";
            default: return "source " + source;
        }
    }

    public static String reasonText(int reason) {
        switch (reason) {
            case REASON_NOT_SPECIFIED: return "reason not specified";
            case REASON_UNRECOGNIZED_PDU: return "unrecognized PDU";
            case REASON_UNEXPECTED_PDU: return "unexpected PDU";
            case REASON_UNRECOGNIZED_PDU_PARAMETER: return "unrecognized PDU parameter";
            case REASON_UNEXPECTED_PDU_PARAMETER: return "unexpected PDU parameter";
            case REASON_INVALID_PDU_PARAMETER_VALUE: return "invalid PDU parameter value";
            default: return "reason " + reason;
        }
    }

    public String describe() {
        return source == SOURCE_SERVICE_PROVIDER
                ? "aborted by service provider: " + reasonText(reason)
                : "aborted by " + sourceText();
    }
}
