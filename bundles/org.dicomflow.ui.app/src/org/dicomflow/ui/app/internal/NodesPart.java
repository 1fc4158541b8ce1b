package org.dicomflow.ui.app.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dicomflow.net.Timeouts;
import org.dicomflow.net.VerificationScu;
import org.dicomflow.node.LocalNode;
import org.dicomflow.node.NodeStatus;
import org.dicomflow.node.RemoteNode;
import org.dicomflow.node.RemoteNodeList;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * "DICOM Nodes": the local node's status and the list of remote nodes, with add/edit/remove and a
 * "Test connection" (C-ECHO) that runs in the background and reports the round trip or the exact failure.
 */
public class NodesPart {

    /** Widget data key the UI tests use to find controls. */
    public static final String WIDGET_ID = "org.dicomflow.widgetId";

    /** A connection test should answer within seconds; a PACS that takes longer is broken for users anyway. */
    private static final Timeouts TEST_TIMEOUTS = Timeouts.DEFAULT.withConnect(java.time.Duration.ofSeconds(5))
            .withArtim(java.time.Duration.ofSeconds(10)).withDimseResponse(java.time.Duration.ofSeconds(10));

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("org.dicomflow.ui");

    private final RemoteNodeList store;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dicomflow-connection-test");
        t.setDaemon(true);
        return t;
    });
    private final List<RemoteNode> nodes = new ArrayList<>();
    /** Last test outcome per node, shown in the table's "Last test" column. */
    private final Map<RemoteNode, String> lastTest = new HashMap<>();

    private volatile Display display;
    private Label localStatus;
    private Label message;
    private TableViewer viewer;
    private Button edit;
    private Button remove;
    private Button test;
    private volatile LocalNode localNode;
    private AutoCloseable localNodeSubscription;

    @Inject
    public NodesPart() {
        this(RemoteNodeList.ofInstance());
    }

    public NodesPart(RemoteNodeList store) {
        this.store = store;
    }

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.swtDefaults().applyTo(parent);

        Group local = new Group(parent, SWT.NONE);
        local.setText("Local node");
        GridLayoutFactory.swtDefaults().applyTo(local);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(local);
        localStatus = new Label(local, SWT.WRAP);
        localStatus.setData(WIDGET_ID, "localStatus");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(localStatus);

        Group remote = new Group(parent, SWT.NONE);
        remote.setText("Remote nodes");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(remote);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(remote);
        createTable(remote);
        createButtons(remote);

        message = new Label(parent, SWT.WRAP);
        message.setData(WIDGET_ID, "message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);

        showLocalStatus();
        reload();
        LOG.info("DICOM Nodes view opened: " + nodes.size() + " remote node(s) from " + store.file());
    }

    private void createTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setData(WIDGET_ID, "remoteNodes");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("AE title", 120, n -> n.aeTitle());
        column("Host", 160, n -> n.host());
        column("Port", 60, n -> Integer.toString(n.port()));
        column("Description", 220, n -> n.description());
        column("Last test", 320, n -> lastTest.getOrDefault(n, ""));
        viewer.addSelectionChangedListener(e -> updateButtons());
        viewer.addDoubleClickListener(e -> editSelected());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getTable());
    }

    private void column(String title, int width, java.util.function.Function<RemoteNode, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((RemoteNode) element);
            }
        });
    }

    private void createButtons(Composite parent) {
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "Add...", "add", this::addNode);
        edit = button(buttons, "Edit...", "edit", this::editSelected);
        remove = button(buttons, "Remove", "remove", this::removeSelected);
        test = button(buttons, "Test connection", "testConnection", this::testSelected);
        updateButtons();
    }

    private static Button button(Composite parent, String text, String id, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setData(WIDGET_ID, id);
        b.addListener(SWT.Selection, e -> action.run());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
        return b;
    }

    private void updateButtons() {
        boolean selected = selected() != null;
        edit.setEnabled(selected);
        remove.setEnabled(selected);
        test.setEnabled(selected);
    }

    private RemoteNode selected() {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return (RemoteNode) first;
    }

    /** Re-reads the list from its file. */
    void reload() {
        try {
            nodes.clear();
            nodes.addAll(store.load());
        } catch (IOException e) {
            showMessage("Could not read the remote nodes: " + e.getMessage());
        }
        viewer.setInput(nodes);
        updateButtons();
    }

    /** Adds or replaces a node and saves the list; shows why if it cannot be saved. */
    void put(RemoteNode old, RemoteNode node) {
        int i = old == null ? -1 : nodes.indexOf(old);
        if (i >= 0) {
            nodes.set(i, node);
        } else {
            nodes.add(node);
        }
        save();
        viewer.refresh();
        viewer.setSelection(new StructuredSelection(node), true);
    }

    private void save() {
        try {
            store.save(nodes);
        } catch (IOException e) {
            showMessage("Could not save the remote nodes to " + store.file() + ": " + e.getMessage());
        }
    }

    private void addNode() {
        RemoteNodeDialog d = new RemoteNodeDialog(viewer.getControl().getShell(), null);
        if (d.open() == Window.OK) {
            put(null, d.result());
        }
    }

    private void editSelected() {
        RemoteNode n = selected();
        if (n == null) {
            return;
        }
        RemoteNodeDialog d = new RemoteNodeDialog(viewer.getControl().getShell(), n);
        if (d.open() == Window.OK) {
            lastTest.remove(n);
            put(n, d.result());
        }
    }

    private void removeSelected() {
        RemoteNode n = selected();
        if (n != null) {
            nodes.remove(n);
            lastTest.remove(n);
            save();
            viewer.refresh();
            updateButtons();
        }
    }

    /** Runs C-ECHO against the selected node off the UI thread; the result lands in the table and message line. */
    void testSelected() {
        RemoteNode n = selected();
        if (n == null) {
            return;
        }
        String callingAet = localNode == null ? "DICOMFLOW" : localNode.status().settings().aeTitle();
        lastTest.put(n, "testing...");
        viewer.refresh(n);
        showMessage("Testing " + n + " ...");
        Display ui = viewer.getControl().getDisplay();
        CompletableFuture.supplyAsync(
                () -> VerificationScu.echo(callingAet, n.aeTitle(), n.host(), n.port(), TEST_TIMEOUTS), background)
                .whenComplete((result, failure) -> ui.asyncExec(() -> {
                    if (viewer.getControl().isDisposed()) {
                        return;
                    }
                    String text = failure != null ? "test failed: " + failure : result.describe();
                    lastTest.put(n, text);
                    viewer.refresh(n);
                    showMessage(n + ": " + text);
                }));
    }

    private void showMessage(String text) {
        if (!message.isDisposed()) {
            message.setText(text);
            message.getParent().layout(true, true);
        }
    }

    /**
     * e4 injects (and re-injects) the service on a worker thread: only swap the reference here, and let the UI
     * thread touch the widgets.
     */
    @Inject
    @Optional
    void setLocalNode(@Service LocalNode node) {
        closeSubscription();
        this.localNode = node;
        if (node != null) {
            localNodeSubscription = node.onStatusChange(s -> refreshLocalStatus());
        }
        refreshLocalStatus();
    }

    /** Shows the local node's status; callable from any thread. */
    private void refreshLocalStatus() {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(this::showLocalStatus);
        }
    }

    private void showLocalStatus() {
        if (localStatus == null || localStatus.isDisposed()) {
            return;
        }
        LocalNode node = localNode;
        NodeStatus s = node == null ? null : node.status();
        localStatus.setText(s == null ? "Local node: not configured (etc/org.dicomflow.node.cfg)" : "Local node " + s.describe());
        localStatus.getParent().layout(true, true);
    }

    private void closeSubscription() {
        if (localNodeSubscription != null) {
            try {
                localNodeSubscription.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail
            }
            localNodeSubscription = null;
        }
    }

    @PreDestroy
    void dispose() {
        closeSubscription();
        background.shutdownNow();
    }
}
