package org.dicomflow.net.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PduCodec;
import org.dicomflow.net.pdu.PresentationDataValue;

/**
 * Serializes writes to one socket: a DIMSE message goes out as a whole (its fragments are never
 * interleaved with another message), control PDUs go between messages in the order the state
 * machine {@link #enqueue queued} them.
 * <p>
 * No write may hang forever on a peer that stops reading: waiting for the write lock is bounded
 * by the stall timeout, and a watchdog on the shared scheduler {@linkplain #onStall closes the
 * socket} when a write makes no progress for that long (closing unblocks the writer). The
 * watchdog never writes, so timers never block on a peer.
 */
final class PduWriter {
    /**
     * Largest P-DATA-TF we send when the peer announces 0 (unlimited) or something huge: bigger
     * PDUs gain nothing measurable and some implementations mishandle them.
     */
    static final long SEND_CAP = 1 << 20;

    /** Marker in the control queue: close the connection once everything before it is written. */
    private static final Object CLOSE = new Object();

    /** Underlying writes are cut into pieces of this size so progress is visible to the watchdog. */
    private static final int PROGRESS_CHUNK = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Object> control = new ConcurrentLinkedQueue<>();
    private final OutputStream out;
    private final Runnable onStall;
    private final long stallMillis;
    private volatile boolean writing;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean stopped;
    private ScheduledFuture<?> watchdog;

    /** A writer without watchdog, for tests that write to memory. */
    PduWriter(OutputStream out) {
        this(out, 0, () -> {
        });
    }

    /**
     * @param stallMillis how long a write may make no progress, and how long to wait for the write
     *        lock, before {@code onStall} runs (0 = no bound)
     * @param onStall closes the connection; must not block
     */
    PduWriter(OutputStream out, long stallMillis, Runnable onStall) {
        // room for several PDUs of the common 16 KiB maximum, headers included: one socket write carries
        // them all, where a buffer of one PDU's size wrote each header and each fragment apart
        this.out = new BufferedOutputStream(new ProgressStream(out), PROGRESS_CHUNK);
        this.stallMillis = stallMillis;
        this.onStall = onStall;
    }

    /** Starts the stall watchdog; {@link #stop()} ends it. */
    synchronized void startWatchdog() {
        if (stallMillis > 0 && watchdog == null && !stopped) {
            long period = Math.max(1, stallMillis / 4);
            watchdog = SharedScheduler.scheduleWithFixedDelay(this::checkStall, period);
        }
    }

    synchronized void stop() {
        stopped = true;
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
    }

    private void checkStall() {
        if (writing && System.nanoTime() - lastProgressNanos >= TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
            onStall.run();
        }
    }

    /**
     * Queues a control PDU; called under the association's lock so the queue order is the order of
     * the state machine's decisions. Nothing is written until {@link #flush()}.
     */
    void enqueue(Pdu pdu) {
        control.add(pdu);
    }

    /** Queues closing the connection after what is queued before it. */
    void enqueueClose() {
        control.add(CLOSE);
    }

    boolean hasQueued() {
        return !control.isEmpty();
    }

    /**
     * Writes what is queued. Never called with the association's lock held, nor on the timer thread.
     */
    void flush() throws IOException {
        acquire();
        try {
            drainControl();
        } finally {
            lock.unlock();
        }
    }

    /** Writes a single PDU at once (tests and tools). */
    void write(Pdu pdu) throws IOException {
        enqueue(pdu);
        flush();
    }

