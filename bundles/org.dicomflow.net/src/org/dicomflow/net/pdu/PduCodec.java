package org.dicomflow.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;
import org.dicomflow.net.pdu.UserInformation.UserIdentityAc;
import org.dicomflow.net.pdu.UserInformation.UserIdentityRq;

/**
 * Encodes and decodes PDUs (PS3.8 9.3). Decoding checks every length against the bytes that are
 * really there and throws {@link PduFormatException} carrying the A-ABORT reason to answer with.
 */
public final class PduCodec {
    /** PDU type (1), reserved (1), length (4). */
    public static final int HEADER_LENGTH = 6;

    private static final int ITEM_APPLICATION_CONTEXT = 0x10;
    private static final int ITEM_PRESENTATION_CONTEXT_RQ = 0x20;
    private static final int ITEM_PRESENTATION_CONTEXT_AC = 0x21;
    private static final int ITEM_ABSTRACT_SYNTAX = 0x30;
    private static final int ITEM_TRANSFER_SYNTAX = 0x40;
    private static final int ITEM_USER_INFORMATION = 0x50;
    private static final int SUB_MAX_LENGTH = 0x51;
    private static final int SUB_IMPLEMENTATION_CLASS_UID = 0x52;
    private static final int SUB_ASYNC_OPS_WINDOW = 0x53;
    private static final int SUB_ROLE_SELECTION = 0x54;
    private static final int SUB_IMPLEMENTATION_VERSION_NAME = 0x55;
    private static final int SUB_USER_IDENTITY_RQ = 0x58;
    private static final int SUB_USER_IDENTITY_AC = 0x59;

    /** Fixed part of A-ASSOCIATE-RQ/AC: version, reserved, two AE titles, 32 reserved bytes. */
    private static final int ASSOCIATE_FIXED_LENGTH = 68;

    private PduCodec() {
    }

