package org.dicomflow.cli;

import org.dicomflow.net.AeTitle;

/** A remote AE as written on the command line: {@code AET@host:port} (IPv6 as {@code AET@[::1]:104}). */
record Endpoint(String aeTitle, String host, int port) {

    static Endpoint parse(String spec) throws Arguments.UsageException {
        int at = spec.lastIndexOf('@');
        int colon = spec.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == spec.length() - 1) {
            throw new Arguments.UsageException("'" + spec + "' is not AET@host:port");
        }
        String aet = spec.substring(0, at);
        String host = spec.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String problem = AeTitle.validate(aet).orElse(null);
        if (problem != null) {
            throw new Arguments.UsageException("'" + spec + "': " + problem);
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("'" + spec + "': port '" + spec.substring(colon + 1) + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new Arguments.UsageException("'" + spec + "': port " + port + " is not in 1-65535");
        }
        return new Endpoint(aet.strip(), host, port);
    }

    @Override
    public String toString() {
        return aeTitle + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
