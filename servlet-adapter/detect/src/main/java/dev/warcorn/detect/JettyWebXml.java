package dev.warcorn.detect;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A Jetty descriptor whose {@code <Configure class="org.eclipse.jetty.ee8.webapp.WebAppContext">}
 * can only be applied by that environment, so it pins it. Jetty 12 reads the environment's own
 * {@code jetty-eeN-web.xml} first, then {@code jetty-web.xml}, then the legacy {@code web-jetty.xml}.
 */
final class JettyWebXml {
    private static final List<String> PATHS = List.of(
            "WEB-INF/jetty-ee11-web.xml",
            "WEB-INF/jetty-ee10-web.xml",
            "WEB-INF/jetty-ee9-web.xml",
            "WEB-INF/jetty-ee8-web.xml",
            "WEB-INF/jetty-web.xml",
            "WEB-INF/web-jetty.xml");

    private static final Pattern CONTEXT_CLASS =
            Pattern.compile("org\\.eclipse\\.jetty\\.(ee\\d+)\\.webapp\\.WebAppContext");

    private JettyWebXml() {
    }

    /** The environment the first pinning descriptor names, or {@code null} when none pins one. */
    static Detection pin(WarContent war) throws IOException {
        for (String path : PATHS) {
            try (InputStream in = war.openEntry(path)) {
                if (in == null) continue;
                Element root = SafeXml.parse(in, war.location(path)).getDocumentElement();
                String contextClass = root.getAttribute("class").strip();
                ServletEnvironment env = environmentOf(contextClass);
                if ("Configure".equals(root.getLocalName()) && env != null) {
                    return new Detection(env, path + " configures " + contextClass);
                }
            }
        }
        return null;
    }

    /**
     * The environment of a Jetty 12 {@code WebAppContext} class name; {@code null} for other
     * classes, including Jetty 9–11's environment-less {@code org.eclipse.jetty.webapp.WebAppContext}.
     */
    static ServletEnvironment environmentOf(String contextClass) {
        Matcher m = CONTEXT_CLASS.matcher(contextClass);
        if (!m.matches()) return null;
        for (ServletEnvironment env : ServletEnvironment.values()) {
            if (env.id().equals(m.group(1))) return env;
        }
        return null;
    }
}
