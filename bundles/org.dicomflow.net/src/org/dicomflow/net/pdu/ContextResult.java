package org.dicomflow.net.pdu;

/** Result/reason of a presentation context in an A-ASSOCIATE-AC (PS3.8 table 9-18). */
public enum ContextResult {
    ACCEPTANCE(0, "acceptance"),
    USER_REJECTION(1, "user rejection"),
    NO_REASON(2, "no reason (provider rejection)"),
    ABSTRACT_SYNTAX_NOT_SUPPORTED(3, "abstract syntax not supported (provider rejection)"),
    TRANSFER_SYNTAXES_NOT_SUPPORTED(4, "transfer syntaxes not supported (provider rejection)");

    private final int code;
    private final String text;

    ContextResult(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The result for a code; unknown codes count as {@link #NO_REASON} since they are not an acceptance. */
    public static ContextResult of(int code) {
        for (ContextResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return NO_REASON;
    }
}
