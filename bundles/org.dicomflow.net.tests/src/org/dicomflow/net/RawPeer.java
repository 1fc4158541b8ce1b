package org.dicomflow.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.net.pdu.AAssociateAc;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.PDataTf;
import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PduCodec;
import org.dicomflow.net.pdu.PduReader;
import org.dicomflow.net.pdu.PresentationContextProposal;
import org.dicomflow.net.pdu.PresentationContextReply;
import org.dicomflow.net.pdu.PresentationDataValue;
import org.dicomflow.net.pdu.UserInformation;

/** A hand-driven peer on a raw socket: sends and reads exactly the PDUs a test tells it to. */
final class RawPeer implements Closeable {
    final Socket socket;
    private final OutputStream out;
    private final PduReader reader;

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new PduReader(socket.getInputStream(), 1 << 20);
    }

    /** Connects with a small receive buffer, so a peer that does not read fills up quickly. */
    static RawPeer connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawPeer(s);
    }

    static AAssociateRq echoRq(String called, String calling) {
        return new AAssociateRq(1, called, calling, UID.DICOMApplicationContext,
                List.of(new PresentationContextProposal(1, UID.Verification, List.of(UID.ImplicitVRLittleEndian))),
                new UserInformation(16384, "1.2.3", null, null, List.of(), null, null));
    }

    /** What a fake acceptor answers: every context accepted with its first transfer syntax. */
    static AAssociateAc acceptAll(AAssociateRq rq) {
        List<PresentationContextReply> replies = new ArrayList<>();
        for (PresentationContextProposal pc : rq.presentationContexts()) {
            replies.add(new PresentationContextReply(pc.id(), 0, pc.transferSyntaxes().get(0)));
        }
        return new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), replies,
                new UserInformation(16384, "1.2.3", null, null, List.of(), null, null));
    }

    static byte[] echoCommand(int messageId, boolean announcesDataSet) {
        return new CommandSet().setString(Tag.AffectedSOPClassUID, UID.Verification)
                .setInt(Tag.CommandField, 0x0030).setInt(Tag.MessageID, messageId)
                .setInt(Tag.CommandDataSetType, announcesDataSet ? 0 : CommandSet.NO_DATA_SET).encode();
    }

    static byte[] pData(int contextId, boolean command, byte[] value) {
        return PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(contextId, command, true, value))));
    }

    /** Sends an A-ASSOCIATE-RQ for Verification and expects the A-ASSOCIATE-AC. */
    void associate(String called) throws IOException {
        send(echoRq(called, "RAWPEER"));
        Pdu answer = read();
        if (!(answer instanceof AAssociateAc)) {
            throw new AssertionError("expected A-ASSOCIATE-AC, got " + answer);
        }
    }

    void send(Pdu pdu) throws IOException {
        sendRaw(PduCodec.encode(pdu));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Pdu read() throws IOException {
        return reader.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
