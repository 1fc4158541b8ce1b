package org.dicomflow.node;

/**
 * What the local node is doing right now.
 *
 * @param settings  the settings in force
 * @param listening whether the node accepts associations
 * @param problem   why it does not listen (e.g. "port 11112 in use"), or null
 * @param activeAssociations associations open now
 */
public record NodeStatus(NodeSettings settings, boolean listening, String problem, int activeAssociations) {

    /** One line for a status bar or a log. */
    public String describe() {
        String where = settings.aeTitle() + " on " + settings.bindAddress() + ":" + settings.port();
        if (listening) {
            return where + ": listening, " + activeAssociations + " association(s) open";
        }
        return where + ": not listening" + (problem == null ? "" : " (" + problem + ")");
    }
}
