package org.dicomflow.node.internal;

import java.io.IOException;
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
    private volatile NodeStatus status;
    private DicomServer server;

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
        ServerConfig config = ServerConfig.bind(settings.bindAddress(), settings.port())
                .withAllowedCallingAeTitles(settings.allowedCallingAets())
                .withMaxAssociations(settings.maxAssociations())
                .withListener(new Dispatcher());
        try {
            server = new ApplicationEntity(settings.aeTitle()).listen(config);
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

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
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

    private void associationsChanged() {
        NodeStatus s = status;
        DicomServer srv = server;
        if (s != null && srv != null) {
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

        @Override
        public void opened(AssociationEvent e) {
            associationsChanged();
            listeners.forEach(l -> safely(() -> l.opened(e)));
        }

        @Override
        public void closed(AssociationEvent e) {
            LOG.info("association released: " + e);
            associationsChanged();
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
            associationsChanged();
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