    /** The whole PDU, header included. */
    public static byte[] encode(Pdu pdu) {
        Out out = new Out();
        out.u8(pdu.type());
        out.u8(0);
        out.u32(0); // patched below
        if (pdu instanceof AAssociateRq rq) {
            associateFixed(out, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
            out.uidItem(ITEM_APPLICATION_CONTEXT, rq.applicationContext());
            for (PresentationContextProposal pc : rq.presentationContexts()) {
                int start = out.beginItem(ITEM_PRESENTATION_CONTEXT_RQ);
                out.u8(pc.id()).u8(0).u8(0).u8(0);
                out.uidItem(ITEM_ABSTRACT_SYNTAX, pc.abstractSyntax());
                for (String ts : pc.transferSyntaxes()) {
                    out.uidItem(ITEM_TRANSFER_SYNTAX, ts);
                }
                out.endItem(start);
            }
            userInformation(out, rq.userInformation());
        } else if (pdu instanceof AAssociateAc ac) {
            associateFixed(out, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
            out.uidItem(ITEM_APPLICATION_CONTEXT, ac.applicationContext());
            for (PresentationContextReply pc : ac.presentationContexts()) {
                int start = out.beginItem(ITEM_PRESENTATION_CONTEXT_AC);
                out.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
                out.uidItem(ITEM_TRANSFER_SYNTAX, pc.transferSyntax());
                out.endItem(start);
            }
            userInformation(out, ac.userInformation());
        } else if (pdu instanceof AAssociateRj rj) {
            out.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
        } else if (pdu instanceof PDataTf data) {
            for (PresentationDataValue pdv : data.values()) {
                out.u32(pdv.data().length + 2);
                out.u8(pdv.contextId());
                out.u8(messageControlHeader(pdv.command(), pdv.last()));
                out.bytes(pdv.data());
            }
        } else if (pdu instanceof AAbort abort) {
            out.u8(0).u8(0).u8(abort.source()).u8(abort.reason());
        } else {
            out.u32(0); // A-RELEASE-RQ/RP: four reserved bytes
        }
        byte[] b = out.toByteArray();
        putU32(b, 2, b.length - HEADER_LENGTH);
        return b;
    }

    /**
     * Writes a P-DATA-TF holding one PDV straight from {@code data[off..off+len)}, so sending a
     * large message needs no copy of it.
     */
    public static void writePData(OutputStream out, int contextId, boolean command, boolean last,
            byte[] data, int off, int len) throws IOException {
        byte[] header = new byte[HEADER_LENGTH + PresentationDataValue.HEADER_LENGTH];
        header[0] = Pdu.TYPE_P_DATA_TF;
        putU32(header, 2, len + PresentationDataValue.HEADER_LENGTH);
        putU32(header, 6, len + 2);
        header[10] = (byte) contextId;
        header[11] = (byte) messageControlHeader(command, last);
        out.write(header);
        out.write(data, off, len);
    }

    private static int messageControlHeader(boolean command, boolean last) {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    private static void associateFixed(Out out, int version, String called, String calling) {
        out.u16(version).u16(0);
        out.aeTitle(called);
        out.aeTitle(calling);
        out.bytes(new byte[32]);
    }

    private static void userInformation(Out out, UserInformation ui) {
        if (ui == null) {
            return;
        }
        int start = out.beginItem(ITEM_USER_INFORMATION);
        out.u8(SUB_MAX_LENGTH).u8(0).u16(4).u32((int) ui.maxPduLength());
        if (ui.implementationClassUid() != null) {
            out.uidItem(SUB_IMPLEMENTATION_CLASS_UID, ui.implementationClassUid());
        }
        if (ui.asyncOpsWindow() != null) {
            out.u8(SUB_ASYNC_OPS_WINDOW).u8(0).u16(4);
            out.u16(ui.asyncOpsWindow().maxOperationsInvoked()).u16(ui.asyncOpsWindow().maxOperationsPerformed());
        }
        for (RoleSelection role : ui.roleSelections()) {
            byte[] uid = ascii(role.sopClassUid());
            out.u8(SUB_ROLE_SELECTION).u8(0).u16(uid.length + 4).u16(uid.length).bytes(uid);
            out.u8(role.scu() ? 1 : 0).u8(role.scp() ? 1 : 0);
        }
        if (ui.implementationVersionName() != null) {
            out.uidItem(SUB_IMPLEMENTATION_VERSION_NAME, ui.implementationVersionName());
        }
        if (ui.userIdentityRq() != null) {
            UserIdentityRq id = ui.userIdentityRq();
            byte[] secondary = id.secondaryField() == null ? new byte[0] : id.secondaryField();
            out.u8(SUB_USER_IDENTITY_RQ).u8(0).u16(6 + id.primaryField().length + secondary.length);
            out.u8(id.identityType()).u8(id.positiveResponseRequested() ? 1 : 0);
            out.u16(id.primaryField().length).bytes(id.primaryField());
            out.u16(secondary.length).bytes(secondary);
        }
        if (ui.userIdentityAc() != null) {
            byte[] response = ui.userIdentityAc().serverResponse();
            out.u8(SUB_USER_IDENTITY_AC).u8(0).u16(2 + response.length).u16(response.length).bytes(response);
        }
        out.endItem(start);
    }

    /**
     * Decodes the body (everything after the 6-byte header) of a PDU of the given type.
     *
     * @throws PduFormatException with reason "unrecognized PDU" for an unknown type, otherwise
     *         "invalid PDU parameter value" or "unrecognized PDU parameter"
     */
    public static Pdu decode(int type, byte[] buf, int off, int len) throws PduFormatException {
        In in = new In(buf, off, len);
        switch (type) {
            case Pdu.TYPE_ASSOCIATE_RQ:
            case Pdu.TYPE_ASSOCIATE_AC:
                return decodeAssociate(type, in);
            case Pdu.TYPE_ASSOCIATE_RJ:
                in.requireExactly(4, "A-ASSOCIATE-RJ");
                in.u8();
                return new AAssociateRj(in.u8(), in.u8(), in.u8());
            case Pdu.TYPE_P_DATA_TF:
                return decodePData(in);
            case Pdu.TYPE_RELEASE_RQ:
                in.requireExactly(4, "A-RELEASE-RQ");
                return new AReleaseRq();
            case Pdu.TYPE_RELEASE_RP:
                in.requireExactly(4, "A-RELEASE-RP");
                return new AReleaseRp();
            case Pdu.TYPE_ABORT:
                in.requireExactly(4, "A-ABORT");
                in.u8();
                in.u8();
                return new AAbort(in.u8(), in.u8());
            default:
                throw new PduFormatException(String.format("unrecognized PDU type 0x%02X", type),
                        AAbort.REASON_UNRECOGNIZED_PDU);
        }
    }

    /** Decodes a whole PDU including its header; convenient for tests and tools. */
    public static Pdu decode(byte[] pdu) throws PduFormatException {
        if (pdu.length < HEADER_LENGTH) {
            throw invalid("PDU shorter than its 6-byte header");
        }
        long length = getU32(pdu, 2);
        if (length != pdu.length - HEADER_LENGTH) {
            throw invalid("PDU length field " + length + " does not match the " + (pdu.length - HEADER_LENGTH)
                    + " bytes that follow the header");
        }
        return decode(pdu[0] & 0xFF, pdu, HEADER_LENGTH, pdu.length - HEADER_LENGTH);
    }

    private static Pdu decodePData(In in) throws PduFormatException {
        List<PresentationDataValue> pdvs = new ArrayList<>();
        if (in.remaining() == 0) {
            throw invalid("P-DATA-TF without presentation data values");
        }
        while (in.remaining() > 0) {
            long itemLength = in.u32();
            if (itemLength < 2 || itemLength > in.remaining()) {
                throw invalid("PDV item length " + itemLength + " with " + in.remaining() + " bytes left");
            }
            int contextId = in.u8();
            int header = in.u8();
            pdvs.add(new PresentationDataValue(contextId, (header & 1) != 0, (header & 2) != 0,
                    in.bytes((int) itemLength - 2)));
        }
        return new PDataTf(pdvs);
    }

    private static Pdu decodeAssociate(int type, In in) throws PduFormatException {
        String name = type == Pdu.TYPE_ASSOCIATE_RQ ? "A-ASSOCIATE-RQ" : "A-ASSOCIATE-AC";
        if (in.remaining() < ASSOCIATE_FIXED_LENGTH) {
            throw invalid(name + " of " + in.remaining() + " bytes is shorter than its fixed part");
        }
        int version = in.u16();
        in.u16();
        String called = trimAeTitle(in.bytes(16));
        String calling = trimAeTitle(in.bytes(16));
        in.bytes(32);
        String applicationContext = null;
        List<PresentationContextProposal> proposals = new ArrayList<>();
        List<PresentationContextReply> replies = new ArrayList<>();
        UserInformation userInfo = null;
        while (in.remaining() > 0) {
            int itemType = in.u8();
            in.u8();
            In item = in.sub(in.u16(), itemType);
            switch (itemType) {
                case ITEM_APPLICATION_CONTEXT:
                    applicationContext = item.uid(itemType);
                    break;
                case ITEM_PRESENTATION_CONTEXT_RQ:
                    if (type != Pdu.TYPE_ASSOCIATE_RQ) {
                        throw unexpectedItem(itemType, name);
                    }
                    proposals.add(decodeProposal(item));
                    break;
                case ITEM_PRESENTATION_CONTEXT_AC:
                    if (type != Pdu.TYPE_ASSOCIATE_AC) {
                        throw unexpectedItem(itemType, name);
                    }
                    replies.add(decodeReply(item));
                    break;
                case ITEM_USER_INFORMATION:
                    userInfo = decodeUserInformation(item);
                    break;
                default:
                    // PS3.8 9.3.1: items of unrecognized types are ignored and skipped (its length was checked)
                    break;
            }
        }
        if (applicationContext == null) {
            throw invalid(name + " without application context name");
        }
        if (userInfo == null) {
            // mandatory per PS3.8 9.3.2; tolerated because nothing in it is essential to us
            userInfo = new UserInformation(0, null, null, null, List.of(), null, null);
        }
        return type == Pdu.TYPE_ASSOCIATE_RQ
                ? new AAssociateRq(version, called, calling, applicationContext, proposals, userInfo)
                : new AAssociateAc(version, called, calling, applicationContext, replies, userInfo);
    }

    private static PresentationContextProposal decodeProposal(In item) throws PduFormatException {
        if (item.remaining() < 4) {
            throw invalid("presentation context item of " + item.remaining() + " bytes");
        }
        int id = item.u8();
        item.bytes(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.remaining() > 0) {
            int subType = item.u8();
            item.u8();
            In sub = item.sub(item.u16(), subType);
            if (subType == ITEM_ABSTRACT_SYNTAX) {
                abstractSyntax = sub.uid(subType);
            } else if (subType == ITEM_TRANSFER_SYNTAX) {
                transferSyntaxes.add(sub.uid(subType));
            }
            // PS3.8 9.3.1: sub-items of unrecognized types are ignored and skipped
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw invalid("presentation context " + id + " lacks an abstract syntax or transfer syntax");
        }
        return new PresentationContextProposal(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextReply decodeReply(In item) throws PduFormatException {
        if (item.remaining() < 4) {
            throw invalid("presentation context item of " + item.remaining() + " bytes");
        }
        int id = item.u8();
        item.u8();
        int result = item.u8();
        item.u8();
        String transferSyntax = null;
        while (item.remaining() > 0) {
            int subType = item.u8();
            item.u8();
            In sub = item.sub(item.u16(), subType);
            if (subType == ITEM_TRANSFER_SYNTAX) {
                // PS3.8 9.3.3.2: not significant for rejected contexts, which may even send it empty
                transferSyntax = sub.remaining() == 0 ? "" : sub.uid(subType);
            }
            // PS3.8 9.3.1: sub-items of unrecognized types are ignored and skipped
        }
        if (transferSyntax == null && result == ContextResult.ACCEPTANCE.code()) {
            throw invalid("accepted presentation context " + id + " without transfer syntax");
        }
        return new PresentationContextReply(id, result, transferSyntax);
    }

    private static UserInformation decodeUserInformation(In item) throws PduFormatException {
        long maxLength = 0;
        String classUid = null;
        String versionName = null;
        AsyncOpsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        UserIdentityRq identityRq = null;
        UserIdentityAc identityAc = null;
        while (item.remaining() > 0) {
            int subType = item.u8();
            item.u8();
            In sub = item.sub(item.u16(), subType);
            switch (subType) {
                case SUB_MAX_LENGTH:
                    sub.requireExactly(4, "maximum length sub-item");
                    maxLength = sub.u32();
                    break;
                case SUB_IMPLEMENTATION_CLASS_UID:
                    classUid = sub.uid(subType);
                    break;
                case SUB_IMPLEMENTATION_VERSION_NAME:
                    versionName = sub.uid(subType);
                    break;
                case SUB_ASYNC_OPS_WINDOW:
                    sub.requireExactly(4, "asynchronous operations window sub-item");
                    window = new AsyncOpsWindow(sub.u16(), sub.u16());
                    break;
                case SUB_ROLE_SELECTION: {
                    In uid = sub.sub(sub.u16(), subType);
                    String sopClass = uid.uid(subType);
                    sub.requireExactly(2, "role selection sub-item");
                    roles.add(new RoleSelection(sopClass, sub.u8() == 1, sub.u8() == 1));
                    break;
                }
                case SUB_USER_IDENTITY_RQ: {
                    if (sub.remaining() < 2) {
                        throw invalid("user identity sub-item of " + sub.remaining() + " bytes");
                    }
                    int identityType = sub.u8();
                    boolean positive = sub.u8() == 1;
                    byte[] primary = sub.bytes(sub.u16());
                    byte[] secondary = sub.remaining() >= 2 ? sub.bytes(sub.u16()) : new byte[0];
                    identityRq = new UserIdentityRq(identityType, positive, primary, secondary);
                    break;
                }
                case SUB_USER_IDENTITY_AC:
                    identityAc = new UserIdentityAc(sub.bytes(sub.u16()));
                    break;
                default:
                    // extended negotiation (56H, 57H) and sub-items defined after our time: skip,
                    // PS3.7 D.3.3 lets an acceptor ignore what it does not support
                    break;
            }
        }
        return new UserInformation(maxLength, classUid, versionName, window, roles, identityRq, identityAc);
    }

    private static PduFormatException unexpectedItem(int itemType, String pduName) {
        return new PduFormatException(String.format("item type 0x%02X is not allowed in %s", itemType, pduName),
                AAbort.REASON_UNEXPECTED_PDU_PARAMETER);
    }

    static PduFormatException invalid(String message) {
        return new PduFormatException(message, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    private static String trimAeTitle(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void putU32(byte[] b, int p, long v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
    }

    static long getU32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }

    /** Big-endian writer with item length back-patching. */
    private static final class Out extends ByteArrayOutputStream {
        Out u8(int v) {
            write(v);
            return this;
        }

        Out u16(int v) {
            write(v >> 8);
            write(v);
            return this;
        }

        Out u32(int v) {
            return u16(v >>> 16).u16(v & 0xFFFF);
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        void aeTitle(String ae) {
            byte[] b = new byte[16];
            java.util.Arrays.fill(b, (byte) ' ');
            byte[] a = ascii(ae);
            System.arraycopy(a, 0, b, 0, Math.min(16, a.length));
            bytes(b);
        }

        void uidItem(int type, String value) {
            byte[] v = ascii(value);
            u8(type).u8(0).u16(v.length).bytes(v);
        }

        int beginItem(int type) {
            u8(type).u8(0).u16(0);
            return count;
        }

        void endItem(int start) {
            int length = count - start;
            buf[start - 2] = (byte) (length >> 8);
            buf[start - 1] = (byte) length;
        }
    }

    /** Bounds-checked big-endian reader over a slice. */
    private static final class In {
        private final byte[] buf;
        private int pos;
        private final int end;

        In(byte[] buf, int off, int len) {
            this.buf = buf;
            this.pos = off;
            this.end = off + len;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n) throws PduFormatException {
            if (n > end - pos) {
                throw invalid("need " + n + " bytes but only " + (end - pos) + " are left");
            }
        }

        void requireExactly(int n, String what) throws PduFormatException {
            if (remaining() != n) {
                throw invalid(what + " has length " + remaining() + ", expected " + n);
            }
        }

        int u8() throws PduFormatException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u16() throws PduFormatException {
            need(2);
            int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32() throws PduFormatException {
            need(4);
            long v = getU32(buf, pos);
            pos += 4;
            return v;
        }

        byte[] bytes(int n) throws PduFormatException {
            need(n);
            byte[] b = new byte[n];
            System.arraycopy(buf, pos, b, 0, n);
            pos += n;
            return b;
        }

        In sub(int length, int itemType) throws PduFormatException {
            if (length > remaining()) {
                throw invalid(String.format("item 0x%02X declares %d bytes but only %d are left",
                        itemType, length, remaining()));
            }
            In sub = new In(buf, pos, length);
            pos += length;
            return sub;
        }

        /** UID or name value; trailing NUL/space padding is tolerated, empty values are not. */
        String uid(int itemType) throws PduFormatException {
            int e = end;
            while (e > pos && (buf[e - 1] == 0 || buf[e - 1] == ' ')) {
                e--;
            }
            if (e == pos) {
                throw invalid(String.format("empty value in item 0x%02X", itemType));
            }
            String s = new String(buf, pos, e - pos, StandardCharsets.US_ASCII);
            pos = end;
            return s;
        }
    }
}