    /**
     * Sends command and optional data set, fragmented so no P-DATA-TF exceeds {@code peerMaxPduLength}.
     * Queued control PDUs go first; {@code mayStillSend} is asked after that, under the write lock,
     * so no data follows an A-RELEASE-RQ/RP or A-ABORT.
     */
    void writeMessage(int contextId, byte[] command, byte[] dataSet, long peerMaxPduLength,
            BooleanSupplier mayStillSend) throws IOException {
        acquire();
        try {
            drainControl();
            if (!mayStillSend.getAsBoolean()) {
                throw new SocketException("the association is ending: message not sent");
            }
            long max = peerMaxPduLength == 0 || peerMaxPduLength > SEND_CAP ? SEND_CAP : peerMaxPduLength;
            // a peer announcing less than a PDV header plus one byte cannot be served within its
            // limit; we send one byte per PDU rather than refusing to talk
            int fragment = (int) Math.max(1, max - PresentationDataValue.HEADER_LENGTH);
            begin();
            try {
                writeFragments(contextId, true, command, fragment);
                if (dataSet != null) {
                    writeFragments(contextId, false, dataSet, fragment);
                }
                out.flush();
            } finally {
                writing = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes a data set to the stream it is given (the P-DATA fragmenter); never closes it. */
    @FunctionalInterface
    interface DataSetWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Like {@link #writeMessage(int, byte[], byte[], long, BooleanSupplier)} with the data set produced
     * while it is sent: {@code dataSet} writes into a stream that cuts P-DATA-TF PDUs of the peer's size,
     * so no more than one fragment is held. If {@code dataSet} fails, a partial message has gone out and
     * the caller must abort the association.
     */
    void writeMessage(int contextId, byte[] command, DataSetWriter dataSet, long peerMaxPduLength,
            BooleanSupplier mayStillSend) throws IOException {
        acquire();
        try {
            drainControl();
            if (!mayStillSend.getAsBoolean()) {
                throw new SocketException("the association is ending: message not sent");
            }
            int fragment = fragmentLength(peerMaxPduLength);
            begin();
            try {
                writeFragments(contextId, true, command, fragment);
                PDataOutputStream data = new PDataOutputStream(contextId, fragment);
                dataSet.writeTo(data);
                data.finish();
                out.flush();
            } finally {
                writing = false;
            }
        } finally {
            lock.unlock();
        }
    }

    private static int fragmentLength(long peerMaxPduLength) {
        long max = peerMaxPduLength == 0 || peerMaxPduLength > SEND_CAP ? SEND_CAP : peerMaxPduLength;
        // PS3.8 E.1: every fragment of a message has an even number of bytes (dcmtk refuses odd ones)
        return (int) Math.max(2, (max - PresentationDataValue.HEADER_LENGTH) & ~1L);
    }

    /**
     * Cuts what is written into data set PDVs of at most {@code fragment} bytes. A full buffer is sent
     * only once more bytes follow, so the last PDV (flagged last) is never empty.
     */
    private final class PDataOutputStream extends OutputStream {
        private final int contextId;
        private final byte[] buffer;
        private int count;

        PDataOutputStream(int contextId, int fragment) {
            this.contextId = contextId;
            // one fragment is held at most; the cap keeps a peer announcing a huge PDU from costing much
            this.buffer = new byte[fragment];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (count == buffer.length) {
                    PduCodec.writePData(out, contextId, false, false, buffer, 0, count);
                    count = 0;
                }
                int n = Math.min(len, buffer.length - count);
                System.arraycopy(b, off, buffer, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        void finish() throws IOException {
            PduCodec.writePData(out, contextId, false, true, buffer, 0, count);
        }
    }

    void writeMessage(int contextId, byte[] command, byte[] dataSet, long peerMaxPduLength) throws IOException {
        writeMessage(contextId, command, dataSet, peerMaxPduLength, () -> true);
    }

    private void acquire() throws IOException {
        try {
            if (stallMillis <= 0) {
                lock.lockInterruptibly();
            } else if (!lock.tryLock(stallMillis, TimeUnit.MILLISECONDS)) {
                // whoever holds it is stuck writing to a peer that does not read: give up on the peer
                onStall.run();
                throw new SocketException("write to the peer stalled for " + stallMillis + " ms; connection closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write");
        }
    }

    private void begin() {
        lastProgressNanos = System.nanoTime();
        writing = true;
    }

    private void drainControl() throws IOException {
        Object next;
        while ((next = control.poll()) != null) {
            if (next == CLOSE) {
                onStall.run();
                continue;
            }
            begin();
            try {
                out.write(PduCodec.encode((Pdu) next));
                out.flush();
            } finally {
                writing = false;
            }
        }
    }

    private void writeFragments(int contextId, boolean command, byte[] data, int fragment) throws IOException {
        int off = 0;
        do {
            int len = Math.min(fragment, data.length - off);
            boolean last = off + len == data.length;
            PduCodec.writePData(out, contextId, command, last, data, off, len);
            off += len;
        } while (off < data.length);
    }

    /** Records progress of every underlying write, in pieces small enough to show it. */
    private final class ProgressStream extends OutputStream {
        private final OutputStream target;

        ProgressStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            lastProgressNanos = System.nanoTime();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, PROGRESS_CHUNK);
                target.write(b, off, n);
                lastProgressNanos = System.nanoTime();
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
