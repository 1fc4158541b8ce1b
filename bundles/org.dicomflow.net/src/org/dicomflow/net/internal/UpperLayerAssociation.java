package org.dicomflow.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;
import org.dicomflow.net.DataSetSource;
import org.dicomflow.net.FindResponses;
import org.dicomflow.net.StoreResult;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationAbortedException;
import org.dicomflow.net.AssociationRejectedException;
import org.dicomflow.net.DimseHandler;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseTimeoutException;
import org.dicomflow.net.NegotiatedContext;
import org.dicomflow.net.NegotiatedParameters;
import org.dicomflow.net.Timeouts;
import org.dicomflow.net.pdu.AAbort;
import org.dicomflow.net.pdu.AAssociateAc;
import org.dicomflow.net.pdu.AAssociateRj;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.AReleaseRp;
import org.dicomflow.net.pdu.AReleaseRq;
import org.dicomflow.net.pdu.ContextResult;
import org.dicomflow.net.pdu.PDataTf;
import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PduFormatException;
import org.dicomflow.net.pdu.PduReader;
import org.dicomflow.net.pdu.PresentationContextProposal;
import org.dicomflow.net.pdu.PresentationContextReply;
import org.dicomflow.net.pdu.PresentationDataValue;
import org.dicomflow.net.pdu.UserInformation;

/**
 * One association, either side, driven by the PS3.8 state machine ({@link StateTable}). Events
 * come from the reader thread (received PDUs, connection loss), from callers (release, abort,
 * send) and from timers. Each event is checked and performed in one critical section under
 * {@code lock}, which only changes state and queues control PDUs; the socket is written after the
 * lock is released, by the thread that caused the event, or by {@link SharedScheduler#io()} when
 * that thread must not block (timers, {@link #abort()}). So neither a slow peer nor a slow handler
 * ever holds up the state machine, and the timer thread never touches a socket stream.
 */
public final class UpperLayerAssociation implements Association {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.net");

    public enum Role { REQUESTOR, ACCEPTOR }

    /** Told about the life of an association; the server uses it for listeners and counting. */
    public interface Observer {
        void opened(UpperLayerAssociation association);

        void ended(UpperLayerAssociation association, Ending ending);

        /**
         * Asked, under the association's lock, once an A-ASSOCIATE-RQ passed every other check:
         * may this association count against the limit? Must not block.
         */
        default boolean admit(UpperLayerAssociation association) {
            return true;
        }

        /**
         * The rejection of this caller by the policy in force now (which may be newer than the one the connection
         * was accepted under), or null. Must not block.
         */
        default AAssociateRj callerRefusalNow(AAssociateRq rq, java.net.InetAddress peer) {
            return null;
        }
    }

    /** What the accepting side needs beyond the timeouts: policy, limits, the server to tell. */
    public record AcceptorSide(AcceptorPolicy policy, long requestTimeoutMillis, MemoryBudget budget,
            Observer observer) {
    }

    private static final Observer NO_OBSERVER = new Observer() {
        @Override
        public void opened(UpperLayerAssociation association) {
        }

        @Override
        public void ended(UpperLayerAssociation association, Ending ending) {
        }
    };

    /** After the server's A-ABORT had this long to go out, the socket is closed regardless. */
    private static final long SHUTDOWN_GRACE_MILLIS = 1000;

    private final Socket socket;
    private final Role role;
    private final Timeouts timeouts;
    private final long ownMaxPduLength;
    private final PduWriter writer;
    private final PendingResponses pending = new PendingResponses();
    /** Long operations we serve (see {@link #isLongOperation}), by message ID, so a C-CANCEL-RQ can reach them. */
    private final Map<Integer, IncomingRequest> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, DimseHandler> handlers;
    private final AcceptorPolicy policy;
    private final long requestTimeoutMillis;
    private final MemoryBudget budget;
    private final Observer observer;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private final Object lock = new Object();

    private State state = State.STA1;
    private int artimGeneration;
    private ScheduledFuture<?> artim;
    private ScheduledFuture<?> idleTimer;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean requestReceived;
    private AAssociateRq associateRq;
    private volatile NegotiatedParameters parameters;
    private MessageAssembler assembler;
    private Ending ending;
    /** Requests we may have outstanding ({@link #windowFor}); set once the association is established. */
    private volatile OperationWindow window;

    private UpperLayerAssociation(Socket socket, Role role, Timeouts timeouts, long ownMaxPduLength,
            Map<String, DimseHandler> handlers, AcceptorSide acceptor) throws IOException {
        this.socket = socket;
        this.role = role;
        this.timeouts = timeouts;
        this.ownMaxPduLength = ownMaxPduLength;
        this.handlers = Map.copyOf(handlers);
        this.policy = acceptor == null ? null : acceptor.policy();
        this.requestTimeoutMillis = acceptor == null ? timeouts.artim().toMillis() : acceptor.requestTimeoutMillis();
        this.budget = acceptor == null ? MemoryBudget.UNLIMITED : acceptor.budget();
        this.observer = acceptor == null ? NO_OBSERVER : acceptor.observer();
        // a peer that takes no byte for an ARTIM period is gone: close rather than block forever
        this.writer = new PduWriter(socket.getOutputStream(), timeouts.artim().toMillis(),
                () -> closeSocket("the peer stopped reading: no write progress within "
                        + timeouts.artim().toMillis() + " ms"));
        this.writer.startWatchdog();
    }

    /**
     * Requests an association on a connected socket and waits until it is accepted, rejected or
     * the ARTIM timeout expires.
     */
    public static UpperLayerAssociation request(Socket socket, AAssociateRq rq, Timeouts timeouts,
            Map<String, DimseHandler> handlers) throws IOException {
        UpperLayerAssociation a = new UpperLayerAssociation(socket, Role.REQUESTOR, timeouts,
                rq.userInformation().maxPduLength(), handlers, null);
        a.associateRq = rq;
        a.fire(Event.A_ASSOCIATE_REQUEST, null);
        a.fire(Event.TRANSPORT_CONNECT_CONFIRM, null);
        a.startReader();
        try {
            a.established.get();
        } catch (ExecutionException e) {
            a.closeSocket();
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            a.abort();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for A-ASSOCIATE-AC");
        }
        return a;
    }

