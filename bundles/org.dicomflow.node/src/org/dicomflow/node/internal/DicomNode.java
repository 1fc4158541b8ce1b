package org.dicomflow.node.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.ServerConfig;
import org.dicomflow.node.LocalNode;
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
 * only while that configuration does. Association listeners registered by any bundle (whiteboard) are told
 * about every association; the node itself logs one line per association.
 */
@Component(service = LocalNode.class, configurationPid = NodeSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class DicomNode implements LocalNode {

    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    private final List<AssociationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<NodeStatus>> statusListeners = new CopyOnWriteArrayList<>();
    /** How long deactivation waits for the associations of the stopped server to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private volatile NodeStatus status;
    /** Read by the servers' event threads and {@link #status()}; written under this component's monitor. */
    private volatile DicomServer server;

    @Activate
    void activate(Map<String, Object> properties) {
        start(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        NodeSettings next = settingsOrNull(properties);
        if (next != null && status != null && next.equals(status.settings()) && status.listening()) {
            return;
        }
        stop();
        start(properties);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        LOG.info("node stopped");
    }

    private synchronized void start(Map<String, Object> properties) {
        NodeSettings settings = settingsOrNull(properties);
        if (settings == null) {
            return;
        }
        // one dispatcher per server: events of a server stopped by a restart report that server's count
        Dispatcher dispatcher = new Dispatcher();
        ServerConfig config = ServerConfig.bind(settings.bindAddress(), settings.port())
                .withAllowedCallingAeTitles(settings.allowedCallingAets())
                .withMaxAssociations(settings.maxAssociations())
                .withTimeouts(settings.timeouts())
                .withListener(dispatcher);
        try {
            DicomServer started = new ApplicationEntity(settings.aeTitle()).listen(config);
            dispatcher.server = started;
            server = started;
            publish(new NodeStatus(settings, true, null, 0));
            LOG.info("node " + settings.aeTitle() + " listening on " + settings.bindAddress() + ":" + server.localPort());
        } catch (IOException | RuntimeException e) {
            fail(settings, e.getMessage());
        }
    }

    private void fail(NodeSettings settings, String problem) {
        server = null;
        LOG.severe("node " + settings.aeTitle() + " cannot listen: " + problem);
        publish(new NodeStatus(settings, false, problem, 0));
    }

    private NodeSettings settingsOrNull(Map<String, Object> properties) {
        try {
            return NodeSettings.from(properties);
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
