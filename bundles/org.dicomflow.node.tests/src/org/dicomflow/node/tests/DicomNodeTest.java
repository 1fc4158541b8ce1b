package org.dicomflow.node.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.dicomflow.net.AssociationRejectedException;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.EchoResult;
import org.dicomflow.net.Timeouts;
import org.dicomflow.net.VerificationScu;
import org.dicomflow.node.LocalNode;
import org.dicomflow.node.NodeConfigurator;
import org.dicomflow.node.NodeSettings;
import org.dicomflow.node.NodeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The node as an OSGi component: comes up from Configuration Admin, answers C-ECHO on a real socket,
 * follows configuration changes, and binds association listeners registered by other bundles (whiteboard),
 * including the example extension bundle when it starts.
 */
class DicomNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withConnect(Duration.ofSeconds(5))
            .withArtim(Duration.ofSeconds(5)).withDimseResponse(Duration.ofSeconds(5));

    private final BundleContext bc = FrameworkUtil.getBundle(DicomNodeTest.class).getBundleContext();
    @TempDir
    Path archive;
    private ServiceTracker<LocalNode, LocalNode> nodes;
    private ConfigurationAdmin admin;

    @BeforeEach
    void setUp() throws Exception {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(bc, ConfigurationAdmin.class, null);
        cm.open();
        admin = cm.waitForService(WAIT.toMillis());
        assertNotNull(admin, "Configuration Admin is running");
        nodes = new ServiceTracker<>(bc, LocalNode.class, null);
        nodes.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        Configuration c = admin.getConfiguration(NodeSettings.PID, "?");
        c.delete();
        await("node service goes away with its configuration", () -> nodes.getService() == null);
        nodes.close();
    }

    @Test
    void nodeStartsFromConfigurationAndAnswersEcho() throws Exception {
        int port = freePort();
        NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(port));
        NodeStatus status = awaitListening(port);
        assertEquals("NODETEST", status.settings().aeTitle());

        EchoResult ok = VerificationScu.echo("TESTSCU", "NODETEST", "127.0.0.1", port, TIMEOUTS);
        assertTrue(ok.isSuccess(), ok.describe());

        EchoResult wrongAet = VerificationScu.echo("TESTSCU", "SOMEONEELSE", "127.0.0.1", port, TIMEOUTS);
        assertInstanceOf(AssociationRejectedException.class, wrongAet.failure(), wrongAet.describe());
    }

    @Test
    void configurationChangesAreApplied() throws Exception {
        int first = freePort();
        NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(first));
        awaitListening(first);

        int second = freePort();
        NodeSettings restricted = NodeSettings.from(new Hashtable<>(java.util.Map.of(
                NodeSettings.AE_TITLE, "NODETEST2", NodeSettings.PORT, Integer.toString(second),
                NodeSettings.BIND_ADDRESS, "127.0.0.1", NodeSettings.ALLOWED_CALLING_AETS, "FRIEND",
                NodeSettings.ARCHIVE_ROOT, archive.toString())));
        NodeConfigurator.apply(admin, restricted);
        awaitListening(second);

        assertTrue(VerificationScu.echo("FRIEND", "NODETEST2", "127.0.0.1", second, TIMEOUTS).isSuccess());
        EchoResult stranger = VerificationScu.echo("STRANGER", "NODETEST2", "127.0.0.1", second, TIMEOUTS);
        assertInstanceOf(AssociationRejectedException.class, stranger.failure(), stranger.describe());
        EchoResult oldPort = VerificationScu.echo("FRIEND", "NODETEST", "127.0.0.1", first, TIMEOUTS);
        assertFalse(oldPort.isSuccess(), "the old port is closed: " + oldPort.describe());
    }

    @Test
    void aChangeThatCannotListenLeavesTheNodeServingWithItsPreviousSettings() throws Exception {
        int first = freePort();
        NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(first));
        awaitListening(first);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(taken.getLocalPort()));
            NodeStatus[] last = new NodeStatus[1];
            await("the node reports the new settings as not applied", () -> {
                LocalNode n = nodes.getService();
                last[0] = n == null ? null : n.status();
                return last[0] != null && last[0].problem() != null && last[0].problem().startsWith("new settings not applied");
            });
            assertTrue(last[0].listening(), last[0].describe());
            assertEquals(first, last[0].settings().port(), last[0].describe());
            EchoResult stillServing = VerificationScu.echo("TESTSCU", "NODETEST", "127.0.0.1", first, TIMEOUTS);
            assertTrue(stillServing.isSuccess(), stillServing.describe());
        }
    }

    @Test
    void aCallerBoundToAHostIsAcceptedFromThatHostOnly() throws Exception {
        int port = freePort();
        // 192.0.2.1 is TEST-NET-1: never this machine
        NodeSettings hosts = NodeSettings.from(new Hashtable<>(java.util.Map.of(NodeSettings.AE_TITLE, "NODETEST",
                NodeSettings.PORT, Integer.toString(port), NodeSettings.BIND_ADDRESS, "127.0.0.1",
                NodeSettings.ALLOWED_CALLING_AETS, "LOCAL@127.0.0.1, FARAWAY@192.0.2.1, ANYWHERE",
                NodeSettings.ARCHIVE_ROOT, archive.toString())));
        NodeConfigurator.apply(admin, hosts);
        awaitListening(port);

        assertTrue(VerificationScu.echo("LOCAL", "NODETEST", "127.0.0.1", port, TIMEOUTS).isSuccess());
        assertTrue(VerificationScu.echo("ANYWHERE", "NODETEST", "127.0.0.1", port, TIMEOUTS).isSuccess());
        EchoResult wrongHost = VerificationScu.echo("FARAWAY", "NODETEST", "127.0.0.1", port, TIMEOUTS);
        assertInstanceOf(AssociationRejectedException.class, wrongHost.failure(), wrongHost.describe());
    }

    @Test
    void allowedCallersChangeWithoutClosingOpenAssociations() throws Exception {
        int port = freePort();
        NodeConfigurator.apply(admin, allowing(port, "FIRST"));
        awaitListening(port);
        AssociationRequest echo = AssociationRequest.to("NODETEST", "127.0.0.1", port).withContext(UID.Verification);
        try (Association first = new ApplicationEntity("FIRST").connect(echo, TIMEOUTS)) {
            NodeSettings second = allowing(port, "SECOND");
            NodeConfigurator.apply(admin, second);
            awaitSettings(second);

            assertEquals(DimseStatus.SUCCESS, first.echo(), "the open association goes on after the change");
            EchoResult nowDisallowed = VerificationScu.echo("FIRST", "NODETEST", "127.0.0.1", port, TIMEOUTS);
            assertInstanceOf(AssociationRejectedException.class, nowDisallowed.failure(), nowDisallowed.describe());
            EchoResult newlyAllowed = VerificationScu.echo("SECOND", "NODETEST", "127.0.0.1", port, TIMEOUTS);
            assertTrue(newlyAllowed.isSuccess(), newlyAllowed.describe());
            assertEquals(DimseStatus.SUCCESS, first.echo());

            // a new port needs a new listener: that one still restarts, which ends the open association
            int other = freePort();
            NodeConfigurator.apply(admin, allowing(other, "SECOND"));
            awaitListening(other);
            assertThrows(IOException.class, first::echo);
        }
    }

    @Test
    void associationListenersAreBoundDynamically() throws Exception {
        int port = freePort();
        NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(port));
        awaitListening(port);

        BlockingQueue<AssociationEvent> seen = new LinkedBlockingQueue<>();
        ServiceRegistration<AssociationListener> reg = bc.registerService(AssociationListener.class,
                new AssociationListener() {
                    @Override
                    public void closed(AssociationEvent e) {
                        seen.add(e);
                    }
                }, null);
        try {
            assertTrue(VerificationScu.echo("LISTENED", "NODETEST", "127.0.0.1", port, TIMEOUTS).isSuccess());
            AssociationEvent e = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "the registered listener was told about the association");
            assertEquals("LISTENED", e.callingAeTitle());
        } finally {
            reg.unregister();
        }
        // A witness registered after the unregistration comes later in the node's listener list: once it has
        // heard of UNHEARD's end, the node has told every listener it had about it, so absence is proven.
        BlockingQueue<AssociationEvent> witnessed = new LinkedBlockingQueue<>();
        ServerRegistrationHolder witness = new ServerRegistrationHolder(bc.registerService(AssociationListener.class,
                new AssociationListener() {
                    @Override
                    public void closed(AssociationEvent e) {
                        witnessed.add(e);
                    }
                }, null));
        try {
            await("the node binds the witness", () -> boundListenerCount() >= 1);
            assertTrue(VerificationScu.echo("UNHEARD", "NODETEST", "127.0.0.1", port, TIMEOUTS).isSuccess());
            AssociationEvent told = witnessed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(told, "the node reported the association's end");
            assertEquals("UNHEARD", told.callingAeTitle());
        } finally {
            witness.registration.unregister();
        }
        assertTrue(seen.stream().noneMatch(ev -> ev.callingAeTitle().startsWith("UNHEARD")),
                "an unregistered listener hears nothing: " + seen);
    }

    @Test
    void exampleExtensionBindsWhenStartedAndUnbindsWhenStopped() throws Exception {
        int port = freePort();
        NodeConfigurator.apply(admin, settings().withAeTitle("NODETEST").withPort(port));
        awaitListening(port);
        Bundle example = Arrays.stream(bc.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.dicomflow.example.listener")).findFirst().orElseThrow();
        ServiceComponentRuntime scr = bc.getService(bc.getServiceReference(ServiceComponentRuntime.class));

        example.start();
        await("the node binds the example's listener", () -> boundListenerBundles(scr).contains(example.getBundleId()));
        example.stop();
        await("the node unbinds it", () -> !boundListenerBundles(scr).contains(example.getBundleId()));
        assertTrue(VerificationScu.echo("AFTER", "NODETEST", "127.0.0.1", port, TIMEOUTS).isSuccess(),
                "the node keeps serving after the extension left");
    }

    private record ServerRegistrationHolder(ServiceRegistration<AssociationListener> registration) {
    }

    /** How many association listeners the node component has bound right now. */
    private int boundListenerCount() {
        ServiceComponentRuntime scr = bc.getService(bc.getServiceReference(ServiceComponentRuntime.class));
        Bundle node = Arrays.stream(bc.getBundles()).filter(b -> b.getSymbolicName().equals("org.dicomflow.node"))
                .findFirst().orElseThrow();
        int n = 0;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(node)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (var ref : c.satisfiedReferences) {
                    if (ref.name.equals("AssociationListener")) {
                        n += ref.boundServices.length;
                    }
                }
            }
        }
        return n;
    }

    /** Bundle ids of the association listeners the node component has bound right now. */
    private Set<Long> boundListenerBundles(ServiceComponentRuntime scr) {
        Bundle node = Arrays.stream(bc.getBundles()).filter(b -> b.getSymbolicName().equals("org.dicomflow.node"))
                .findFirst().orElseThrow();
        java.util.HashSet<Long> ids = new java.util.HashSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(node)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (var ref : c.satisfiedReferences) {
                    if (ref.name.equals("AssociationListener")) {
                        for (var s : ref.boundServices) {
                            ids.add(s.bundle);
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** The defaults with the archive in a folder of the test's own. */
    private NodeSettings settings() {
        return NodeSettings.defaults().withArchiveRoot(archive.toString());
    }

    /** AE NODETEST on {@code port}, only {@code callers} allowed. */
    private NodeSettings allowing(int port, String callers) {
        return NodeSettings.from(new Hashtable<>(java.util.Map.of(NodeSettings.AE_TITLE, "NODETEST",
                NodeSettings.PORT, Integer.toString(port), NodeSettings.BIND_ADDRESS, "127.0.0.1",
                NodeSettings.ALLOWED_CALLING_AETS, callers, NodeSettings.ARCHIVE_ROOT, archive.toString())));
    }

    /** Waits until the node reports {@code settings} in force (it publishes them once applied). */
    private void awaitSettings(NodeSettings settings) throws InterruptedException {
        await("node listens with " + settings, () -> {
            LocalNode n = nodes.getService();
            NodeStatus s = n == null ? null : n.status();
            return s != null && s.listening() && s.settings().equals(settings);
        });
    }

    private NodeStatus awaitListening(int port) throws InterruptedException {
        NodeStatus[] last = new NodeStatus[1];
        await("node listens on port " + port, () -> {
            LocalNode n = nodes.getService();
            last[0] = n == null ? null : n.status();
            return last[0] != null && last[0].listening() && last[0].settings().port() == port;
        });
        return last[0];
    }

    /** Polls a condition until it holds; fails with the description after {@link #WAIT}. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
