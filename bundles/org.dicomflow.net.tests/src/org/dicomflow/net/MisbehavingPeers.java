package org.dicomflow.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;

/**
 * A peer on a raw socket that a server has to get rid of because it never reads, and how a test sees that the
 * server ended a connection.
 */
final class MisbehavingPeers {
    private MisbehavingPeers() {
    }

    /**
     * Starts a daemon thread that sends C-ECHO-RQs on {@code associated} and never reads a response, so the
     * server's writes to it block once the socket buffers are full. The thread ends when the server closes the
     * connection.
     */
    static Thread startSendingWithoutReading(RawPeer associated) {
        byte[] echo = RawPeer.pData(1, true, RawPeer.echoCommand(1, false));
        Thread sender = new Thread(() -> {
            try {
                while (true) {
                    associated.sendRaw(echo);
                }
            } catch (IOException e) {
                // the server closed us: that is the point
            }
        }, "non-reading-peer");
        sender.setDaemon(true);
        sender.start();
        return sender;
    }

    /** The next byte from the server, or -1 once it closed the connection (a reset counts as closed). */
    static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
