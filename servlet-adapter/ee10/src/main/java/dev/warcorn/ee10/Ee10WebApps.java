package dev.warcorn.ee10;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WebAppFactory;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;

/** A WAR on Jetty's ee10 environment (Jakarta Servlet 6.0). */
public final class Ee10WebApps implements WebAppFactory {

    @Override
    public String environment() {
        return "ee10";
    }

    @Override
    public Handler create(WorkerSpec spec) {
        WebAppContext webapp = new WebAppContext();
        webapp.setWar(spec.war().toString());
        // Set explicitly: otherwise <default-context-path> in web.xml or the WAR's file name would decide.
        webapp.setContextPath(spec.contextPath());
        webapp.setTempDirectory(spec.tmpDir().toFile());
        // Fail the start instead of serving 503 forever: the master then sees a boot failure (exit 4).
        webapp.setThrowUnavailableOnStartupException(true);
        // === ee10-annotations: @WebServlet, @WebFilter, @WebListener, ServletContainerInitializer ===
        webapp.addConfiguration(new AnnotationConfiguration());
        return webapp;
    }
}
