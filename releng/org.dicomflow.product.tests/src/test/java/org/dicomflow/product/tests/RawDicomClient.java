package org.dicomflow.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A DICOM client whose PDUs are written by hand (PS3.8 9.3, PS3.7 E), so a test can send what no
 * well-behaved client sends: half a PDU, a path for a UID, a length of 2 GiB, garbage.
 */
final class RawDicomClient implements AutoCloseable {
    /** Our receive limit, announced in the A-ASSOCIATE-RQ; also the size of the P-DATA-TF PDUs we send. */
    static final int MAX_PDU = 16384;
    private static final int CONTEXT_ID = 1;
    private static final int STATUS = 0x00000900;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawDicomClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TCP connection to the node on 127.0.0.1; reads wait at most 30 s. */
    static RawDicomClient connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(30_000);
        s.setTcpNoDelay(true);
        return new RawDicomClient(s);
    }

    /** Connects and negotiates one presentation context; fails unless it is accepted. */
    static RawDicomClient associate(int port, String called, String calling, String abstractSyntax,
            String transferSyntax) throws IOException {
        RawDicomClient c = connect(port);
        try {
            c.send(associateRq(called, calling, abstractSyntax, transferSyntax));
            int type = c.in.read();
            assertEquals(0x02, type, "A-ASSOCIATE-AC expected");
            c.in.read();
            byte[] body = new byte[c.in.readInt()];
            c.in.readFully(body);
            assertEquals(0, contextResult(body), "presentation context " + abstractSyntax + " / " + transferSyntax + " accepted");
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** Result/reason of the first presentation context item (0x21) of an A-ASSOCIATE-AC body. */
    private static int contextResult(byte[] body) {
        int p = 68; // protocol version, reserved, called and calling AE titles, reserved
        while (p + 4 <= body.length) {
            int type = body[p] & 0xFF;
            int length = (body[p + 2] & 0xFF) << 8 | (body[p + 3] & 0xFF);
            if (type == 0x21) {
                return body[p + 6] & 0xFF;
            }
            p += 4 + length;
        }
        throw new AssertionError("A-ASSOCIATE-AC without a presentation context");
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command set in one P-DATA-TF PDU. */
    void sendCommand(byte[] command) throws IOException {
        send(pData(command, 0, command.length, 0x03));
    }

    /** Sends {@code dataSet[from, to)} as data set fragments of one PDU each; {@code last} marks the final one. */
    void sendDataSet(byte[] dataSet, int from, int to, boolean last) throws IOException {
        int max = MAX_PDU - 6;
        for (int p = from; p < to; p += max) {
            int n = Math.min(max, to - p);
            send(pData(dataSet, p, n, last && p + n == to ? 0x02 : 0x00));
        }
    }

    /** Sends a C-STORE-RQ with its whole data set and returns the status of the response. */
    int store(String sopClassUid, String sopInstanceUid, int messageId, byte[] dataSet) throws IOException {
        sendCommand(storeRq(sopClassUid, sopInstanceUid, messageId));
        sendDataSet(dataSet, 0, dataSet.length, true);
        return responseStatus();
    }

    /** Reads P-DATA-TF PDUs until a command set is complete and returns its Status (0000,0900). */
    int responseStatus() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        while (true) {
            int type = in.read();
            if (type != 0x04) {
                throw new AssertionError("P-DATA-TF with a response expected, got PDU type " + type);
            }
            in.read();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            ByteBuffer b = ByteBuffer.wrap(body);
            boolean complete = false;
            while (b.remaining() >= 6) {
                int itemLength = b.getInt();
                b.get(); // presentation context ID
                int control = b.get() & 0xFF;
                byte[] fragment = new byte[itemLength - 2];
                b.get(fragment);
                if ((control & 0x01) != 0) {
                    command.write(fragment);
                    complete |= (control & 0x02) != 0;
                }
            }
            if (complete) {
                return status(command.toByteArray());
            }
        }
    }

    /** The Status of a command set in Implicit VR Little Endian. */
    private static int status(byte[] command) {
        ByteBuffer b = ByteBuffer.wrap(command).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            int length = b.getInt();
            if (tag == STATUS) {
                return b.getShort() & 0xFFFF;
            }
            b.position(b.position() + length);
        }
        throw new AssertionError("response without a Status");
    }

    /** Sends A-RELEASE-RQ and expects A-RELEASE-RP. */
    void release() throws IOException {
        send(new byte[] { 0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0 });
        assertEquals(0x06, in.read(), "A-RELEASE-RP expected");
    }

    /**
     * Waits until the node ends the connection: an A-ABORT PDU, the connection closed or reset. Anything else
     * it sends first, or silence for 30 s, fails.
     */
    String awaitEndedByPeer() throws IOException {
        try {
            int type = in.read();
            if (type == -1) {
                return "closed";
            }
            if (type == 0x07) {
                return "A-ABORT";
            }
            fail("the node answered with PDU type " + type + " instead of ending the connection");
            return null;
        } catch (SocketTimeoutException e) {
            fail("the node kept the connection open for 30 s");
            return null;
        } catch (SocketException | EOFException e) {
            return "reset (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One PDV in one P-DATA-TF PDU. */
    static byte[] pData(byte[] data, int off, int len, int control) {
        ByteBuffer b = ByteBuffer.allocate(6 + 6 + len);
        b.put((byte) 0x04).put((byte) 0).putInt(6 + len);
        b.putInt(2 + len).put((byte) CONTEXT_ID).put((byte) control).put(data, off, len);
        return b.array();
    }

    /** A P-DATA-TF header announcing {@code length} bytes (unsigned), for PDUs never finished. */
    static byte[] pDataHeader(long length) {
        return ByteBuffer.allocate(6).put((byte) 0x04).put((byte) 0).putInt((int) length).array();
    }

    /** C-STORE-RQ command set, Implicit VR Little Endian (PS3.7 9.3.1.1, E.1). */
    static byte[] storeRq(String sopClassUid, String sopInstanceUid, int messageId) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        element(elements, 0x0002, uid(sopClassUid));
        element(elements, 0x0100, us(0x0001));
        element(elements, 0x0110, us(messageId));
        element(elements, 0x0700, us(0x0000));
        element(elements, 0x0800, us(0x0000)); // a data set follows
        element(elements, 0x1000, uid(sopInstanceUid));
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        element(command, 0x0000, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(elements.size()).array());
        command.writeBytes(elements.toByteArray());
        return command.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int element, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0)
                .putShort((short) element).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] us(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    /** A UI value as sent, padded to even length with NUL; no check: hostile values are the point. */
    private static byte[] uid(String uid) {
        String padded = uid.length() % 2 == 0 ? uid : uid + "\0";
        return padded.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A-ASSOCIATE-RQ with one presentation context (PS3.8 9.3.2). */
    static byte[] associateRq(String called, String calling, String abstractSyntax, String transferSyntax) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(body);
            d.writeShort(1);
            d.writeShort(0);
            d.write(String.format("%-16s", called).getBytes(StandardCharsets.US_ASCII));
            d.write(String.format("%-16s", calling).getBytes(StandardCharsets.US_ASCII));
            d.write(new byte[32]);
            item(d, 0x10, "1.2.840.10008.3.1.1.1".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream pc = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(pc);
            p.write(new byte[] { CONTEXT_ID, 0, 0, 0 });
            item(p, 0x30, abstractSyntax.getBytes(StandardCharsets.US_ASCII));
            item(p, 0x40, transferSyntax.getBytes(StandardCharsets.US_ASCII));
            item(d, 0x20, pc.toByteArray());
            ByteArrayOutputStream ui = new ByteArrayOutputStream();
            DataOutputStream u = new DataOutputStream(ui);
            u.write(new byte[] { 0x51, 0, 0, 4 });
            u.writeInt(MAX_PDU);
            item(u, 0x52, "2.25.7".getBytes(StandardCharsets.US_ASCII));
            item(d, 0x50, ui.toByteArray());
            ByteArrayOutputStream pdu = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(pdu);
            o.write(new byte[] { 1, 0 });
            o.writeInt(body.size());
            o.write(body.toByteArray());
            return pdu.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
    }

    private static void item(DataOutputStream d, int type, byte[] value) throws IOException {
        d.write(type);
        d.write(0);
        d.writeShort(value.length);
        d.write(value);
    }
}
