package org.dicomflow.node;

/**
 * What the local node is doing right now.
 *
 * @param settings  the settings in force
 * @param listening whether the node accepts associations
 * @param problem   why it does not listen (e.g. "port 11112 in use"), or, while it listens, why the latest
 *                  settings are not the ones in force ("new settings not applied: ..."); null when all is well
 * @param activeAssociations associations open now
 */
public record NodeStatus(NodeSettings settings, boolean listening, String problem, int activeAssociations) {

    /** One line for a status bar or a log. */
    public String describe() {
        String where = settings.aeTitle() + " on " + settings.bindAddress() + ":" + settings.port();
        if (listening) {
            return where + ": listening, " + activeAssociations + " association(s) open"
                    + (problem == null ? "" : " (" + problem + ")");
        }
        return where + ": not listening" + (problem == null ? "" : " (" + problem + ")");
    }
}
