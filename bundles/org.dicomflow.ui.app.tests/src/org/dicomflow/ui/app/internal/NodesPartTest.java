package org.dicomflow.ui.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.dicomflow.node.RemoteNode;
import org.dicomflow.node.RemoteNodeList;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "DICOM Nodes" part on a real display (Xvfb in CI), driven through its SWT widgets the way a user
 * clicks: SWTBot is not on Maven Central, so the test posts selection events and pumps the event loop.
 * "Test connection" goes to a real dcmtk storescp and to a closed port.
 */
class NodesPartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Display display;
    private Shell shell;
    private NodesPart part;
    private RemoteNodeList store;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        store = new RemoteNodeList(dir.resolve("etc").resolve(RemoteNodeList.FILE_NAME));
        part = new NodesPart(store);
        part.createControls(new Composite(shell, SWT.NONE));
        shell.setSize(900, 500);
        shell.open();
    }

    @AfterEach
    void close() {
        part.dispose();
        shell.dispose();
    }

    @Test
    void testConnectionReportsSuccessAgainstDcmtk() throws Exception {
        int port = FreePort.find();
        try (PeerProcess storescp = Peers.storescp("STORESCP", port, dir.resolve("storescp"))) {
            assertTestConnectionSucceeds(new RemoteNode("STORESCP", "127.0.0.1", port, "dcmtk storescp"));
        }
    }

    @Test
    void testConnectionReportsSuccessAgainstOrthanc() throws Exception {
        int port = FreePort.find();
        try (PeerProcess orthanc = Peers.orthanc("ORTHANC", port, dir.resolve("orthanc"))) {
            assertTestConnectionSucceeds(new RemoteNode("ORTHANC", "127.0.0.1", port, "Orthanc"));
        }
    }

    private void assertTestConnectionSucceeds(RemoteNode peer) {
        part.put(null, peer);
        click("testConnection");
        // The click returns at once (the echo runs in the background); the result arrives later.
        assertEquals("testing...", cellText(0, 4), "the test runs in the background");
        String message = awaitMessage(m -> m.contains("Success") || m.contains("failed") || m.contains("refused"));
        assertTrue(message.matches(".*" + peer + ": Success, round trip [0-9.]+ ms.*"), message);
        assertTrue(cellText(0, 4).startsWith("Success"), "the table shows the outcome: " + cellText(0, 4));
    }

    @Test
    void testConnectionReportsTheExactFailureForAClosedPort() throws Exception {
        int port = FreePort.find();
        part.put(null, new RemoteNode("NOBODY", "127.0.0.1", port, "nothing listens here"));
        click("testConnection");
        String message = awaitMessage(m -> m.contains("refused") || m.contains("Success"));
        assertTrue(message.contains("connection refused") && message.contains(Integer.toString(port)), message);
    }

    @Test
    void remoteNodesArePersistedAndRemoved() throws Exception {
        part.put(null, new RemoteNode("PACS1", "pacs.example", 104, "first"));
        part.put(null, new RemoteNode("PACS2", "10.0.0.2", 11112, "second"));
        assertEquals(List.of("PACS1", "PACS2"), store.load().stream().map(RemoteNode::aeTitle).toList());
        assertEquals(2, table().getItemCount());

        table().setSelection(0);
        table().notifyListeners(SWT.Selection, null);
        click("remove");
        assertEquals(List.of("PACS2"), store.load().stream().map(RemoteNode::aeTitle).toList());

        NodesPart reopened = new NodesPart(store);
        Shell other = new Shell(display);
        try {
            reopened.createControls(new Composite(other, SWT.NONE));
            assertEquals(1, ((Table) find(other, "remoteNodes")).getItemCount(), "the list survives a restart");
        } finally {
            reopened.dispose();
            other.dispose();
        }
    }

    @Test
    void dialogRefusesInvalidValuesAndSaysWhy() {
        RemoteNodeDialog d = new RemoteNodeDialog(shell, null);
        d.setBlockOnOpen(false);
        d.open();
        try {
            Button ok = d.okButton();
            Text aet = (Text) find(d.getShell(), "aeTitle");
            Text host = (Text) find(d.getShell(), "host");
            Text port = (Text) find(d.getShell(), "port");
            host.setText("127.0.0.1");
            aet.setText("BAD\\AET");
            assertFalse(ok.isEnabled(), "a backslash is not allowed in an AE title");
            assertTrue(d.getErrorMessage().contains("backslash"), d.getErrorMessage());
            aet.setText("GOODAET");
            port.setText("70000");
            assertFalse(ok.isEnabled());
            assertTrue(d.getErrorMessage().contains("1-65535"), d.getErrorMessage());
            port.setText("104");
            assertTrue(ok.isEnabled(), "valid values enable OK");
            assertEquals(null, d.getErrorMessage());
        } finally {
            d.close();
        }
    }

    private Table table() {
        return (Table) find(shell, "remoteNodes");
    }

    private String cellText(int row, int column) {
        return table().getItem(row).getText(column);
    }

    private void click(String id) {
        Button b = (Button) find(shell, id);
        assertTrue(b.isEnabled(), id + " is enabled");
        b.notifyListeners(SWT.Selection, null);
    }

    private String awaitMessage(java.util.function.Predicate<String> done) {
        Label message = (Label) find(shell, "message");
        pumpUntil(() -> done.test(message.getText()));
        return message.getText();
    }

    /** Runs the event loop (as the UI thread does) until the condition holds. */
    private void pumpUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("UI did not reach the expected state within " + WAIT);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> {
                });
                display.sleep();
            }
        }
    }

    private static Control find(Composite root, String id) {
        Control c = findOrNull(root, id);
        assertNotNull(c, "widget " + id);
        return c;
    }

    private static Control findOrNull(Composite root, String id) {
        for (Control c : root.getChildren()) {
            if (id.equals(c.getData(NodesPart.WIDGET_ID))) {
                return c;
            }
            if (c instanceof Composite composite) {
                Control inner = findOrNull(composite, id);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
