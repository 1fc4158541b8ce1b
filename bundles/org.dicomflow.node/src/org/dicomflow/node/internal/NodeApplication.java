package org.dicomflow.node.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.dicomflow.node.LocalNode;
import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.node.NodeConfigurator;
import org.dicomflow.node.NodeSettings;
import org.dicomflow.node.NodeStatus;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code dicomflow node}: runs the local node without a display until SIGTERM/SIGINT.
 * Settings come from {@code etc/org.dicomflow.node.cfg}, overridden by {@code --aet/--port/--bind/--dir}.
 * Edits of the file the settings came from apply while the node runs ({@link NodeConfigurationWatch}), with the same
 * overrides.
 */
public class NodeApplication implements IApplication {

    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    private static final int START_TIMEOUT_S = 20;
    /** How long the SIGTERM hook waits for the framework to stop; installation tests wait longer. */
    static final int STOP_WAIT_S = 10;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        NodeSettings fromFile;
        NodeSettings settings;
        try {
            fromFile = NodeConfigurationFile.load();
            settings = NodeArguments.apply(fromFile, args);
        } catch (NodeArguments.HelpRequested help) {
            System.out.println(NodeArguments.USAGE);
            return IApplication.EXIT_OK;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("dicomflow node: " + e.getMessage());
            System.err.println(NodeArguments.USAGE);
            return 2;
        }

