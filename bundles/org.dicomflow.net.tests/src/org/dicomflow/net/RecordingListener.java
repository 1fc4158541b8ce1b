package org.dicomflow.net;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects listener calls as "kind: event" strings so tests can wait for them without sleeping. */
final class RecordingListener implements AssociationListener {
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void opened(AssociationEvent e) {
        events.add("opened: " + e);
    }

    @Override
    public void closed(AssociationEvent e) {
        events.add("closed: " + e);
    }

    @Override
    public void rejected(AssociationEvent e) {
        events.add("rejected: " + e);
    }

    @Override
    public void aborted(AssociationEvent e) {
        events.add("aborted: " + e);
    }

    /** Next event that is not "opened", waiting at most 20 s. */
    String nextEnd() throws InterruptedException {
        while (true) {
            String e = events.poll(20, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no association event within 20 s");
            }
            if (!e.startsWith("opened")) {
                return e;
            }
        }
    }
}
