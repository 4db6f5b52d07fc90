package dev.warcorn.detect;

import static dev.warcorn.detect.Descriptors.JAKARTAEE;
import static dev.warcorn.detect.Descriptors.jettyWebXml;
import static dev.warcorn.detect.Descriptors.webXml;
import static dev.warcorn.detect.WarBuilder.JAKARTA_SERVLET;
import static dev.warcorn.detect.WarBuilder.war;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JettyWebXmlDetectionTest {
    @TempDir
    Path tmp;

    @Test
    void jetty_web_xml_pins_ee8_over_a_jakarta_web_xml() throws IOException {
        Path file = war()
                .add("WEB-INF/jetty-web.xml", jettyWebXml("org.eclipse.jetty.ee8.webapp.WebAppContext"))
                .webXml(webXml(JAKARTAEE, "6.0"))
                .writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE8,
                "WEB-INF/jetty-web.xml configures org.eclipse.jetty.ee8.webapp.WebAppContext"), EeDetector.detect(file));
    }

    @Test
    void environment_specific_jetty_web_xml_pins_its_environment() throws IOException {
        Path file = war()
                .add("WEB-INF/jetty-ee9-web.xml", jettyWebXml("org.eclipse.jetty.ee9.webapp.WebAppContext"))
                .classes(2, JAKARTA_SERVLET)
                .writeZip(tmp.resolve("app.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(ServletEnvironment.EE9, d.environment());
        assertEquals("WEB-INF/jetty-ee9-web.xml configures org.eclipse.jetty.ee9.webapp.WebAppContext", d.reason());
    }

    @Test
    void jetty_9_context_class_pins_nothing() throws IOException {
        Path file = war()
                .add("WEB-INF/jetty-web.xml", jettyWebXml("org.eclipse.jetty.webapp.WebAppContext"))
                .webXml(webXml(JAKARTAEE, "6.1"))
                .writeZip(tmp.resolve("app.war"));
        assertEquals(ServletEnvironment.EE11, EeDetector.detect(file).environment());
    }

    @Test
    void jetty_web_xml_pin_works_in_an_exploded_directory() throws IOException {
        Path dir = war()
                .add("WEB-INF/jetty-web.xml", jettyWebXml("org.eclipse.jetty.ee11.webapp.WebAppContext"))
                .writeDir(tmp.resolve("app"));
        assertEquals(ServletEnvironment.EE11, EeDetector.detect(dir).environment());
    }
}
