package org.dicomflow.anonymizer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.dicomflow.anonymizer.Anonymizer;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code dicomflow anonymize} in the framework, so that anonymizers installed as extension bundles are offered next
 * to the built-in Annex E profile; the batch itself is {@link AnonymizeBatch}.
 */
public class AnonymizeApplication implements IApplication {

    /** How long to wait for extension bundles in extensions/ to start (FileInstall installs them after start-up). */
    private static final long EXTENSION_WAIT_MS = 15_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        awaitExtensions(bc);
        ServiceTracker<Anonymizer, Anonymizer> tracker = new ServiceTracker<>(bc, Anonymizer.class, null);
        tracker.open();
        try {
            tracker.waitForService(5_000);
            List<Anonymizer> installed = new ArrayList<>(Arrays.asList(tracker.getServices(new Anonymizer[0])));
            installed.sort(Comparator.comparing(Anonymizer::id));
            return AnonymizeBatch.run(args, installed, System.out, System.err);
        } finally {
            tracker.close();
        }
    }

    /**
     * FileInstall installs the jars of extensions/ in its own thread after the framework started: wait until each
     * jar there is a started bundle (STARTING is enough: lazy bundles wait there, and DS already serves them), so that
     * --list and --anonymizer see extension anonymizers.
     */
    private static void awaitExtensions(BundleContext bc) throws InterruptedException {
        String dir = bc.getProperty("felix.fileinstall.dir");
        if (dir == null) {
            return;
        }
        List<String> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(p -> jars.add(p.getFileName().toString()));
        } catch (IOException e) {
            return;
        }
        long deadline = System.currentTimeMillis() + EXTENSION_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            long active = jars.stream().filter(j -> Arrays.stream(bc.getBundles())
                    .anyMatch(b -> b.getLocation().endsWith(j) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0))
                    .count();
            if (active == jars.size()) {
                return;
            }
            Thread.sleep(100); // polling FileInstall's progress, not a timing assumption
        }
    }

    @Override
    public void stop() {
        // a batch run ends by itself
    }
}
