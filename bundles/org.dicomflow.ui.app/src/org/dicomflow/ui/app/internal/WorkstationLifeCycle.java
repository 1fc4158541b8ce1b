package org.dicomflow.ui.app.internal;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.node.NodeConfigurator;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** Starts the workstation's own node (its SCP) from the instance's etc/ configuration. */
public class WorkstationLifeCycle {

    private static final Logger LOG = Logger.getLogger(WorkstationLifeCycle.class.getName());

    @PostContextCreate
    void startLocalNode() {
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<ConfigurationAdmin> ref = bc.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            LOG.warning("Configuration Admin is not running: the local node stays off");
            return;
        }
        ConfigurationAdmin admin = bc.getService(ref);
        try {
            NodeConfigurator.apply(admin, NodeConfigurationFile.load());
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "local node not started: " + e.getMessage());
        } finally {
            bc.ungetService(ref);
        }
    }
}
