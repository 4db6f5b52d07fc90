package dev.warcorn.launcher.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Where to listen, as given to {@code --bind}: {@code HOST:PORT}, {@code [IPV6]:PORT}, {@code unix:PATH} or {@code fd://N}. */
public sealed interface Bind {

    /** A TCP address; port 0 picks a free port. */
    record Tcp(String host, int port) implements Bind {
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

    /** A Unix stream socket at a path. */
    record Unix(Path path) implements Bind {
        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /** A listening socket this process already has as fd N (from whatever started it). */
    record Fd(int fd) implements Bind {
        @Override
        public String toString() {
            return "fd://" + fd;
        }
    }

    static Bind parse(String raw) {
        if (raw.startsWith("unix:")) {
            String path = raw.substring("unix:".length());
            if (path.isEmpty()) throw new IllegalArgumentException("expected unix:PATH, e.g. unix:/run/warcorn/http.sock");
            return new Unix(Path.of(path).toAbsolutePath());
        }
        if (raw.startsWith("fd://")) {
            try {
                int fd = Integer.parseInt(raw.substring("fd://".length()));
                if (fd >= 0) return new Fd(fd);
            } catch (NumberFormatException e) {
                // fall through to the message
            }
            throw new IllegalArgumentException("expected fd://N with N an open listening socket's number, e.g. fd://3");
        }
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
        return new Tcp(host, port);
    }
}
