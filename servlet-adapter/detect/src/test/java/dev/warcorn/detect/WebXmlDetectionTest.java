package dev.warcorn.detect;

import static dev.warcorn.detect.Descriptors.J2EE;
import static dev.warcorn.detect.Descriptors.JAKARTAEE;
import static dev.warcorn.detect.Descriptors.JAVAEE;
import static dev.warcorn.detect.Descriptors.JCP;
import static dev.warcorn.detect.Descriptors.webXml;
import static dev.warcorn.detect.WarBuilder.JAKARTA_SERVLET;
import static dev.warcorn.detect.WarBuilder.JAVAX_SERVLET;
import static dev.warcorn.detect.WarBuilder.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebXmlDetectionTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} version {1} -> {2}")
    @CsvSource({
        J2EE + ", 2.4, EE8, javax",
        JAVAEE + ", 2.5, EE8, javax",
        JAVAEE + ", 3.0, EE8, javax",
        JCP + ", 3.1, EE8, javax",
        JCP + ", 4.0, EE8, javax",
        JAKARTAEE + ", 5.0, EE9, jakarta",
        JAKARTAEE + ", 6.0, EE10, jakarta",
        JAKARTAEE + ", 6.1, EE11, jakarta",
        JAKARTAEE + ", 6.2, EE11, jakarta",
    })
    void web_xml_namespace_and_version_pick_the_environment(String ns, String version, ServletEnvironment expected,
            String prefix) throws IOException {
        Path file = war().webXml(webXml(ns, version)).writeZip(tmp.resolve("app.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(expected, d.environment());
        assertEquals("WEB-INF/web.xml uses the " + prefix + " namespace, version " + version, d.reason());
    }

    @Test
    void servlet_2_3_doctype_web_xml_is_ee8_without_fetching_the_dtd() throws IOException {
        // the DTD URL points at a closed port: any attempt to fetch it would fail the detection
        String xml = Descriptors.webXml23(Descriptors.unreachableUrl("web-app_2_3.dtd"));
        Path file = war().webXml(xml).writeZip(tmp.resolve("old.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(new Detection(ServletEnvironment.EE8, "WEB-INF/web.xml uses the javax namespace, version 2.3"), d);
    }

    @Test
    void jakarta_web_xml_without_version_falls_back_to_ee10() throws IOException {
        String xml = "<web-app xmlns=\"" + JAKARTAEE + "\"/>";
        Detection d = EeDetector.detect(war().webXml(xml).writeZip(tmp.resolve("app.war")));
        assertEquals(new Detection(ServletEnvironment.EE10, "WEB-INF/web.xml uses the jakarta namespace, no version"), d);
    }

    @Test
    void web_xml_that_agrees_with_the_classes_gives_the_reason() throws IOException {
        Path file = war().webXml(webXml(JAKARTAEE, "6.1")).classes(3, JAKARTA_SERVLET).writeZip(tmp.resolve("a.war"));
        assertEquals(new Detection(ServletEnvironment.EE11, "WEB-INF/web.xml uses the jakarta namespace, version 6.1"),
                EeDetector.detect(file));
    }

    @Test
    void jakarta_classes_overrule_a_javax_web_xml() throws IOException {
        Path file = war().webXml(webXml(JCP, "4.0")).classes(12, JAKARTA_SERVLET).writeZip(tmp.resolve("a.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(ServletEnvironment.EE10, d.environment());
        assertEquals("WEB-INF/classes reference jakarta/servlet (12 classes) and not javax/servlet, "
                + "overruling WEB-INF/web.xml (javax namespace, version 4.0)", d.reason());
    }

    @Test
    void javax_classes_overrule_a_jakarta_web_xml() throws IOException {
        Path file = war().webXml(webXml(JAKARTAEE, "6.0")).classes(1, JAVAX_SERVLET).writeZip(tmp.resolve("a.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(ServletEnvironment.EE8, d.environment());
        assertTrue(d.reason().startsWith("WEB-INF/classes reference javax/servlet (1 class) and not jakarta/servlet"),
                d.reason());
    }

    @Test
    void malformed_web_xml_is_reported_with_its_location_and_a_next_step() throws IOException {
        Path file = war().webXml("<web-app><oops></web-app>").writeZip(tmp.resolve("bad.war"));
        var e = assertThrows(MalformedDescriptorException.class, () -> EeDetector.detect(file));
        assertTrue(e.getMessage().startsWith(file + "!/WEB-INF/web.xml: not well-formed XML (line 1, column "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); fix the descriptor, or give --ee to skip reading it"), e.getMessage());
    }

    @Test
    void external_entities_in_web_xml_are_not_fetched() throws IOException {
        String xml = "<!DOCTYPE web-app [<!ENTITY v SYSTEM \"" + Descriptors.unreachableUrl("v.txt") + "\">]>"
                + "<web-app xmlns=\"" + JAKARTAEE + "\" version=\"5.0\"><display-name>&v;</display-name></web-app>";
        Detection d = EeDetector.detect(war().webXml(xml).writeZip(tmp.resolve("a.war")));
        assertEquals(ServletEnvironment.EE9, d.environment());
    }
}