    /** Serves a freshly accepted connection; returns at once, the reader thread does the rest. */
    public static UpperLayerAssociation accept(Socket socket, AcceptorSide acceptor, Timeouts timeouts,
            long ownMaxPduLength, Map<String, DimseHandler> handlers) throws IOException {
        UpperLayerAssociation a = new UpperLayerAssociation(socket, Role.ACCEPTOR, timeouts, ownMaxPduLength,
                handlers, acceptor);
        a.fire(Event.TRANSPORT_CONNECT_INDICATION, null);
        return a;
    }

    /** Starts the reader thread of an {@link #accept accepted} connection. */
    public void start() {
        startReader();
    }

    private void startReader() {
        Thread t = new Thread(this::readLoop, "dicom-association-" + socket.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
    }

    // ---------------------------------------------------------------- public API

    @Override
    public NegotiatedParameters parameters() {
        NegotiatedParameters p = parameters;
        if (p == null) {
            throw new IllegalStateException("association not negotiated yet");
        }
        return p;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public boolean isEstablished() {
        synchronized (lock) {
            return state == State.STA6;
        }
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** True until an A-ASSOCIATE-RQ arrived (acceptor side): a bare TCP connection, still open. */
    public boolean awaitingRequest() {
        return role == Role.ACCEPTOR && !requestReceived && !socket.isClosed();
    }

    /** Our side closed the connection; the reader thread is about to end. */
    public boolean connectionClosed() {
        return socket.isClosed();
    }

    /** Calling/called AE titles from the A-ASSOCIATE-RQ, empty strings before it arrived. */
    public String callingAeTitle() {
        synchronized (lock) {
            return associateRq == null ? "" : associateRq.callingAeTitle();
        }
    }

    public String calledAeTitle() {
        synchronized (lock) {
            return associateRq == null ? "" : associateRq.calledAeTitle();
        }
    }

    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Completes with the ending once the association is over (state Sta1). */
    public CompletableFuture<Ending> ended() {
        return ended;
    }

    @Override
    public DimseStatus echo() throws IOException {
        NegotiatedContext context = parameters().acceptedContext(UID.Verification).orElseThrow(
                () -> new IllegalStateException("the peer did not accept a Verification presentation context"));
        int messageId = pending.nextMessageId();
        CommandSet rq = new CommandSet()
                .setString(Tag.AffectedSOPClassUID, UID.Verification)
                .setInt(Tag.CommandField, CommandField.C_ECHO_RQ)
                .setInt(Tag.MessageID, messageId)
                .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET);
        return DimseStatus.of(invoke(context.id(), rq, (byte[]) null, "C-ECHO").status());
    }

    /**
     * Sends a request and waits for its final response, at most the DIMSE timeout. The request's
     * MessageID must come from {@link #nextMessageId()}. The timeout bounds the whole call: if the
     * request itself is still being sent when it expires (the peer does not read), the connection
     * is closed. After a timeout with the request sent, the association stays usable.
     */
    public CommandSet invoke(int contextId, CommandSet request, byte[] dataSet, String name) throws IOException {
        return invoke(contextId, request, dataSet == null ? null : out -> out.write(dataSet), name);
    }

    /** As above with a data set written while it is sent (streamed from a file, encoded on the fly). */
    CommandSet invoke(int contextId, CommandSet request, PduWriter.DataSetWriter dataSet, String name)
            throws IOException {
        return await(invokeAsync(contextId, request, dataSet, name), name);
    }

    /**
     * Sends a request without waiting for its response: takes a place in the window (waiting at most the
     * DIMSE timeout while it is full), sends the request on the calling thread and returns a future of the
     * final response. The DIMSE timer runs from the start of the send, as in {@link #invoke}; the future
     * fails when it expires, or when the association ends first.
     *
     * @throws IOException no place in the window, or the request could not be sent (then it is not outstanding)
     */
    CompletableFuture<CommandSet> invokeAsync(int contextId, CommandSet request, PduWriter.DataSetWriter dataSet,
            String name) throws IOException {
        OperationWindow w = acquireWindow(name);
        int messageId = request.messageId();
        OutstandingRequest outstanding = new OutstandingRequest(w::leave);
        pending.register(messageId, outstanding);
        long timeoutMillis = timeouts.dimseResponse().toMillis();
        AtomicBoolean sent = new AtomicBoolean();
        // the timer thread is shared by all associations: the future is completed, and whatever the caller
        // chained to it runs, on the I/O pool
        outstanding.timer(SharedScheduler.schedule(() -> SharedScheduler.io().execute(() -> {
            String what = sent.get() ? "no " + name + " response to message ID " + messageId
                    : name + " request with message ID " + messageId + " not even sent";
            pending.unregister(messageId, outstanding);
            boolean expired = outstanding.failIfOpen(new DimseTimeoutException(what + " from " + peerDescription()
                    + " within " + timeoutMillis + " ms"));
            if (expired && !sent.get()) {
                // the send is stuck on a peer that does not read: only closing ends it
                closeSocket(what + " within " + timeoutMillis + " ms (DIMSE timeout)");
            }
        }), timeoutMillis));
        try {
            send(contextId, request, dataSet);
            sent.set(true);
        } catch (IOException | RuntimeException e) {
            pending.unregister(messageId, outstanding);
            if (!outstanding.failIfOpen(e instanceof IOException io ? io : new IOException(e))) {
                // the DIMSE timer closed the connection under the send: its reason is the one to tell
                throw rethrowable(causeOf(outstanding.response()));
            }
            throw e;
        }
        return outstanding.response();
    }

    /** Waits for a free place in the asynchronous operations window, at most the DIMSE timeout. */
    private OperationWindow acquireWindow(String name) throws IOException {
        parameters();
        OperationWindow w = window;
        long timeoutMillis = timeouts.dimseResponse().toMillis();
        w.enter(timeoutMillis, () -> name + " not sent: the operations outstanding on the association with "
                + peerDescription() + " did not end within " + timeoutMillis + " ms", name);
        return w;
    }

    /** The result of an operation the caller waits for; failures as they were raised. */
    private static <T> T await(CompletableFuture<T> future, String name) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name + " response");
        }
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
        try {
            failed.getNow(null);
            return new IllegalStateException("not failed");
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    public int nextMessageId() {
        return pending.nextMessageId();
    }

    /** Sends one DIMSE message (request or response). */
    public void send(int contextId, CommandSet command, byte[] dataSet) throws IOException {
        long peerMax = peerMaxForSending();
        writer.writeMessage(contextId, command.encode(), dataSet, peerMax, () -> {
            synchronized (lock) {
                return maySendData();
            }
        });
        lastActivityNanos = System.nanoTime();
    }

    /**
     * Sends one DIMSE message whose data set is produced while it goes out. If producing it fails, part
     * of the message is on the wire and nothing can follow it: the association is aborted.
     */
    void send(int contextId, CommandSet command, PduWriter.DataSetWriter dataSet) throws IOException {
        if (dataSet == null) {
            send(contextId, command, (byte[]) null);
            return;
        }
        long peerMax = peerMaxForSending();
        AtomicBoolean sourceFailed = new AtomicBoolean();
        try {
            writer.writeMessage(contextId, command.encode(), out -> {
                try {
                    dataSet.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    if (!(e instanceof java.net.SocketException)) {
                        sourceFailed.set(true);
                    }
                    throw e;
                }
            }, peerMax, () -> {
                synchronized (lock) {
                    return maySendData();
                }
            });
        } catch (IOException | RuntimeException e) {
            String why = "data set could not be sent completely (" + e.getMessage() + ")";
            abort(why);
            throw e instanceof IOException io && !sourceFailed.get() ? io : new IOException(why, e);
        }
        lastActivityNanos = System.nanoTime();
    }

    private long peerMaxForSending() throws IOException {
        synchronized (lock) {
            if (!maySendData()) {
                if (ending != null) {
                    // over: say why (e.g. the peer's A-ABORT) rather than which state it is in now
                    throw ending.failure();
                }
                throw new IOException("cannot send on association with " + peerDescription() + " in state " + state);
            }
            return parameters.peerMaxPduLength();
        }
    }

    void unregister(int messageId, PendingResponses.Listener listener) {
        pending.unregister(messageId, listener);
    }

    // ---------------------------------------------------------------- C-STORE and C-FIND SCU

    @Override
    public StoreResult store(DataSetSource source) throws IOException {
        return await(storeAsync(source), "C-STORE");
    }

    @Override
    public CompletableFuture<StoreResult> storeAsync(DataSetSource source) throws IOException {
        String cuid = source.sopClassUid();
        String ts = source.transferSyntaxUid();
        Optional<NegotiatedContext> exact = acceptedContexts(cuid).stream()
                .filter(c -> c.transferSyntax().equals(ts)).findFirst();
        NegotiatedContext context;
        DataSetSource toSend = source;
        if (exact.isPresent()) {
            context = exact.get();
        } else {
            Optional<NegotiatedContext> nativeContext = acceptedContexts(cuid).stream()
                    .filter(c -> isPlainNative(c.transferSyntax()))
                    .min(java.util.Comparator.comparingInt(c -> nativePreference(c.transferSyntax())));
            if (acceptedContexts(cuid).isEmpty()) {
                return notSent(source, "no presentation context for SOP class " + describeUid(cuid)
                        + " was accepted by " + peerDescription() + " (data set in " + describeUid(ts)
                        + (TransferSyntax.of(ts).isNative() ? ")" : ", compressed: not converted)"));
            }
            if (nativeContext.isEmpty() || !TransferSyntax.of(ts).isNative()) {
                return notSent(source, "transfer syntax " + describeUid(ts) + " was not accepted by "
                        + peerDescription() + " for " + describeUid(cuid) + (TransferSyntax.of(ts).isNative() ? ""
                        : "; compressed data is not converted"));
            }
            context = nativeContext.get();
            try {
                toSend = source.transcodedTo(context.transferSyntax());
            } catch (IOException | RuntimeException e) {
                return notSent(source, "cannot convert to " + describeUid(context.transferSyntax())
                        + ": " + e.getMessage());
            }
            if (toSend == null) {
                return notSent(source, "transfer syntax " + describeUid(ts) + " was not accepted by "
                        + peerDescription() + " and cannot be converted");
            }
        }
        CommandSet rq = new CommandSet()
                .setString(Tag.AffectedSOPClassUID, cuid)
                .setInt(Tag.CommandField, CommandField.C_STORE_RQ)
                .setInt(Tag.MessageID, pending.nextMessageId())
                .setInt(Tag.Priority, 0)
                .setInt(Tag.CommandDataSetType, 0)
                .setString(Tag.AffectedSOPInstanceUID, source.sopInstanceUid());
        DataSetSource body = toSend;
        String syntax = context.transferSyntax();
        return invokeAsync(context.id(), rq, body::writeTo, "C-STORE").thenApply(rsp -> new StoreResult(cuid,
                source.sopInstanceUid(), syntax, DimseStatus.of(rsp.status()), rsp.getString(Tag.ErrorComment), null));
    }

    private static CompletableFuture<StoreResult> notSent(DataSetSource source, String why) {
        return CompletableFuture.completedFuture(StoreResult.notSent(source, why));
    }

    private List<NegotiatedContext> acceptedContexts(String abstractSyntax) {
        return parameters().contexts().stream()
                .filter(c -> c.isAccepted() && c.abstractSyntax().equals(abstractSyntax)).toList();
    }

    /** Native and not deflated: what a data set can be re-encoded into. */
    private static boolean isPlainNative(String ts) {
        TransferSyntax t = TransferSyntax.of(ts);
        return t.isNative() && !t.deflated();
    }

    /** Explicit VR LE keeps VRs, Implicit is universal, big endian last (retired). */
    private static int nativePreference(String ts) {
        return UID.ExplicitVRLittleEndian.equals(ts) ? 0 : UID.ImplicitVRLittleEndian.equals(ts) ? 1 : 2;
    }

    private static String describeUid(String uid) {
        String name = org.dicomflow.dicom.UIDDictionary.nameOf(uid);
        return name == null ? uid : name + " (" + uid + ")";
    }

    /** The accepted context of a query/retrieve information model; refusing it is the caller's mistake to report. */
    private NegotiatedContext queryContext(String informationModelSopClass) {
        return parameters().acceptedContext(informationModelSopClass).orElseThrow(
                () -> new IllegalStateException("the peer did not accept a presentation context for "
                        + describeUid(informationModelSopClass)));
    }

    private static byte[] encodeIdentifier(NegotiatedContext context, DataSet identifier) throws IOException {
        java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
        new DicomWriter(encoded, TransferSyntax.of(context.transferSyntax()), WriteOptions.DEFAULT).writeDataSet(identifier);
        return encoded.toByteArray();
    }

    /** The command of a C-FIND, C-MOVE or C-GET request (medium priority, an identifier follows). */
    private static CommandSet queryCommand(String informationModelSopClass, int commandField, int messageId) {
        return new CommandSet()
                .setString(Tag.AffectedSOPClassUID, informationModelSopClass)
                .setInt(Tag.CommandField, commandField)
                .setInt(Tag.MessageID, messageId)
                .setInt(Tag.Priority, 0)
                .setInt(Tag.CommandDataSetType, 0);
    }

    @Override
    public FindResponses find(String informationModelSopClass, DataSet identifier) throws IOException {
        NegotiatedContext context = queryContext(informationModelSopClass);
        byte[] encoded = encodeIdentifier(context, identifier);
        int messageId = pending.nextMessageId();
        CommandSet rq = queryCommand(informationModelSopClass, CommandField.C_FIND_RQ, messageId);
        OperationWindow w = acquireWindow("C-FIND");
        FindOperation op = new FindOperation(this, context.id(), messageId, context.transferSyntax(),
                timeouts.dimseResponse().toMillis(), w::leave);
        pending.register(messageId, op);
        try {
            send(context.id(), rq, encoded);
        } catch (IOException | RuntimeException e) {
            pending.unregister(messageId, op);
            op.fail(e instanceof IOException io ? io : new IOException(e));
            throw e;
        }
        return op;
    }

    @Override
    public org.dicomflow.net.MoveResponses move(String informationModelSopClass, String destinationAeTitle,
            DataSet identifier) throws IOException {
        String destination = org.dicomflow.net.AeTitle.normalize(destinationAeTitle);
        return retrieve("C-MOVE", CommandField.C_MOVE_RQ, informationModelSopClass, destination, identifier);
    }

    @Override
    public org.dicomflow.net.GetResponses get(String informationModelSopClass, DataSet identifier)
            throws IOException {
        return retrieve("C-GET", CommandField.C_GET_RQ, informationModelSopClass, null, identifier);
    }

    private RetrieveOperation retrieve(String name, int commandField, String informationModelSopClass,
            String destination, DataSet identifier) throws IOException {
        NegotiatedContext context = queryContext(informationModelSopClass);
        byte[] encoded = encodeIdentifier(context, identifier);
        int messageId = pending.nextMessageId();
        CommandSet rq = queryCommand(informationModelSopClass, commandField, messageId);
        if (destination != null) {
            rq.setString(Tag.MoveDestination, destination);
        }
        OperationWindow w = acquireWindow(name);
        RetrieveOperation op = new RetrieveOperation(this, name, context.id(), messageId, context.transferSyntax(),
                destination, timeouts.dimseResponse().toMillis(), w::leave);
        pending.register(messageId, op);
        try {
            send(context.id(), rq, encoded);
        } catch (IOException | RuntimeException e) {
            pending.unregister(messageId, op);
            op.fail(e instanceof IOException io ? io : new IOException(e));
            throw e;
        }
        return op;
    }

    /** When the last PDU arrived from the peer (or, before any, when the association started). */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** The peer's AE title: the called AE as requestor, the calling AE as acceptor; empty before negotiation. */
    public String peerAeTitle() {
        return role == Role.REQUESTOR ? calledAeTitle() : callingAeTitle();
    }

    private boolean maySendData() {
        return state == State.STA6 || state == State.STA8;
    }

    /**
     * Orderly release. If the peer released (or aborted) first, waits for that ending instead and
     * reports it: a release that crosses the peer's is a clean release, not an error.
     */
    @Override
    public void release() throws IOException {
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (lock) {
            if (state == State.STA6) {
                perform(Action.AR_1, null, afterwards);
            } else {
                boolean releaseUnderway = state.compareTo(State.STA7) >= 0 && state.compareTo(State.STA12) <= 0;
                if (!releaseUnderway && ending == null) {
                    throw new IllegalStateException("cannot release an association in " + state);
                }
            }
        }
        runAfterwards(afterwards, false);
        Ending e = awaitEnd();
        if (e.kind() != Ending.Kind.RELEASED) {
            throw e.failure();
        }
    }

    /** A-ABORT now; idempotent, never throws, never blocks (the A-ABORT is written by another thread). */
    @Override
    public void abort() {
        abort("aborted by local user");
    }

    @Override
    public void close() throws IOException {
        boolean release;
        synchronized (lock) {
            release = state == State.STA6;
        }
        if (release) {
            release();
        } else {
            abort();
        }
    }

    // ---------------------------------------------------------------- events

    /** Aborts unless already over; {@code reason} is what listeners and waiting callers see. */
    void abort(String reason) {
        abort(reason, false);
    }

    /**
     * Server shutdown: A-ABORT, then close the connection right after it rather than waiting for
     * the peer to close it, and at the latest after a short grace period.
     */
    public void shutdown(String reason) {
        abort(reason, true);
        SharedScheduler.schedule(() -> closeSocket(reason), SHUTDOWN_GRACE_MILLIS);
    }

    private void abort(String reason, boolean thenClose) {
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (lock) {
            if (state == State.STA1 || state == State.STA13) {
                if (thenClose) {
                    closeSocket();
                }
                return;
            }
            if (state == State.STA2) {
                // no peer AE to talk to yet: just drop the connection, the reader ends it (AA-5)
                recordEnding(Ending.Kind.ABORTED, reason, null);
                closeSocket();
                return;
            }
            Action action = StateTable.action(state, Event.A_ABORT_REQUEST);
            if (action == null) {
                return;
            }
            recordEnding(Ending.Kind.ABORTED, reason, new AssociationAbortedException(reason,
                    AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED));
            perform(action, null, afterwards);
            if (thenClose) {
                writer.enqueueClose();
            }
        }
        runAfterwards(afterwards, true);
    }

    private Ending awaitEnd() throws IOException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the association to end");
        }
    }

    /**
     * Performs what {@code event} calls for in the current state, checked and done in one critical
     * section; returns {@code null} when the event does not apply (any more): a late timer, a reader
     * noticing a close we caused, or a local primitive overtaken by the peer.
     */
    private Action fire(Event event, Object arg) {
        List<Runnable> afterwards = new ArrayList<>();
        Action action;
        synchronized (lock) {
            action = StateTable.action(state, event);
            if (action == null) {
                return null;
            }
            perform(action, arg, afterwards);
        }
        runAfterwards(afterwards, false);
        return action;
    }

    /**
     * Runs what was decided under the lock: completing futures, telling the observer, writing the
     * queued control PDUs. The write goes to the I/O pool when the caller must not block.
     */
    private void runAfterwards(List<Runnable> afterwards, boolean mustNotBlock) {
        for (Runnable r : afterwards) {
            r.run();
        }
        if (writer.hasQueued()) {
            if (mustNotBlock || SharedScheduler.onTimerThread()) {
                SharedScheduler.io().execute(this::flush);
            } else {
                flush();
            }
        }
    }

    private void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            closeSocket("connection to " + peerDescription() + " lost: " + e.getMessage());
        }
    }

    /** Runs {@code action} with the lock held; work that must not hold it goes to {@code afterwards}. */
    private void perform(Action action, Object arg, List<Runnable> afterwards) {
        switch (action) {
            case AE_1 -> state = State.STA4; // the transport connection is already open when we get here
            case AE_2 -> {
                sendControl(associateRq);
                startArtim();
                state = State.STA5;
            }
            case AE_3 -> {
                stopArtim();
                AAssociateAc ac = (AAssociateAc) arg;
                parameters = requestorParameters(associateRq, ac);
                window = windowFor(parameters);
                // as requestor we buffer what a peer sends unasked and answer it (SOP class not supported)
                assembler = new MessageAssembler(this::isAcceptedContext, id -> true, budget, this::route);
                state = State.STA6;
                afterwards.add(() -> established.complete(null));
            }
            case AE_4 -> {
                stopArtim();
                AAssociateRj rj = (AAssociateRj) arg;
                recordEnding(Ending.Kind.REJECTED, rj.describe(), new AssociationRejectedException(rj));
                toIdle(afterwards);
            }
            case AE_5 -> {
                startArtim(requestTimeoutMillis);
                state = State.STA2;
            }
            case AE_6 -> acceptOrReject((AAssociateRq) arg, afterwards);
            case AE_7, AE_8, DT_1, AR_7, AR_9 ->
                throw new AssertionError(action + " is performed inline by the preceding action");
            case DT_2, AR_6 -> lastActivityNanos = System.nanoTime(); // the reader delivers the data
            case AR_1 -> {
                sendControl(new AReleaseRq());
                startArtim();
                state = State.STA7;
            }
            case AR_2 -> {
                // we have nothing to finish first, so the local release response follows at once
                state = State.STA8;
                sendReleaseResponse();
            }
            case AR_3 -> {
                stopArtim();
                recordEnding(Ending.Kind.RELEASED, "", new IOException("association released"));
                toIdle(afterwards);
            }
            case AR_4 -> sendReleaseResponse();
            case AR_5 -> {
                stopArtim();
                toIdle(afterwards);
            }
            case AR_8 -> {
                if (role == Role.REQUESTOR) {
                    state = State.STA9; // AR-9 at once: we answer the peer's release and wait for ours
                    sendControl(new AReleaseRp());
                    state = State.STA11;
                } else {
                    state = State.STA10;
                }
            }
            case AR_10 -> {
                state = State.STA12;
                sendReleaseResponse();
            }
            case AA_1 -> {
                if (state == State.STA2) {
                    // nobody to speak for the service user yet, so the provider aborts with the real reason
                    recordEnding(Ending.Kind.ABORTED, "protocol error before A-ASSOCIATE-RQ: "
                            + (arg instanceof PduFormatException e ? e.getMessage() : "unexpected PDU"), null);
                    sendControl(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER, abortReason(arg)));
                } else {
                    sendControl(new AAbort(AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED));
                }
                startArtim();
                state = State.STA13;
                failWaiters(afterwards);
            }
            case AA_2 -> {
                stopArtim();
                recordEnding(Ending.Kind.ABORTED, "no A-ASSOCIATE-RQ within " + requestTimeoutMillis + " ms", null);
                toIdle(afterwards);
            }
            case AA_3 -> {
                AAbort abort = (AAbort) arg;
                String reason = "association with " + peerDescription() + " " + abort.describe();
                recordEnding(Ending.Kind.ABORTED, reason,
                        new AssociationAbortedException(reason, abort.source(), abort.reason()));
                toIdle(afterwards);
            }
            case AA_4, AA_5 -> {
                stopArtim();
                String reason = "connection to " + peerDescription() + " lost" + (arg == null ? "" : ": " + arg);
                recordEnding(Ending.Kind.ABORTED, reason, null);
                toIdle(afterwards);
            }
            case AA_6 -> state = State.STA13;
            case AA_7 -> {
                sendControl(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER, abortReason(arg)));
                state = State.STA13;
            }
            case AA_8 -> {
                int reason = abortReason(arg);
                String text = "protocol error, aborted by us: " + (arg instanceof PduFormatException e
                        ? e.getMessage() : "unexpected PDU in " + state);
                recordEnding(Ending.Kind.ABORTED, text,
                        new AssociationAbortedException(text, AAbort.SOURCE_SERVICE_PROVIDER, reason));
                sendControl(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER, reason));
                startArtim();
                state = State.STA13;
                failWaiters(afterwards);
            }
            default -> throw new AssertionError(action);
        }
    }

    private static int abortReason(Object arg) {
        return arg instanceof PduFormatException e ? e.abortReason() : AAbort.REASON_UNEXPECTED_PDU;
    }

    private void sendReleaseResponse() {
        recordEnding(Ending.Kind.RELEASED, "", new IOException("association released by " + peerDescription()));
        sendControl(new AReleaseRp());
        startArtim();
        state = State.STA13;
        pending.failAll(ending.failure());
        window.close(ending.failure());
    }

    private void acceptOrReject(AAssociateRq rq, List<Runnable> afterwards) {
        stopArtim();
        requestReceived = true;
        associateRq = rq;
        Pdu answer = policy.answer(rq, false, socket.getInetAddress());
        if (answer instanceof AAssociateAc) {
            // a caller removed from the allowed list since this connection was accepted is refused all the same
            AAssociateRj refusedNow = observer.callerRefusalNow(rq, socket.getInetAddress());
            if (refusedNow != null) {
                answer = refusedNow;
            }
        }
        if (answer instanceof AAssociateAc && !observer.admit(this)) {
            // counted only now: bare connections do not take the places of associations
            answer = policy.answer(rq, true, socket.getInetAddress());
        }
        if (answer instanceof AAssociateRj rj) {
            recordEnding(Ending.Kind.REJECTED, rj.describe(), new AssociationRejectedException(rj));
            sendControl(rj); // AE-8
            startArtim();
            state = State.STA13;
            return;
        }
        state = State.STA3;
        AAssociateAc ac = (AAssociateAc) answer;
        parameters = acceptorParameters(rq, ac);
        window = windowFor(parameters);
        assembler = new MessageAssembler(this::isAcceptedContext, this::takesDataSet, budget, this::route);
        sendControl(ac); // AE-7
        state = State.STA6;
        startIdleTimer();
        afterwards.add(() -> established.complete(null));
        afterwards.add(() -> observer.opened(this));
    }

    /** First reason wins: later events (the connection closing after an abort) do not overwrite it. */
    private void recordEnding(Ending.Kind kind, String reason, IOException failure) {
        if (ending == null) {
            ending = new Ending(kind, reason, failure != null ? failure
                    : new AssociationAbortedException(reason, -1, -1));
        }
    }

    private void failWaiters(List<Runnable> afterwards) {
        IOException failure = ending.failure();
        OperationWindow w = window;
        afterwards.add(() -> {
            established.completeExceptionally(failure);
            pending.failAll(failure);
            if (w != null) {
                w.close(failure);
            }
        });
    }

    /** Sta1: the association is over, the socket closed, every waiter woken. */
    private void toIdle(List<Runnable> afterwards) {
        state = State.STA1;
        stopArtim();
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        writer.stop();
        closeSocket();
        recordEnding(Ending.Kind.ABORTED, "connection closed", null);
        Ending e = ending;
        failWaiters(afterwards);
        afterwards.add(() -> {
            ended.complete(e);
            observer.ended(this, e);
        });
    }

    /** Queues a control PDU; the caller of {@link #fire} writes it once the lock is released. */
    private void sendControl(Pdu pdu) {
        writer.enqueue(pdu);
    }

    /** Closes the connection; the reader notices and drives the state machine to Sta1. Never blocks. */
    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that fails to close
        }
    }

    /** Closes with {@code reason} as the ending, unless the association already has one. */
    private void closeSocket(String reason) {
        synchronized (lock) {
            recordEnding(Ending.Kind.ABORTED, reason, null);
        }
        closeSocket();
    }

    // ---------------------------------------------------------------- timers

    private void startArtim() {
        startArtim(timeouts.artim().toMillis());
    }

    private void startArtim(long millis) {
        stopArtim();
        int generation = ++artimGeneration;
        artim = SharedScheduler.schedule(() -> artimExpired(generation), millis);
    }

    private void stopArtim() {
        artimGeneration++;
        if (artim != null) {
            artim.cancel(false);
            artim = null;
        }
    }

    /** Runs on the timer thread: decides and transitions here, writes on the I/O pool. */
    private void artimExpired(int generation) {
        long ms = timeouts.artim().toMillis();
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (lock) {
            if (generation != artimGeneration) {
                return;
            }
            switch (state) {
                case STA2, STA13 -> perform(StateTable.action(state, Event.ARTIM_EXPIRED), null, afterwards);
                case STA5 -> {
                    // PS3.8 has no timer here; without one a silent acceptor would hang us forever
                    recordEnding(Ending.Kind.ABORTED, "no A-ASSOCIATE-AC or -RJ within " + ms + " ms",
                            new SocketTimeoutException("no answer to A-ASSOCIATE-RQ from " + peerDescription()
                                    + " within " + ms + " ms"));
                    perform(StateTable.action(state, Event.A_ABORT_REQUEST), null, afterwards);
                }
                case STA7, STA10, STA11 -> {
                    recordEnding(Ending.Kind.ABORTED, "no A-RELEASE-RP within " + ms + " ms",
                            new SocketTimeoutException("no A-RELEASE-RP from " + peerDescription() + " within "
                                    + ms + " ms"));
                    perform(StateTable.action(state, Event.A_ABORT_REQUEST), null, afterwards);
                }
                default -> {
                    return;
                }
            }
        }
        runAfterwards(afterwards, true);
    }

    private void startIdleTimer() {
        long idleMillis = timeouts.idle().toMillis();
        if (role == Role.ACCEPTOR && idleMillis > 0) {
            idleTimer = SharedScheduler.schedule(this::idleCheck, idleMillis);
        }
    }

    /** Runs on the timer thread, like {@link #artimExpired}. */
    private void idleCheck() {
        long idleMillis = timeouts.idle().toMillis();
        long quietMillis = (System.nanoTime() - lastActivityNanos) / 1_000_000;
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (lock) {
            if (state != State.STA6) {
                return;
            }
            if (quietMillis < idleMillis || pending.size() > 0) {
                idleTimer = SharedScheduler.schedule(this::idleCheck, Math.max(1, idleMillis - quietMillis));
                return;
            }
            String reason = "idle for " + quietMillis + " ms (limit " + idleMillis + " ms)";
            recordEnding(Ending.Kind.ABORTED, reason, new AssociationAbortedException(reason,
                    AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED));
            perform(StateTable.action(state, Event.A_ABORT_REQUEST), null, afterwards);
        }
        runAfterwards(afterwards, true);
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        try {
            read();
        } finally {
            MessageAssembler a;
            synchronized (lock) {
                a = assembler;
            }
            if (a != null) {
                a.releaseAll();
            }
        }
    }

    private void read() {
        PduReader reader;
        InputStream in;
        try {
            in = socket.getInputStream();
            reader = new PduReader(in, ownMaxPduLength == 0 ? PduWriter.SEND_CAP : ownMaxPduLength);
        } catch (IOException e) {
            fire(Event.TRANSPORT_CLOSED, e.getMessage());
            return;
        }
        try {
            while (true) {
                Pdu pdu = reader.read();
                if (pdu == null) {
                    fire(Event.TRANSPORT_CLOSED, "closed by peer");
                    return;
                }
                lastActivityNanos = System.nanoTime();
                Action action = fire(eventFor(pdu), pdu);
                if (action == Action.DT_2 || action == Action.AR_6) {
                    deliver((PDataTf) pdu);
                }
                if (state() == State.STA1) {
                    return;
                }
            }
        } catch (PduFormatException e) {
            fire(Event.INVALID_PDU_RECEIVED, e);
            drain(in);
        } catch (IOException e) {
            fire(Event.TRANSPORT_CLOSED, e.getMessage());
        }
    }

    /** After a protocol error the stream is unusable: discard until the peer closes or ARTIM closes. */
    private void drain(InputStream in) {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            fire(Event.TRANSPORT_CLOSED, "closed by peer");
        } catch (IOException e) {
            fire(Event.TRANSPORT_CLOSED, e.getMessage());
        }
    }

    private static Event eventFor(Pdu pdu) {
        return switch (pdu.type()) {
            case Pdu.TYPE_ASSOCIATE_RQ -> Event.ASSOCIATE_RQ_RECEIVED;
            case Pdu.TYPE_ASSOCIATE_AC -> Event.ASSOCIATE_AC_RECEIVED;
            case Pdu.TYPE_ASSOCIATE_RJ -> Event.ASSOCIATE_RJ_RECEIVED;
            case Pdu.TYPE_P_DATA_TF -> Event.P_DATA_TF_RECEIVED;
            case Pdu.TYPE_RELEASE_RQ -> Event.RELEASE_RQ_RECEIVED;
            case Pdu.TYPE_RELEASE_RP -> Event.RELEASE_RP_RECEIVED;
            default -> Event.ABORT_RECEIVED;
        };
    }

    private void deliver(PDataTf data) throws PduFormatException {
        for (PresentationDataValue pdv : data.values()) {
            DimseMessage message = assembler.add(pdv);
            if (message != null) {
                try {
                    dispatch(message);
                } finally {
                    assembler.delivered();
                }
            }
        }
    }

    /** Set after the first command set that carried data elements was logged (reader thread only). */
    private boolean warnedOfDataInCommand;

    private void dispatch(DimseMessage message) {
        CommandSet command = message.command();
        if (command.dataElements() != null && !warnedOfDataInCommand) {
            // once per association: a peer sending such commands at wire speed must not flood the log
            warnedOfDataInCommand = true;
            StringBuilder tags = new StringBuilder();
            for (int tag : command.dataElementTags()) {
                tags.append(' ').append(Tag.toString(tag));
            }
            LOG.log(System.Logger.Level.WARNING, () -> String.format("%s put data elements%s into the command set"
                    + " of a 0x%04X message (PS3.7 6.3.1 allows group 0000 only); set aside, here and in later messages",
                    peerDescription(), tags,
                    command.commandField()));
        }
        if (CommandField.isResponse(command.commandField())) {
            pending.deliver(command, message.dataSet()); // false = late or bogus response: nobody waits, drop it
            return;
        }
        if (command.commandField() == CommandField.C_CANCEL_RQ) {
            // no response to a cancel (PS3.7 9.3.2.3); one for an operation already over is ignored
            IncomingRequest target = running.get(command.getInt(Tag.MessageIDBeingRespondedTo, -1));
            if (target != null) {
                target.cancel();
            }
            return;
        }
        NegotiatedContext context = parameters.context(message.contextId()).orElseThrow();
        IncomingRequest request = new IncomingRequest(this, message, context.transferSyntax());
        DimseHandler handler = handlers.get(context.abstractSyntax());
        if (handler != null && isLongOperation(command.commandField())) {
            running.put(request.messageId(), request);
            Thread t = new Thread(() -> {
                try {
                    serve(request, handler);
                } finally {
                    running.remove(request.messageId(), request);
                }
            }, "dicom-operation-" + peerDescription());
            t.setDaemon(true);
            t.start();
            return;
        }
        serve(request, handler);
    }

    /**
     * C-FIND, C-MOVE and C-GET run apart from the reader so that it goes on receiving C-CANCEL-RQ and, for a
     * C-GET, the C-STORE responses of the sub-operations.
     */
    private static boolean isLongOperation(int commandField) {
        return commandField == CommandField.C_FIND_RQ || commandField == CommandField.C_MOVE_RQ
                || commandField == CommandField.C_GET_RQ;
    }

    private void serve(IncomingRequest request, DimseHandler handler) {
        try {
            if (handler == null) {
                request.respond(DimseStatus.SOP_CLASS_NOT_SUPPORTED);
            } else {
                handler.handle(request);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: the handler's bundle went away mid-request; the requester still gets an answer
            if (!request.responded() && isEstablished()) {
                try {
                    request.respondFailure(e);
                } catch (IOException ignored) {
                    // the connection is gone; the reader will notice
                }
            }
        }
    }

    /**
     * Requests we may have outstanding. Both numbers of the A-ASSOCIATE-AC speak of the requestor (PS3.7
     * D.3.3.3): how many operations it may invoke, and how many it may perform, i.e. how many the acceptor may
     * invoke on it (C-GET sub-operations). 1 when no window was negotiated, 0 means unlimited.
     */
    private OperationWindow windowFor(NegotiatedParameters p) {
        UserInformation.AsyncOpsWindow w = p.asyncOpsWindow();
        int limit = w == null ? 1 : role == Role.REQUESTOR ? w.maxOperationsInvoked() : w.maxOperationsPerformed();
        return new OperationWindow(limit);
    }

    /** C-STORE-RQs on a context served by a {@link StorageService} stream their data set to it. */
    private MessageAssembler.DataSetSink route(int contextId, CommandSet command) {
        if (command.commandField() != CommandField.C_STORE_RQ) {
            return null;
        }
        NegotiatedContext context = parameters.context(contextId).orElse(null);
        DimseHandler handler = context == null ? null : handlers.get(context.abstractSyntax());
        if (!(handler instanceof StorageService storage)) {
            return null;
        }
        return new IncomingStore(this, storage.handler(), new DimseMessage(contextId, command, null),
                context.abstractSyntax(), context.transferSyntax());
    }

    private boolean takesDataSet(int contextId) {
        NegotiatedParameters p = parameters;
        DimseHandler handler = p == null ? null
                : p.context(contextId).map(c -> handlers.get(c.abstractSyntax())).orElse(null);
        return handler != null && handler.acceptsDataSet();
    }

    private boolean isAcceptedContext(int id) {
        NegotiatedParameters p = parameters;
        return p != null && p.context(id).map(NegotiatedContext::isAccepted).orElse(false);
    }

    private String peerDescription() {
        String called = associateRq == null ? "" : (role == Role.REQUESTOR ? associateRq.calledAeTitle()
                : associateRq.callingAeTitle()) + "@";
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        return called + (remote == null ? "?" : remote.getHostString() + ":" + remote.getPort());
    }

    // ---------------------------------------------------------------- negotiation results

    private NegotiatedParameters requestorParameters(AAssociateRq rq, AAssociateAc ac) {
        List<NegotiatedContext> contexts = new ArrayList<>();
        for (PresentationContextProposal p : rq.presentationContexts()) {
            Optional<PresentationContextReply> reply = ac.presentationContexts().stream()
                    .filter(r -> r.id() == p.id()).findFirst();
            contexts.add(new NegotiatedContext(p.id(), p.abstractSyntax(),
                    reply.map(r -> ContextResult.of(r.result())).orElse(ContextResult.NO_REASON),
                    reply.map(PresentationContextReply::transferSyntax).orElse(null)));
        }
        UserInformation ui = ac.userInformation();
        return new NegotiatedParameters(rq.callingAeTitle(), rq.calledAeTitle(), contexts, ownMaxPduLength,
                ui.maxPduLength(), ui.implementationClassUid(), ui.implementationVersionName(), ui.asyncOpsWindow(),
                ui.roleSelections(), 0);
    }

    private NegotiatedParameters acceptorParameters(AAssociateRq rq, AAssociateAc ac) {
        List<NegotiatedContext> contexts = new ArrayList<>();
        List<PresentationContextProposal> proposals = rq.presentationContexts();
        for (int i = 0; i < proposals.size(); i++) {
            PresentationContextProposal p = proposals.get(i);
            PresentationContextReply r = ac.presentationContexts().get(i);
            // a duplicate ID is answered with a rejection; keep only the first so lookups by ID stay unambiguous
            if (contexts.stream().noneMatch(c -> c.id() == p.id())) {
                contexts.add(new NegotiatedContext(p.id(), p.abstractSyntax(), ContextResult.of(r.result()),
                        r.transferSyntax()));
            }
        }
        UserInformation ui = rq.userInformation();
        return new NegotiatedParameters(rq.callingAeTitle(), rq.calledAeTitle(), contexts, ownMaxPduLength,
                ui.maxPduLength(), ui.implementationClassUid(), ui.implementationVersionName(),
                ac.userInformation().asyncOpsWindow(), ac.userInformation().roleSelections(),
                ui.userIdentityRq() == null ? 0 : ui.userIdentityRq().identityType());
    }

    private static IOException rethrowable(Throwable t) {
        if (t instanceof IOException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        return new IOException(t);
    }
}
