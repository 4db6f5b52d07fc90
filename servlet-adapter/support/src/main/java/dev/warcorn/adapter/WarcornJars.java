package dev.warcorn.adapter;

import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of warcorn's own worker code and of its logback, hidden from every web app (Jetty's hidden
 * classes, by location). A web app sees the worker's class path through its parent class loader, resources
 * included:
 * <ul>
 * <li>a WAR that bundles logback found warcorn's logging set-up (a {@code logback.xml}, later the
 * {@code Configurator} service of warcorn-common) and configured its own logback with it, against classes
 * of another class loader (a deploy failure, or lines with {@code %PARSER_ERROR});</li>
 * <li>a WAR that bundles slf4j-api with another binding (log4j-slf4j2-impl in Hawtio 4 and the ActiveMQ
 * console) found logback's {@code SLF4JServiceProvider} service file too, and its slf4j printed
 * "A service provider failed to instantiate … not a subtype" at every boot.</li>
 * </ul>
 * Hidden, the WAR's logging is configured by what the WAR itself holds, as in jetty-home, whose logging
 * implementation is a hidden server class. slf4j-api stays visible: a WAR that logs through slf4j without
 * bundling it logs into the worker's log.
 */
public final class WarcornJars {
    private WarcornJars() {
    }

    /** One class of each jar to hide: warcorn-common, the worker, this adapter's support, logback-classic, logback-core. */
    static final List<String> MARKERS = List.of("dev.warcorn.common.WorkerSpec", "dev.warcorn.worker.WorkerMain",
            WarcornJars.class.getName(), "ch.qos.logback.classic.LoggerContext", "ch.qos.logback.core.Context");

    /** {@code file:} URIs of the jars holding warcorn's common and worker classes and logback, for a {@code ClassMatcher}. */
    public static String[] locations() {
        List<String> found = new ArrayList<>();
        for (String name : MARKERS) {
            Class<?> c = find(name);
            CodeSource source = c == null ? null : c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) continue;
            try {
                String location = source.getLocation().toURI().toString();
                if (!found.contains(location)) found.add(location);
            } catch (URISyntaxException e) {
                // not a location Jetty could match either
            }
        }
        return found.toArray(String[]::new);
    }

    private static Class<?> find(String name) {
        try {
            return Class.forName(name, false, WarcornJars.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null; // a unit test of an adapter runs without the worker
        }
    }
}
