package dev.warcorn.adapter;

import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of warcorn's own worker code, hidden from every web app (Jetty's hidden classes, by location).
 * A web app sees the worker's class path through its parent class loader, resources included: a WAR that
 * bundles logback then found warcorn's logging set-up (a {@code logback.xml}, later the
 * {@code Configurator} service of warcorn-common) and configured its own logback with it, against classes
 * of another class loader (a deploy failure, or lines with {@code %PARSER_ERROR}). Hidden, the WAR's
 * logging is configured by what the WAR itself holds, as in jetty-home.
 */
public final class WarcornJars {
    private WarcornJars() {
    }

    /** {@code file:} URIs of the jars holding warcorn's common and worker classes, for a {@code ClassMatcher}. */
    public static String[] locations() {
        List<String> found = new ArrayList<>();
        for (String name : List.of("dev.warcorn.common.WorkerSpec", "dev.warcorn.worker.WorkerMain", WarcornJars.class.getName())) {
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
