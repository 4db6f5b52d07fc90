package dev.warcorn.adapter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarFeaturesTest {
    @TempDir
    Path war;

    private Path file(String path, String content) throws IOException {
        Path p = war.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.ISO_8859_1);
    }

    private void jar(String name, String... entries) throws IOException {
        Path p = Files.createDirectories(war.resolve("WEB-INF/lib")).resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(p))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
    }

    @Test
    void a_war_of_servlets_and_static_files_uses_neither() throws IOException {
        file("WEB-INF/classes/shop/Cart.class", "\u00ca\u00fe\u00ba\u00bejakarta/servlet/http/HttpServlet");
        file("index.html", "<html>");
        file("WEB-INF/web.xml", "<web-app><servlet-name>cart</servlet-name></web-app>");
        jar("gson-2.10.jar", "com/google/gson/Gson.class", "META-INF/MANIFEST.MF");
        WarFeatures features = WarFeatures.scan(war);
        assertFalse(features.jsp(), features.describe());
        assertFalse(features.websocket(), features.describe());
        assertEquals("JSP off (no page, tag or TLD in the WAR), websockets off (no class or jar refers to them)", features.describe());
        assertArrayEquals(new String[]{"org.eclipse.jetty.ee10.webapp.JspConfiguration",
                        "org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketConfiguration",
                        "org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketConfiguration"},
                features.unusedConfigurations("ee10"));
        assertEquals("org.eclipse.jetty.containerInitializerExclusionPattern", WarFeatures.INITIALIZER_EXCLUSIONS);
        assertEquals("org\\.eclipse\\.jetty\\.ee10\\.apache\\.jsp\\..*|org\\.glassfish\\.wasp\\..*|org\\.eclipse\\.jetty\\.ee10\\.websocket\\..*",
                features.initializerExclusions("ee10").orElseThrow());
    }

    @Test
    void a_page_anywhere_in_the_tree_turns_jsp_on() throws IOException {
        file("WEB-INF/views/cart/Show.JSP", "<%= 1 %>");
        WarFeatures features = WarFeatures.scan(war);
        assertEquals("WEB-INF/views/cart/Show.JSP", features.jspEvidence());
        assertEquals(2, features.unusedConfigurations("ee10").length, "only the websocket ones go");
    }

    @Test
    void a_tag_library_in_a_jar_turns_jsp_on() throws IOException {
        jar("taglibs-1.2.jar", "org/apache/taglibs/Out.class", "META-INF/c.tld");
        assertEquals("WEB-INF/lib/taglibs-1.2.jar!/META-INF/c.tld", WarFeatures.scan(war).jspEvidence());
    }

    @Test
    void jsp_named_in_web_xml_turns_jsp_on() throws IOException {
        file("WEB-INF/web.xml", "<web-app><jsp-config><taglib/></jsp-config></web-app>");
        assertTrue(WarFeatures.scan(war).jsp());
    }

    @Test
    void a_precompiled_page_turns_jsp_on() throws IOException {
        file("WEB-INF/classes/org/apache/jsp/index_jsp.class", "\u00ca\u00fe\u00ba\u00bejakarta/servlet/jsp/JspFactory");
        assertEquals("WEB-INF/classes/org/apache/jsp/index_jsp.class refers to the JSP API", WarFeatures.scan(war).jspEvidence());
    }

    @Test
    void an_endpoint_class_turns_websockets_on_for_javax_too() throws IOException {
        file("WEB-INF/classes/chat/Echo.class", "\u00ca\u00fe\u00ba\u00bejavax/websocket/server/ServerEndpoint");
        WarFeatures features = WarFeatures.scan(war);
        assertTrue(features.websocket(), features.describe());
        assertArrayEquals(new String[]{"org.eclipse.jetty.ee8.webapp.JspConfiguration"}, features.unusedConfigurations("ee8"));
    }

    @Test
    void a_websocket_library_in_lib_turns_websockets_on() throws IOException {
        jar("spring-websocket-6.1.jar", "org/springframework/web/socket/WebSocketHandler.class");
        assertTrue(WarFeatures.scan(war).websocket());
        Files.delete(war.resolve("WEB-INF/lib/spring-websocket-6.1.jar"));
        jar("messaging.jar", "org/springframework/web/socket/WebSocketHandler.class");
        assertEquals("WEB-INF/lib/messaging.jar!/org/springframework/web/socket/WebSocketHandler.class", WarFeatures.scan(war).websocketEvidence());
    }

    @Test
    void an_unreadable_jar_keeps_both_on() throws IOException {
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        try (OutputStream out = Files.newOutputStream(lib.resolve("broken.jar"))) {
            out.write("not a zip".getBytes(StandardCharsets.US_ASCII));
        }
        WarFeatures features = WarFeatures.scan(war);
        assertTrue(features.jsp() && features.websocket(), features.describe());
    }

    @Test
    void a_war_file_that_was_not_unpacked_keeps_everything_on() throws IOException {
        WarFeatures features = WarFeatures.scan(file("shop.war", "PK"));
        assertTrue(features.jsp() && features.websocket(), features.describe());
        assertEquals(0, features.unusedConfigurations("ee10").length);
        assertTrue(features.initializerExclusions("ee10").isEmpty());
    }
}
