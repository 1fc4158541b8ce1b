package org.dicomflow.ui.app.internal;

import java.util.List;

import org.dicomflow.node.RemoteNode;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Adds or edits a remote node; OK stays disabled while a field is invalid, and the title area says why. */
class RemoteNodeDialog extends TitleAreaDialog {

    private final RemoteNode initial;
    private Text aeTitle;
    private Text host;
    private Text port;
    private Text description;
    private RemoteNode result;

    RemoteNodeDialog(Shell parent, RemoteNode initial) {
        super(parent);
        this.initial = initial;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(initial == null ? "Add remote node" : "Edit remote node");
        setTitle(initial == null ? "Add a remote DICOM node" : "Edit " + initial.aeTitle());
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        aeTitle = field(c, "AE title:", initial == null ? "" : initial.aeTitle(), "aeTitle");
        aeTitle.setTextLimit(16);
        host = field(c, "Host:", initial == null ? "" : initial.host(), "host");
        port = field(c, "Port:", initial == null ? "104" : Integer.toString(initial.port()), "port");
        description = field(c, "Description:", initial == null ? "" : initial.description(), "description");
        return area;
    }

    private Text field(Composite parent, String label, String value, String id) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value);
        t.setData(NodesPart.WIDGET_ID, id);
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(t);
        t.addModifyListener(e -> validate());
        return t;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        List<String> problems = RemoteNode.validate(aeTitle.getText(), host.getText(), port.getText());
        setErrorMessage(problems.isEmpty() ? null : String.join("\n", problems));
        if (problems.isEmpty()) {
            setMessage("AE title 1-16 characters, no backslash or control characters; port 1-65535.");
        }
        getButton(IDialogConstants.OK_ID).setEnabled(problems.isEmpty());
    }

    @Override
    protected void okPressed() {
        result = new RemoteNode(aeTitle.getText(), host.getText(), Integer.parseInt(port.getText().trim()),
                description.getText());
        super.okPressed();
    }

    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    RemoteNode result() {
        return result;
    }
}
