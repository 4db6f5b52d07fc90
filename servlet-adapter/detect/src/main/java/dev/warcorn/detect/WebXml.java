package dev.warcorn.detect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;

/**
 * What {@code WEB-INF/web.xml} declares: the namespace of its root element and its version.
 *
 * @param namespace the servlet namespace, or {@code null} when the root is not a known web-app
 * @param version   the declared version such as {@code "4.0"}, or {@code ""} when there is none
 */
record WebXml(Namespace namespace, String version) {
    static final String PATH = "WEB-INF/web.xml";

    private static final Map<String, Namespace> NAMESPACES = Map.of(
            "", Namespace.JAVAX, // Servlet 2.2/2.3: a DOCTYPE, no namespace
            "http://java.sun.com/xml/ns/j2ee", Namespace.JAVAX, // 2.4
            "http://java.sun.com/xml/ns/javaee", Namespace.JAVAX, // 2.5, 3.0
            "http://xmlns.jcp.org/xml/ns/javaee", Namespace.JAVAX, // 3.1, 4.0
            "https://jakarta.ee/xml/ns/jakartaee", Namespace.JAKARTA); // 5.0 and later

    // "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
    private static final Pattern DTD_VERSION = Pattern.compile("DTD Web Application (\\d+\\.\\d+)");
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?(?:\\.\\d+)*");

    /** The WAR's web.xml, or {@code null} when it has none. */
    static WebXml read(WarContent war) throws IOException {
        try (InputStream in = war.openEntry(PATH)) {
            return in == null ? null : of(SafeXml.parse(in, war.location(PATH)));
        }
    }

    static WebXml of(Document doc) {
        Element root = doc.getDocumentElement();
        String uri = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        Namespace ns = "web-app".equals(root.getLocalName()) ? NAMESPACES.get(uri) : null;
        String version = root.getAttribute("version").strip();
        DocumentType doctype = doc.getDoctype();
        if (version.isEmpty() && doctype != null && doctype.getPublicId() != null) {
            Matcher m = DTD_VERSION.matcher(doctype.getPublicId());
            if (m.find()) version = m.group(1);
        }
        return new WebXml(ns, version);
    }

    /**
     * The environment the descriptor asks for, or {@code null} when it does not say: any javax
     * web.xml is ee8; a jakarta one needs a readable version of at least 5.
     */
    ServletEnvironment environment() {
        if (namespace == Namespace.JAVAX) return ServletEnvironment.EE8;
        if (namespace != Namespace.JAKARTA) return null;
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) return null;
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return major < 5 ? null : ServletEnvironment.forServletVersion(major, minor);
    }

    /** {@code WEB-INF/web.xml uses the javax namespace, version 4.0}. */
    String describe() {
        return PATH + " uses the " + namespaceAndVersion();
    }

    /** {@code WEB-INF/web.xml (javax namespace, version 4.0)}. */
    String summary() {
        return PATH + " (" + namespaceAndVersion() + ")";
    }

    private String namespaceAndVersion() {
        String ns = namespace == null ? "unknown" : namespace.prefix();
        return ns + " namespace" + (version.isEmpty() ? ", no version" : ", version " + version);
    }
}
