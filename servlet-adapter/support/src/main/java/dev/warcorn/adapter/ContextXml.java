package dev.warcorn.adapter;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code --context-xml FILE}: a Jetty XML applied to the {@code WebAppContext} the way Jetty's deployer
 * applies {@code webapps/NAME.xml}, after warcorn's own settings (so the file may override them) and
 * before the application starts (so a JNDI {@code Resource} or {@code EnvEntry} it declares is bound
 * when the WAR looks it up). It runs when the handler starts rather than when it is built, so that
 * {@code <Ref refid="Server"/>} resolves and a bad file fails the deploy (exit 4) like any other
 * deploy error.
 */
public final class ContextXml {
    private static final Logger log = LoggerFactory.getLogger(ContextXml.class);

    private ContextXml() {
    }

    /**
     * Applies {@code file} to {@code webapp} when {@code starting} starts.
     *
     * @param starting the handler the server starts: the WebAppContext itself, or for ee8 and ee9 the
     *                 core handler around the nested one
     * @param webapp   the environment's WebAppContext, the object the file's {@code <Configure>} names
     * @param server   the server, known only once the handler is part of it
     */
    public static void applyOnStart(Path file, LifeCycle starting, Object webapp, Supplier<Server> server) {
        starting.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                apply(file, webapp, server.get());
            }
        });
    }

    static void apply(Path file, Object webapp, Server server) {
        try {
            XmlConfiguration xml = new XmlConfiguration(ResourceFactory.root().newResource(file));
            if (server != null) xml.getIdMap().put("Server", server);
            xml.configure(webapp);
        } catch (Exception e) {
            log.error("--context-xml {} could not be applied", file, e);
            throw new IllegalStateException("--context-xml " + file + ": " + rootCause(e) + hint(e, webapp));
        }
    }

    /** The adapters extend Jetty's WebAppContext with an anonymous class; a context XML names Jetty's class. */
    private static Class<?> jettyClass(Class<?> c) {
        while (c.isAnonymousClass()) c = c.getSuperclass();
        return c;
    }

    /**
     * What to do about the two usual mistakes: a {@code <Configure class>} of another environment
     * (which fails to load or does not match), and a class the file names that no jar provides.
     */
    private static String hint(Exception e, Object webapp) {
        String cause = rootCause(e);
        if (cause.contains("is not of type") || cause.startsWith("ClassNotFoundException") && cause.contains(".webapp.WebAppContext"))
            return "; this WAR runs on " + jettyClass(webapp.getClass()).getName() + ", which <Configure class=...> must name";
        if (cause.startsWith("ClassNotFoundException"))
            return "; add the jar that has it with --worker-classpath JAR";
        return "";
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