        try {
            NodeLogFiles.install(java.nio.file.Path.of(System.getProperty("dicomflow.instance", "."), "logs"));
        } catch (IOException e) {
            System.err.println("dicomflow node: cannot write log files (" + e.getMessage() + "); logging to the console only");
        }
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Thread hook = installShutdownHook(bc);
        context.applicationRunning();
        try {
            return run(bc, settings, fromFile, args);
        } finally {
            // Returning on our own (failure, or stop()): the exit code is ours, not the signal hook's.
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the hook is running and ends the JVM once the framework stopped
            }
        }
    }

    private Object run(BundleContext bc, NodeSettings settings, NodeSettings fromFile, String[] args) throws Exception {

        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(bc, ConfigurationAdmin.class, null);
        ServiceTracker<LocalNode, LocalNode> nodes = new ServiceTracker<>(bc, LocalNode.class, null);
        cm.open();
        nodes.open();
        try {
            ConfigurationAdmin admin = cm.waitForService(TimeUnit.SECONDS.toMillis(START_TIMEOUT_S));
            if (admin == null) {
                System.err.println("dicomflow node: Configuration Admin did not start");
                return 1;
            }
            NodeConfigurator.apply(admin, settings);
            NodeStatus status = awaitStarted(nodes, settings);
            if (status == null || !status.listening()) {
                System.err.println("dicomflow node: could not start: "
                        + (status == null ? "the node service did not come up" : status.describe()));
                return 1;
            }
            System.out.println("DICOMFlow node " + status.describe());
            System.out.flush();
            // the file the settings came from (the instance's, else the installation's); with neither, the
            // instance's, which the operator may create
            Path located = NodeConfigurationFile.locate();
            Path file = located != null ? located
                    : Path.of(System.getProperty("dicomflow.instance", "."), "etc", NodeConfigurationFile.FILE_NAME);
            LOG.info("following edits of " + file);
            NodeConfigurationWatch watch = new NodeConfigurationWatch(file, fromFile, s -> withCommandLine(s, args),
                    NodeConfigurationWatch.QUIET, new NodeConfigurationWatch.Listener() {
                        @Override
                        public void changed(NodeConfigurationWatch.Change change) {
                            applyEdit(admin, nodes, file, change);
                        }

                        @Override
                        public void notApplied(String reason) {
                            LOG.warning(reason);
                        }
                    }).start(NodeConfigurationWatch.INTERVAL);
            try {
                stopRequested.await();
            } finally {
                // before the configuration is forgotten below: an edit applied after that would bring it back
                watch.close();
            }
            System.out.println("DICOMFlow node stopping");
            return IApplication.EXIT_OK;
        } finally {
            forgetConfiguration(cm.getService());
            nodes.close();
            cm.close();
        }
    }

    /** The command line's overrides over settings read from the file again; they were checked at start. */
    private static NodeSettings withCommandLine(NodeSettings fromFile, String[] args) {
        try {
            return NodeArguments.apply(fromFile, args);
        } catch (NodeArguments.HelpRequested help) {
            throw new IllegalStateException("--help ends the application at start", help);
        }
    }

    /**
     * Hands the settings of an edit of the file to Configuration Admin and logs, in one line, which settings
     * changed and whether the node took them. Runs on the watch's thread, so edits apply one after another.
     */
    private static void applyEdit(ConfigurationAdmin admin, ServiceTracker<LocalNode, LocalNode> nodes, Path file,
            NodeConfigurationWatch.Change change) {
        try {
            NodeConfigurator.apply(admin, change.settings());
            NodeStatus s = awaitStarted(nodes, change.settings());
            if (s != null && s.listening() && s.settings().equals(change.settings())) {
                LOG.info("node settings from " + file + " applied: " + change.describe());
            } else {
                LOG.severe("node settings from " + file + " (" + change.describe() + ") did not apply: "
                        + (s == null ? "the node service is gone" : s.describe()));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.severe("node settings from " + file + " (" + change.describe() + ") could not be handed to "
                    + "Configuration Admin: " + e.getMessage() + "; the node goes on with its current settings");
        } catch (InterruptedException e) {
            // the application is stopping
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The settings of one run are not meant to outlive it: Configuration Admin would otherwise start the next
     * run with them before this application applies that run's settings.
     */
    private static void forgetConfiguration(ConfigurationAdmin admin) {
        if (admin != null) {
            try {
                admin.getConfiguration(NodeSettings.PID, "?").delete();
            } catch (IOException | IllegalStateException e) {
                // framework already stopping: nothing left to forget with
            }
        }
    }

    /** Waits until the node runs with exactly these settings and has either bound its port or failed. */
    private static NodeStatus awaitStarted(ServiceTracker<LocalNode, LocalNode> nodes, NodeSettings settings)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        LinkedBlockingQueue<NodeStatus> changes = new LinkedBlockingQueue<>();
        AutoCloseable subscription = null;
        try {
            LocalNode node = nodes.waitForService(TimeUnit.SECONDS.toMillis(START_TIMEOUT_S));
            if (node == null) {
                return null;
            }
            subscription = node.onStatusChange(changes::add);
            NodeStatus s = node.status();
            while (!(s.settings().equals(settings) && (s.listening() || s.problem() != null))) {
                long left = deadline - System.nanoTime();
                NodeStatus next = left > 0 ? changes.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return s;
                }
                s = next;
            }
            return s;
        } finally {
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // removing a listener does not fail
                }
            }
        }
    }

    /**
     * Equinox registers no shutdown hook: on SIGTERM this one lets the application return, waits for the
     * framework to stop every bundle (the node closes its associations), then ends the JVM: with 0 after a
     * clean stop, since a clean stop on request is a success for a service manager; with 1, naming the
     * bundles still not stopped, when the framework did not stop within {@link #STOP_WAIT_S} seconds.
     */
    private Thread installShutdownHook(BundleContext bc) {
        Framework framework = (Framework) bc.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            int exit = 0;
            try {
                FrameworkEvent event = framework.waitForStop(TimeUnit.SECONDS.toMillis(STOP_WAIT_S));
                if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    exit = 1;
                    System.err.println("dicomflow node: the framework did not stop within " + STOP_WAIT_S
                            + " s; still not stopped: " + bundlesNotStopped(framework));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = 1;
            }
            System.out.println(exit == 0 ? "DICOMFlow node stopped" : "DICOMFlow node stopped uncleanly");
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exit);
        }, "dicomflow-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Bundles that are starting, active or stopping (the framework itself included). */
    static String bundlesNotStopped(Framework framework) {
        StringBuilder b = new StringBuilder();
        try {
            for (Bundle bundle : framework.getBundleContext() == null ? new Bundle[] {framework}
                    : framework.getBundleContext().getBundles()) {
                if ((bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                    b.append(b.length() == 0 ? "" : ", ").append(bundle.getSymbolicName()).append(" (")
                            .append(bundle.getState() == Bundle.STOPPING ? "stopping" : "active").append(')');
                }
            }
        } catch (IllegalStateException e) {
            return framework.getSymbolicName() + " (stopping)";
        }
        return b.length() == 0 ? framework.getSymbolicName() : b.toString();
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }

}
