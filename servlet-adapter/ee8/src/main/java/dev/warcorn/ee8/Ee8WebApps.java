package dev.warcorn.ee8;

import dev.warcorn.adapter.ContextXml;
import dev.warcorn.adapter.LoginRealms;
import dev.warcorn.adapter.Quickstart;
import dev.warcorn.adapter.WarFeatures;
import dev.warcorn.adapter.WarcornJars;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WebAppFactory;
import org.eclipse.jetty.ee8.servlet.ServletHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.ee8.servlet.ServletMapping;
import org.eclipse.jetty.ee8.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A WAR on Jetty's ee8 environment (javax.servlet 4).
 *
 * <p>Annotations, JNDI ({@code plus}), JSP with JSTL and websockets need no code here: their
 * {@code Configuration}s are ServiceLoader services of the jars in {@code lib/ee8}, enabled by
 * default, so having the jars on the class path switches them on. JSP and websockets are then turned off again
 * when the WAR shows no sign of using them ({@link WarFeatures}), which shortens every boot.
 *
 * <p>ee8's {@code WebAppContext} is a nested context: the server gets its core handler,
 * {@code webapp.get()}, whose start starts the nested context and fails when the nested one fails
 * (with {@code throwUnavailableOnStartupException}), so {@code isFailed()} tells a failed deploy.
 */
public final class Ee8WebApps implements WebAppFactory {
    /** The servlet API jar of lib/ee8: scanned for annotations, as jetty-home scans it. */
    private static final String API_JAR = ".*/jetty-servlet-api-[^/]*\\.jar$";
    /** The servlet API and JSTL jars of lib/ee8: JSTL's tag library descriptors are found in them. */
    private static final String CONTAINER_JARS = ".*/jetty-servlet-api-[^/]*\\.jar$|.*jakarta.servlet.jsp.jstl-[^/]*\\.jar|.*jsp.jstl-[^/]*\\.jar";

    @Override
    public String environment() {
        return "ee8";
    }

    @Override
    public Handler create(WorkerSpec spec) {
        WarFeatures features = WarFeatures.of(spec.war());
        return Quickstart.handler(spec.quickstart(), (mode, file) -> context(spec, features, mode, file));
    }

    /** The WAR's context, set up alike for a usual start, a quickstart file's generation and a start from one. */
    private Handler context(WorkerSpec spec, WarFeatures features, Quickstart.Mode mode, Path file) {
        WebAppContext webapp = new WebAppContext() {
            @Override
            public void preConfigure() throws Exception {
                Quickstart.stage(mode, super::preConfigure);
            }

            @Override
            public boolean configure() throws Exception {
                return Quickstart.stage(mode, super::configure);
            }

            @Override
            protected void startContext() throws Exception {
                // WebAppContext's own three steps, the first two marked: they read a quickstart file, the third runs the WAR
                if (!configure()) return;
                Quickstart.stage(mode, () -> getMetaData().resolve(this));
                startWebapp();
            }

            @Override
            protected void startWebapp() throws Exception {
                // webdefault's JSP servlet would start Jasper at boot (load-on-startup 0): without JSP it
                // goes with its *.jsp mappings, and a request for a page gets the default servlet's 404
                if (!features.jsp()) withoutServlet(getServletHandler(), "jsp");
                super.startWebapp();
            }
        };
        // A directory (the master unpacks a .war once) is served in place; a .war is unpacked into tmpDir.
        webapp.setWar(spec.war().toString());
        // Set explicitly: otherwise <default-context-path> in web.xml or the WAR's file name would decide.
        webapp.setContextPath(spec.contextPath());
        // The worker's private scratch directory, also where JSPs are compiled (the JSP servlet's scratchdir).
        webapp.setTempDirectory(Quickstart.tempDirectory(mode, spec.tmpDir()).toFile());
        // Fail the start instead of serving 503 forever: the master then sees a deploy failure (exit 4).
        webapp.setThrowUnavailableOnStartupException(true);

        // === ee8-glassfish-jstl: the container jars scanned for TLDs and annotations, as jetty-home's ee8-deploy sets ===
        webapp.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, features.jsp() ? CONTAINER_JARS : API_JAR);

        // === only the container parts the WAR uses: no JSP or websocket configuration and initializers when unused ===
        webapp.getConfigurations().remove(features.unusedConfigurations(environment()));
        features.initializerExclusions(environment()).ifPresent(p -> webapp.setAttribute(WarFeatures.INITIALIZER_EXCLUSIONS, p));

        // === quickstart: the descriptor the first worker wrote, instead of scanning the WAR again (Quickstart) ===
        Quickstart.configure(mode, file, environment(), webapp::setAttribute, webapp.getConfigurations()::remove);

        // === no stack traces, class names or exception text on error pages (docs/http-edge.md) ===
        webapp.setErrorHandler(new SafeErrorPages());

        // === warcorn's own jars are not the WAR's business: its logging set-up must not configure a bundled logback ===
        webapp.getHiddenClassMatcher().add(WarcornJars.locations());

        // === ee8-security: --login-realm NAME=FILE for the WAR's <login-config> ===
        webapp.setSecurityHandler(new RealmSecurityHandler(new LoginRealms(spec.loginRealms())));

        Handler handler = webapp.get();
        // === --context-xml FILE: JNDI resources, env entries, anything a jetty-home context XML sets ===
        spec.contextXml().ifPresent(xml -> ContextXml.applyOnStart(xml, handler, webapp, handler::getServer));
        return handler;
    }

    private static void withoutServlet(ServletHandler handler, String name) {
        handler.setServletMappings(Arrays.stream(handler.getServletMappings())
                .filter(m -> !name.equals(m.getServletName())).toArray(ServletMapping[]::new));
        handler.setServlets(Arrays.stream(handler.getServlets())
                .filter(h -> !name.equals(h.getName())).toArray(ServletHolder[]::new));
    }
}
