package dev.warcorn.launcher.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A TCP address to listen on, as given to {@code --bind}: {@code HOST:PORT} or {@code [IPV6]:PORT}. */
public record Bind(String host, int port) {

    static Bind parse(String raw) {
        if (raw.startsWith("unix:") || raw.startsWith("fd://"))
            throw new IllegalArgumentException("unix: and fd:// binds are not supported yet; use HOST:PORT");
        int colon = raw.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000");
        String host = raw.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        else if (host.contains(":")) throw new IllegalArgumentException("an IPv6 address needs brackets, e.g. [::1]:8000");
        if (host.isEmpty()) host = "0.0.0.0";
        int port;
        try {
            port = Integer.parseInt(raw.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number; expected HOST:PORT, e.g. 127.0.0.1:8000");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0 to 65535 (0 picks a free port)");
        return new Bind(host, port);
    }

    /** Resolves the host; a name that does not resolve is a usage error. */
    public InetAddress address() throws ConfigException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException("bind=" + this + ": unknown host " + host + "; use an IP address or a resolvable name");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
