package dev.warcorn.detect;

import static dev.warcorn.detect.WarBuilder.JAKARTA_SERVLET;
import static dev.warcorn.detect.WarBuilder.JAVAX_SERVLET;
import static dev.warcorn.detect.WarBuilder.fakeClass;
import static dev.warcorn.detect.WarBuilder.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassScanDetectionTest {
    @TempDir
    Path tmp;

    @Test
    void javax_war_without_web_xml_is_ee8() throws IOException {
        Path file = war().classes(3, JAVAX_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE8,
                "WEB-INF/classes reference javax/servlet (3 classes) and not jakarta/servlet"), EeDetector.detect(file));
    }

    @Test
    void jakarta_war_without_web_xml_is_ee10() throws IOException {
        Path file = war().classes(12, JAKARTA_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE10,
                "WEB-INF/classes reference jakarta/servlet (12 classes) and not javax/servlet"), EeDetector.detect(file));
    }

    @Test
    void compiled_javax_and_jakarta_servlets_are_told_apart() throws IOException {
        byte[] javax = Compiler.helloServlet(tmp.resolve("javax"), "javax");
        byte[] jakarta = Compiler.helloServlet(tmp.resolve("jakarta"), "jakarta");
        Path javaxWar = war().add("WEB-INF/classes/app/Hello.class", javax).writeZip(tmp.resolve("javax.war"));
        Path jakartaWar = war().add("WEB-INF/classes/app/Hello.class", jakarta).writeZip(tmp.resolve("jakarta.war"));
        assertEquals(ServletEnvironment.EE8, EeDetector.detect(javaxWar).environment());
        assertEquals(ServletEnvironment.EE10, EeDetector.detect(jakartaWar).environment());
    }

    @Test
    void classes_only_in_a_web_inf_lib_jar_decide() throws IOException {
        Path file = war()
                .jar("app-core-1.0.jar", war().add("app/Core.class", fakeClass(JAKARTA_SERVLET)))
                .writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE10,
                "WEB-INF/lib jars reference jakarta/servlet (1 class) and not javax/servlet"), EeDetector.detect(file));
    }

    @Test
    void web_inf_classes_beat_web_inf_lib() throws IOException {
        Path file = war()
                .classes(1, JAVAX_SERVLET)
                .jar("lib.jar", war().classes(5, JAKARTA_SERVLET))
                .writeZip(tmp.resolve("app.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(ServletEnvironment.EE8, d.environment());
        assertEquals("WEB-INF/classes reference javax/servlet (1 class) and not jakarta/servlet", d.reason());
    }

    @Test
    void mixed_classes_follow_the_majority() throws IOException {
        Path file = war().classes(4, JAKARTA_SERVLET).classes(1, JAVAX_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE10,
                "WEB-INF/classes reference jakarta/servlet (4 classes) more than javax/servlet (1 class)"),
                EeDetector.detect(file));
    }

    @Test
    void bundled_servlet_api_6_1_jar_makes_a_jakarta_war_ee11() throws IOException {
        Path file = war()
                .classes(2, JAKARTA_SERVLET)
                .jar("jakarta.servlet-api-6.1.0.jar", war().add("jakarta/servlet/Servlet.class", fakeClass()))
                .writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE11, "WEB-INF/classes reference jakarta/servlet (2 classes) "
                + "and not javax/servlet; WEB-INF/lib bundles jakarta.servlet-api-6.1.0.jar"), EeDetector.detect(file));
    }

    @Test
    void bundled_servlet_api_5_jar_makes_a_jakarta_war_ee9() throws IOException {
        Path file = war()
                .classes(2, JAKARTA_SERVLET)
                .jar("jakarta.servlet-api-5.0.0.jar", war())
                .writeZip(tmp.resolve("app.war"));
        assertEquals(ServletEnvironment.EE9, EeDetector.detect(file).environment());
    }

    @Test
    void bundled_api_jar_alone_names_the_environment_by_its_version() throws IOException {
        // jakarta.servlet-api 4.0.x is the last javax release under the jakarta name
        Path javax = war().jar("jakarta.servlet-api-4.0.4.jar", war()).writeZip(tmp.resolve("a.war"));
        Path jakarta = war().jar("jakarta.servlet-api-6.0.0.jar", war()).writeZip(tmp.resolve("b.war"));
        assertEquals(new Detection(ServletEnvironment.EE8, "WEB-INF/lib bundles jakarta.servlet-api-4.0.4.jar"),
                EeDetector.detect(javax));
        assertEquals(ServletEnvironment.EE10, EeDetector.detect(jakarta).environment());
    }

    @Test
    void exploded_directory_is_scanned_like_a_war_file() throws IOException {
        Path dir = war()
                .jar("core.jar", war().classes(2, JAVAX_SERVLET))
                .add("index.html", "<h1>hi</h1>")
                .writeDir(tmp.resolve("exploded"));
        assertEquals(new Detection(ServletEnvironment.EE8,
                "WEB-INF/lib jars reference javax/servlet (2 classes) and not jakarta/servlet"), EeDetector.detect(dir));
    }

    @Test
    void empty_war_defaults_to_ee10_and_says_so() throws IOException {
        Detection d = EeDetector.detect(war().writeZip(tmp.resolve("empty.war")));
        assertEquals(new Detection(ServletEnvironment.EE10, "nothing names a servlet API (no jetty-web.xml pin, "
                + "no usable WEB-INF/web.xml, no javax/servlet or jakarta/servlet references); defaulting to ee10"), d);
    }

    @Test
    void static_only_exploded_directory_defaults_to_ee10() throws IOException {
        Path dir = war().add("index.html", "<h1>hi</h1>").add("css/site.css", "h1{}").writeDir(tmp.resolve("site"));
        assertEquals(ServletEnvironment.EE10, EeDetector.detect(dir).environment());
    }

    @Test
    void truncated_jar_is_named_in_the_reason_instead_of_failing() throws IOException {
        byte[] whole = war().add("big/Data.class", new byte[100_000]).toZipBytes();
        Path file = war()
                .jar("good.jar", war().classes(1, JAKARTA_SERVLET))
                .add("WEB-INF/lib/truncated.jar", Arrays.copyOf(whole, whole.length / 2))
                .writeZip(tmp.resolve("app.war"));
        Detection d = EeDetector.detect(file);
        assertEquals(ServletEnvironment.EE10, d.environment());
        String expected = "WEB-INF/lib jars reference jakarta/servlet (1 class) and not javax/servlet; "
                + "could not read WEB-INF/lib/truncated.jar (";
        assertTrue(d.reason().startsWith(expected), d.reason());
    }
}
