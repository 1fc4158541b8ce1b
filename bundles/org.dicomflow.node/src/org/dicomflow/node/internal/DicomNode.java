package org.dicomflow.node.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.ServerConfig;
import org.dicomflow.net.StorageSopClasses;
import org.dicomflow.node.LocalNode;
import org.dicomflow.node.ReceiveHook;
import org.dicomflow.node.RemoteNode;
import org.dicomflow.node.RemoteNodeList;
import org.dicomflow.store.Archive;
import org.dicomflow.store.FindOptions;
import org.dicomflow.store.StoredInstance;
import org.dicomflow.node.NodeSettings;
import org.dicomflow.node.NodeStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The local node: a DICOM SCP configured by Configuration Admin (PID {@value NodeSettings#PID}). It exists
 * only while that configuration does. It stores what it receives into its {@link Archive} and serves
 * Verification, Storage and Query/Retrieve (C-FIND, C-MOVE, C-GET) over it. Association listeners and
 * receive hooks registered by any bundle (whiteboard) are told about every association and every stored
 * instance; the node itself logs one line per association and per stored instance.
 * <p>
 * A configuration change is applied in place when it only concerns new associations or the next request
 * (allowed callers, limits, timeouts, duplicate policy, C-FIND options, forwarding, the command on
 * reception): open associations go on. A new AE title, bind address, port, TLS settings or archive root
 * restarts the listener (and reopens the archive), which closes the open associations. TLS files changed at the
 * same paths (a renewed certificate) are read again for new associations without a restart.
 */
@Component(service = LocalNode.class, configurationPid = NodeSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class DicomNode implements LocalNode {

    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    private final List<AssociationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<NodeStatus>> statusListeners = new CopyOnWriteArrayList<>();
    /** How long deactivation waits for the associations of the stopped server to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** Bound {@link ReceiveHook} services; the built-in hooks of the settings are added per start. */
    private final List<ReceiveHook> boundHooks = new CopyOnWriteArrayList<>();

    private volatile NodeStatus status;
    /** What runs with {@link #server}: the archive and the hooks; null when stopped. */
    private Running running;
    /** Read by the servers' event threads and {@link #status()}; written under this component's monitor. */
    private volatile DicomServer server;

    @Activate
    void activate(Map<String, Object> properties) {
        start(settingsOrNull(properties));
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        NodeSettings next = settingsOrNull(properties);
        NodeStatus now = status;
        if (next != null && now != null && now.listening() && server != null) {
            if (next.equals(now.settings())) {
                return;
            }
            if (!needsNewListener(now.settings(), next) && applyInPlace(next)) {
                return;
            }
        }
        // what ran before, as the status reports it (also after changes applied in place)
        NodeSettings previous = now != null && now.listening() ? now.settings() : null;
        stop();
        start(next);
        NodeStatus after = status;
        if (previous != null && (after == null || !after.listening())) {
            // an edit that cannot work (a port in use, an archive that does not open, an invalid value) must not
            // take a serving node down: go on with what ran before and say why the new settings are not in force
            String problem = next == null ? "invalid configuration" : after == null ? "not started" : after.problem();
            LOG.severe("node: the new settings are not applied (" + problem + "); going on with the previous ones");
            start(previous);
            NodeStatus restored = status;
            if (restored != null && restored.listening()) {
                publish(new NodeStatus(restored.settings(), true, "new settings not applied: " + problem,
                        restored.activeAssociations()));
            }
        }
    }

    /**
     * The settings a running listener cannot take: its socket (bind address, port, TLS) and the called AE
     * title are fixed when it starts, and the archive is opened with it.
     */
    private static boolean needsNewListener(NodeSettings running, NodeSettings next) {
        return !running.aeTitle().equals(next.aeTitle()) || !running.bindAddress().equals(next.bindAddress())
                || running.port() != next.port() || !Objects.equals(running.tls(), next.tls())
                || !running.archivePath().equals(next.archivePath());
    }

    /**
     * Applies {@code next} to the running listener, archive and hooks; false when it cannot (an allowed
     * caller's host does not resolve, a forward queue's folder cannot be made), and the caller restarts, so
     * the node never goes on with settings other than the ones it reports.
     */
    private boolean applyInPlace(NodeSettings next) {
        Running r = running;
        try {
            server.reconfigure(serverConfig(next, r));
            r.applyBuiltInHooks(next);
        } catch (IOException | RuntimeException e) {
            LOG.warning("node " + next.aeTitle() + ": new settings cannot be applied in place (" + e.getMessage()
                    + "); restarting the listener");
            return false;
        }
        r.archive.setDuplicatePolicy(next.duplicatePolicy());
        r.findOptions = new FindOptions(next.caseInsensitivePersonNames());
        publish(new NodeStatus(next, true, null, server.activeAssociations()));
        LOG.info("node " + next.aeTitle() + ": settings applied, " + server.activeAssociations()
                + " open association(s) go on");
        return true;
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        LOG.info("node stopped");
    }

    /** Starts with {@code settings} (null when the configuration is invalid: nothing starts). */
    private synchronized void start(NodeSettings settings) {
        if (settings == null) {
            return;
        }
        Running r;
        try {
            r = new Running(settings);
        } catch (IOException | RuntimeException e) {
            fail(settings, "archive " + settings.archivePath() + ": " + e.getMessage());
            return;
        }
        try {
            // the files as they are before the listener reads them: a renewal in between is reloaded
            TlsFilesWatch tlsWatch = settings.tls() == null ? null : new TlsFilesWatch(settings.tls(),
                    NodeConfigurationWatch.QUIET, () -> reloadTls(r.dispatcher.server, settings));
            DicomServer started = new ApplicationEntity(settings.aeTitle()).listen(serverConfig(settings, r));
            r.dispatcher.server = started;
            server = started;
            running = r;
            if (tlsWatch != null) {
                r.tlsWatch = tlsWatch.start(NodeConfigurationWatch.INTERVAL);
            }
            publish(new NodeStatus(settings, true, null, 0));
            LOG.info("node " + settings.aeTitle() + " listening on " + settings.bindAddress() + ":" + server.localPort()
                    + (settings.tls() != null ? " (DICOM TLS)" : "") + ", archive " + r.archive.root());
        } catch (IOException | RuntimeException e) {
            r.close();
            fail(settings, e.getMessage());
        }
    }

    /** The TLS files changed: new associations use what they hold now, unless it is not usable (false). */
    private static boolean reloadTls(DicomServer s, NodeSettings settings) {
        try {
            s.reloadTls();
            LOG.info("node " + settings.aeTitle() + ": TLS certificate and trust files read again; new associations"
                    + " use them, open ones go on");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning("node " + settings.aeTitle() + ": the TLS files changed but cannot be used (" + e.getMessage()
                    + "); new associations go on with the previous ones; tried again later");
            return false;
        }
    }

    /** The listener's configuration for {@code settings}, serving the archive and hooks of {@code r}. */
    private static ServerConfig serverConfig(NodeSettings settings, Running r) {
        RetrieveScp retrieve = new RetrieveScp(r.archive, settings.aeTitle(), settings.timeouts(), DicomNode::knownNode);
        QueryScp query = new QueryScp(r.archive, () -> r.findOptions);
        ServerConfig config = ServerConfig.bind(settings.bindAddress(), settings.port())
                .withAllowedCallingAeTitles(settings.allowedCallingAets())
                .withMaxAssociations(settings.maxAssociations())
                .withTimeouts(settings.timeouts())
                .withStorage(StorageSopClasses.ALL, r.storage)
                .withListener(r.dispatcher);
        if (settings.tls() != null) {
            config = config.withTls(settings.tls());
        }
        for (String cuid : QueryScp.SOP_CLASSES) {
            config = config.withHandler(cuid, query);
        }
        for (String cuid : RetrieveScp.MOVE_SOP_CLASSES) {
            config = config.withHandler(cuid, retrieve);
        }
        for (String cuid : RetrieveScp.GET_SOP_CLASSES) {
            config = config.withHandler(cuid, retrieve);
        }
        return config;
    }

    /** The known remote node with this AE title (etc/remote-nodes.cfg, read now), or null. */
    private static RemoteNode knownNode(String aeTitle) {
        try {
            return RemoteNodeList.ofInstance().load().stream().filter(n -> n.aeTitle().equals(aeTitle)).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            LOG.warning("remote nodes unreadable: " + e.getMessage());
            return null;
        }
    }

    /** The archive and the receive hooks of one start of the node, with what the listener serves them by. */
    private final class Running implements AutoCloseable {
        final Archive archive;
        final ReceiveHookQueue hooks = new ReceiveHookQueue();
        final org.dicomflow.net.StorageHandler storage;
        /** One dispatcher per server: events of a server stopped by a restart report that server's count. */
        final Dispatcher dispatcher = new Dispatcher();
        /** Read by every C-FIND, so a change applies to the next one. */
        volatile FindOptions findOptions;
        /** The built-in hooks of the settings, replaced as those change (under the component's monitor). */
        private final Map<String, ForwardQueue> forwards = new LinkedHashMap<>();
        private ExecOnReception exec;
        private String execCommand = "";
        /** With TLS: follows its files once the listener runs. */
        TlsFilesWatch tlsWatch;

        Running(NodeSettings settings) throws IOException {
            archive = Archive.open(settings.archivePath(), settings.duplicatePolicy());
            storage = archive.storageHandler(this::stored);
            findOptions = new FindOptions(settings.caseInsensitivePersonNames());
            try {
                applyBuiltInHooks(settings);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            boundHooks.forEach(hooks::add);
        }

        /**
         * Makes the forward queues and the command on reception those of {@code settings}. A queue whose
         * destination stays keeps running and takes the new AE title and timeouts for its next batch (closing it
         * would interrupt and later resend its batch, and a worker stuck in a write could overlap a new one).
         */
        void applyBuiltInHooks(NodeSettings settings) throws IOException {
            for (Iterator<Map.Entry<String, ForwardQueue>> it = forwards.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, ForwardQueue> e = it.next();
                if (settings.forwardTo().contains(e.getKey())) {
                    e.getValue().use(settings.aeTitle(), settings.timeouts());
                } else {
                    hooks.remove(e.getValue());
                    closeQuietly(e.getValue());
                    it.remove();
                }
            }
            java.nio.file.Path instance = java.nio.file.Path.of(System.getProperty("dicomflow.instance", "."));
            for (String destination : settings.forwardTo()) {
                if (!forwards.containsKey(destination)) {
                    ForwardQueue q = new ForwardQueue(instance.resolve("state").resolve("forward").resolve(destination),
                            destination, () -> knownNode(destination), settings.aeTitle(), settings.timeouts());
                    forwards.put(destination, q);
                    hooks.add(q);
                }
            }
            if (!settings.execOnReception().equals(execCommand)) {
                if (exec != null) {
                    hooks.remove(exec);
                }
                exec = settings.execOnReception().isEmpty() ? null
                        : new ExecOnReception(settings.execOnReception(), instance.resolve("logs").resolve("exec.log"));
                execCommand = settings.execOnReception();
                if (exec != null) {
                    hooks.add(exec);
                }
            }
        }

        void stored(StoredInstance instance) {
            LOG.info("stored " + instance.sopInstanceUid() + " from " + instance.callingAeTitle() + " ("
                    + instance.size() + " bytes) as " + instance.path());
            hooks.stored(instance);
        }

        @Override
        public void close() {
            if (tlsWatch != null) {
                tlsWatch.close();
            }
            hooks.close();
            forwards.values().forEach(DicomNode::closeQuietly);
            try {
                archive.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "closing the archive failed", e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + c + " failed", e);
        }
    }

    private void fail(NodeSettings settings, String problem) {
        server = null;
        LOG.severe("node " + settings.aeTitle() + " cannot listen: " + problem);
        publish(new NodeStatus(settings, false, problem, 0));
    }

    private NodeSettings settingsOrNull(Map<String, Object> properties) {
        try {
            NodeSettings settings = NodeSettings.from(properties);
            List<String> unknown = NodeSettings.unknownKeys(properties);
            if (!unknown.isEmpty()) {
                LOG.warning("the node configuration (" + NodeSettings.PID + ") has keys the node does not know, ignored: "
                        + String.join(", ", unknown) + "; it knows " + String.join(", ", NodeSettings.KEYS));
            }
            return settings;
        } catch (IllegalArgumentException e) {
            LOG.severe("invalid node configuration (" + NodeSettings.PID + "): " + e.getMessage());
            NodeSettings d = NodeSettings.defaults();
            publish(new NodeStatus(d, false, "invalid configuration: " + e.getMessage(), 0));
            return null;
        }
    }

    /** Closes the server and waits, bounded, until its associations ended and were reported. */
    private void stop() {
        DicomServer s = server;
        if (s != null) {
            server = null;
            s.close();
            try {
                if (!s.awaitTermination(STOP_WAIT)) {
                    LOG.warning("associations of the stopped node did not end within " + STOP_WAIT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Running r = running;
        if (r != null) {
            running = null;
            r.close();
        }
        if (status != null && status.listening()) {
            publish(new NodeStatus(status.settings(), false, "stopped", 0));
        }
    }

    private void publish(NodeStatus s) {
        status = s;
        for (Consumer<NodeStatus> l : statusListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "node status listener failed", e);
            }
        }
    }

    /** Publishes the association count of {@code srv}, if it is still the node's server. */
    private void associationsChanged(DicomServer srv) {
        NodeStatus s = status;
        if (s != null && srv != null && srv == server) {
            publish(new NodeStatus(s.settings(), s.listening(), s.problem(), srv.activeAssociations()));
        }
    }

    @Override
    public NodeStatus status() {
        NodeStatus s = status;
        DicomServer srv = server;
        return s != null && srv != null ? new NodeStatus(s.settings(), s.listening(), s.problem(), srv.activeAssociations()) : s;
    }

    @Override
    public AutoCloseable onStatusChange(Consumer<NodeStatus> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAssociationListener(AssociationListener listener) {
        listeners.add(listener);
        LOG.info("association listener bound: " + listener.getClass().getName());
    }

    void removeAssociationListener(AssociationListener listener) {
        listeners.remove(listener);
        LOG.info("association listener unbound: " + listener.getClass().getName());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addReceiveHook(ReceiveHook hook) {
        boundHooks.add(hook);
        if (running != null) {
            running.hooks.add(hook);
        }
        LOG.info("receive hook bound: " + hook);
    }

    synchronized void removeReceiveHook(ReceiveHook hook) {
        boundHooks.remove(hook);
        if (running != null) {
            running.hooks.remove(hook);
        }
        LOG.info("receive hook unbound: " + hook);
    }

    /** Logs each association and forwards it to the listeners bound right now. */
    private final class Dispatcher implements AssociationListener {
        /** The server this dispatcher belongs to; set right after it started listening (null before: nothing is published). */
        volatile DicomServer server;

        @Override
        public void opened(AssociationEvent e) {
            associationsChanged(server);
            listeners.forEach(l -> safely(() -> l.opened(e)));
        }

        @Override
        public void closed(AssociationEvent e) {
            LOG.info("association released: " + e);
            associationsChanged(server);
            listeners.forEach(l -> safely(() -> l.closed(e)));
        }

        @Override
        public void rejected(AssociationEvent e) {
            LOG.info("association rejected: " + e);
            listeners.forEach(l -> safely(() -> l.rejected(e)));
        }

        @Override
        public void aborted(AssociationEvent e) {
            LOG.info("association aborted: " + e);
            associationsChanged(server);
            listeners.forEach(l -> safely(() -> l.aborted(e)));
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "association listener failed", ex);
            }
        }
    }
}
