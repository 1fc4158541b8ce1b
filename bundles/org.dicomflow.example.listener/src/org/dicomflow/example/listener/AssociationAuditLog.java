package org.dicomflow.example.listener;

import java.util.logging.Logger;

import org.dicomflow.net.AssociationEvent;
import org.dicomflow.net.AssociationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * An example of what a site adds without rebuilding DICOMFlow: an {@link AssociationListener} service that
 * the node binds while this bundle is in the installation's extensions/ folder. It writes an audit line per
 * association; a real one might feed a SIEM or count traffic per calling AE.
 */
@Component(service = AssociationListener.class)
public class AssociationAuditLog implements AssociationListener {

    private static final Logger LOG = Logger.getLogger("org.dicomflow.example.audit");

    @Activate
    void activate() {
        LOG.info("example audit log active");
    }

    @Deactivate
    void deactivate() {
        LOG.info("example audit log inactive");
    }

    @Override
    public void closed(AssociationEvent e) {
        LOG.info("AUDIT released " + e);
    }

    @Override
    public void rejected(AssociationEvent e) {
        LOG.info("AUDIT rejected " + e);
    }

    @Override
    public void aborted(AssociationEvent e) {
        LOG.info("AUDIT aborted " + e);
    }
}
