package dev.warcorn.detect;

import static dev.warcorn.detect.WarBuilder.JAVAX_SERVLET;
import static dev.warcorn.detect.WarBuilder.fakeClass;
import static dev.warcorn.detect.WarBuilder.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR of websocket endpoints only names no servlet type; its websocket API decides. */
class WebSocketDetectionTest {
    private static final String JAVAX_ENDPOINT = "javax/websocket/server/ServerEndpoint";
    private static final String JAKARTA_ENDPOINT = "jakarta/websocket/server/ServerEndpoint";

    @TempDir
    Path tmp;

    @Test
    void javax_websocket_endpoints_without_servlets_are_ee8() throws IOException {
        Path file = war().classes(2, JAVAX_ENDPOINT).writeZip(tmp.resolve("ws.war"));
        assertEquals(new Detection(ServletEnvironment.EE8,
                "WEB-INF/classes reference javax/websocket (2 classes) and not jakarta/websocket"), EeDetector.detect(file));
    }

    @Test
    void jakarta_websocket_endpoints_without_servlets_are_jakarta() throws IOException {
        Path file = war().classes(1, JAKARTA_ENDPOINT).writeZip(tmp.resolve("ws.war"));
        assertEquals(new Detection(ServletEnvironment.EE10,
                "WEB-INF/classes reference jakarta/websocket (1 class) and not javax/websocket"), EeDetector.detect(file));
    }

    @Test
    void servlet_references_outrank_websocket_references() throws IOException {
        Path file = war().classes(1, JAVAX_SERVLET).classes(3, JAKARTA_ENDPOINT).writeZip(tmp.resolve("app.war"));
        assertEquals(ServletEnvironment.EE8, EeDetector.detect(file).environment());
    }

    @Test
    void an_ee_override_contradicting_javax_endpoints_is_refused() throws IOException {
        Path file = war().classes(1, JAVAX_ENDPOINT).writeZip(tmp.resolve("ws.war"));
        EnvironmentMismatchException e = assertThrows(EnvironmentMismatchException.class,
                () -> EeDetector.resolve(file, ServletEnvironment.EE10));
        assertEquals("--ee=ee10 needs jakarta.servlet, but WEB-INF/classes reference javax/websocket (1 class); "
                + "drop --ee or use --ee=ee8", e.getMessage());
    }

    @Test
    void the_scan_reads_a_websocket_name_at_the_very_end_of_a_class_file() {
        assertEquals(4, ClassScan.namespacesIn("Ljavax/websocket/".getBytes()));
        assertEquals(8, ClassScan.namespacesIn(fakeClass("jakarta/websocket/Session")));
        assertEquals(0, ClassScan.namespacesIn("javax/websocke".getBytes()));
    }
}
