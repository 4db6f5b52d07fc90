package dev.warcorn.detect;

import static dev.warcorn.detect.Descriptors.JAKARTAEE;
import static dev.warcorn.detect.Descriptors.webXml;
import static dev.warcorn.detect.WarBuilder.JAKARTA_SERVLET;
import static dev.warcorn.detect.WarBuilder.JAVAX_SERVLET;
import static dev.warcorn.detect.WarBuilder.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverrideTest {
    @TempDir
    Path tmp;

    @Test
    void override_that_agrees_with_the_classes_wins() throws Exception {
        Path file = war().classes(2, JAKARTA_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE11, "--ee=ee11 given"),
                EeDetector.resolve(file, ServletEnvironment.EE11));
    }

    @Test
    void override_wins_over_web_xml() throws Exception {
        Path file = war().webXml(webXml(JAKARTAEE, "6.0")).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE9, "--ee=ee9 given"),
                EeDetector.resolve(file, ServletEnvironment.EE9));
    }

    @Test
    void override_contradicting_javax_classes_is_refused() throws IOException {
        Path file = war().classes(3, JAVAX_SERVLET).writeZip(tmp.resolve("app.war"));
        var e = assertThrows(EnvironmentMismatchException.class,
                () -> EeDetector.resolve(file, ServletEnvironment.EE10));
        assertEquals("--ee=ee10 needs jakarta.servlet, but WEB-INF/classes reference javax/servlet (3 classes); "
                + "drop --ee or use --ee=ee8", e.getMessage());
        assertEquals(ServletEnvironment.EE10, e.requested());
        assertEquals(ServletEnvironment.EE8, e.suggested());
    }

    @Test
    void override_contradicting_jakarta_jar_classes_is_refused() throws IOException {
        Path dir = war()
                .jar("core.jar", war().classes(1, JAKARTA_SERVLET))
                .jar("jakarta.servlet-api-6.1.0.jar", war())
                .writeDir(tmp.resolve("app"));
        var e = assertThrows(EnvironmentMismatchException.class,
                () -> EeDetector.resolve(dir, ServletEnvironment.EE8));
        assertEquals("--ee=ee8 needs javax.servlet, but WEB-INF/lib jars reference jakarta/servlet (1 class); "
                + "drop --ee or use --ee=ee11", e.getMessage());
    }

    @Test
    void override_is_not_refused_when_the_classes_are_mixed() throws Exception {
        Path file = war().classes(3, JAVAX_SERVLET).classes(1, JAKARTA_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(ServletEnvironment.EE10, EeDetector.resolve(file, ServletEnvironment.EE10).environment());
    }

    @Test
    void override_skips_a_malformed_web_xml() throws Exception {
        Path file = war().webXml("<web-app>").classes(1, JAVAX_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(new Detection(ServletEnvironment.EE8, "--ee=ee8 given"),
                EeDetector.resolve(file, ServletEnvironment.EE8));
    }

    @Test
    void no_override_means_detection() throws Exception {
        Path file = war().classes(1, JAVAX_SERVLET).writeZip(tmp.resolve("app.war"));
        assertEquals(EeDetector.detect(file), EeDetector.resolve(file, null));
    }
}
