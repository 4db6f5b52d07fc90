package dev.warcorn.detect;

import java.util.Locale;

/**
 * The four servlet environments Jetty 12.1 runs side by side. Their servlet APIs clash, so a worker
 * JVM gets the class path of exactly one of them.
 */
public enum ServletEnvironment {
    /** {@code javax.servlet} 4 (and every older javax level). */
    EE8(Namespace.JAVAX),
    /** {@code jakarta.servlet} 5. */
    EE9(Namespace.JAKARTA),
    /** {@code jakarta.servlet} 6.0. */
    EE10(Namespace.JAKARTA),
    /** {@code jakarta.servlet} 6.1. */
    EE11(Namespace.JAKARTA);

    private final Namespace namespace;

    ServletEnvironment(Namespace namespace) {
        this.namespace = namespace;
    }

    /** The name used by Jetty's packages and by {@code --ee}: {@code "ee8"} … {@code "ee11"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code "javax"} or {@code "jakarta"}. */
    public String namespace() {
        return namespace.prefix();
    }

    Namespace servletNamespace() {
        return namespace;
    }

    /**
     * Parses an {@code --ee} value, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static ServletEnvironment parse(String s) {
        if (s != null) {
            String wanted = s.strip();
            for (ServletEnvironment e : values()) {
                if (e.id().equalsIgnoreCase(wanted)) return e;
            }
        }
        throw new IllegalArgumentException("--ee=" + s + ": unknown; expected ee8, ee9, ee10 or ee11");
    }

    /**
     * The environment that implements a servlet specification version: below 5 is javax (ee8),
     * 5.x is ee9, 6.0 is ee10 and anything newer is ee11, the newest Jetty 12.1 offers.
     */
    static ServletEnvironment forServletVersion(int major, int minor) {
        if (major < 5) return EE8;
        if (major == 5) return EE9;
        if (major == 6 && minor == 0) return EE10;
        return EE11;
    }
}
