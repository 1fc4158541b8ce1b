package org.dicomflow.net.pdu;

/** A-ASSOCIATE-RJ PDU (PS3.8 9.3.4) with the result/source/reason codes of table 9-21. */
public record AAssociateRj(int result, int source, int reason) implements Pdu {
    public static final int RESULT_PERMANENT = 1;
    public static final int RESULT_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    // source 1 (service user)
    public static final int REASON_NO_REASON_GIVEN = 1;
    public static final int REASON_APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
    public static final int REASON_CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    public static final int REASON_CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    // source 2 (ACSE)
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    // source 3 (presentation)
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    @Override
    public int type() {
        return TYPE_ASSOCIATE_RJ;
    }

    public String resultText() {
        switch (result) {
            case RESULT_PERMANENT: return "permanent";
            case RESULT_TRANSIENT: return "transient";
            default: return "result " + result;
        }
    }

    public String sourceText() {
        switch (source) {
            case SOURCE_SERVICE_USER: return "service user";
            case SOURCE_SERVICE_PROVIDER_ACSE: return "service provider (ACSE)";
            case SOURCE_SERVICE_PROVIDER_PRESENTATION: return "service provider (presentation)";
            default: return "source " + source;
        }
    }

    /** The reason text depends on the source (table 9-21 reuses the numbers). */
    public String reasonText() {
        if (source == SOURCE_SERVICE_USER) {
            switch (reason) {
                case 1: return "no reason given";
                case 2: return "application context name not supported";
                case 3: return "calling AE title not recognized";
                case 7: return "called AE title not recognized";
                default: return "reason " + reason;
            }
        }
        if (source == SOURCE_SERVICE_PROVIDER_ACSE) {
            switch (reason) {
                case 1: return "no reason given";
                case 2: return "protocol version not supported";
                default: return "reason " + reason;
            }
        }
        if (source == SOURCE_SERVICE_PROVIDER_PRESENTATION) {
            switch (reason) {
                case 1: return "temporary congestion";
                case 2: return "local limit exceeded";
                default: return "reason " + reason;
            }
        }
        return "reason " + reason;
    }

    /** e.g. "association rejected (permanent) by service user: called AE title not recognized [1/1/7]". */
    public String describe() {
        return "association rejected (" + resultText() + ") by " + sourceText() + ": " + reasonText()
                + " [result " + result + ", source " + source + ", reason " + reason + "]";
    }
}
