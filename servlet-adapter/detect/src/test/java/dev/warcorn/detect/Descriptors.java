package dev.warcorn.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The text of web.xml and jetty-web.xml files as real WARs carry them. */
final class Descriptors {
    static final String J2EE = "http://java.sun.com/xml/ns/j2ee";
    static final String JAVAEE = "http://java.sun.com/xml/ns/javaee";
    static final String JCP = "http://xmlns.jcp.org/xml/ns/javaee";
    static final String JAKARTAEE = "https://jakarta.ee/xml/ns/jakartaee";

    private Descriptors() {
    }

    /**
     * An http URL on a port nobody listens on: a parser that tried to fetch it would fail with
     * "connection refused" instead of quietly reaching the internet.
     */
    static String unreachableUrl(String file) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String webXml(String namespace, String version) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="%s"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="%s %s/web-app.xsd"
                         version="%s">
                  <display-name>test</display-name>
                </web-app>
                """.formatted(namespace, namespace, namespace, version);
    }

    /** A Servlet 2.3 descriptor: no namespace, a DOCTYPE whose DTD must never be fetched. */
    static String webXml23(String dtdUrl) {
        return """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "%s">
                <web-app>
                  <display-name>old</display-name>
                </web-app>
                """.formatted(dtdUrl);
    }

    static String jettyWebXml(String contextClass) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "%s">
                <Configure class="%s">
                  <Set name="contextPath">/app</Set>
                </Configure>
                """.formatted(unreachableUrl("configure_10_0.dtd"), contextClass);
    }
}
