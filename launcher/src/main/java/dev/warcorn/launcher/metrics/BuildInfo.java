package dev.warcorn.launcher.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What warcorn_build_info says: warcorn's version, the JDK, the Jetty the workers run, the WAR's servlet environment. */
public record BuildInfo(String warcorn, String jdk, String jetty, String environment) {

    /** The Jetty version comes from build.properties, filled in by Maven: the master never loads Jetty to ask it. */
    public static BuildInfo of(String warcornVersion, String environment) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unknown below
        }
        return new BuildInfo(warcornVersion, Runtime.version().toString(), p.getProperty("jetty.version", "unknown"), environment);
    }
}
