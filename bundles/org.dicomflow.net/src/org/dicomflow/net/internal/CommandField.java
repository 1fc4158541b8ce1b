package org.dicomflow.net.internal;

/** DIMSE command field values (PS3.7 E.1); responses are the request value with bit 15 set. */
public final class CommandField {
    public static final int C_STORE_RQ = 0x0001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_CANCEL_RQ = 0x0FFF;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int RESPONSE_BIT = 0x8000;

    private CommandField() {
    }

    public static boolean isResponse(int commandField) {
        return (commandField & RESPONSE_BIT) != 0;
    }
}
