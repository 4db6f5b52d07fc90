package dev.warcorn.adapter;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextXmlTest {
    /** Stands in for an environment's WebAppContext: XmlConfiguration only needs setters. */
    public static final class FakeWebApp {
        private String contextPath = "/";
        private Object server;

        public void setContextPath(String contextPath) {
            this.contextPath = contextPath;
        }

        public void setServerRef(Object server) {
            this.server = server;
        }
    }

    @TempDir
    Path tmp;

    private Path xml(String configureClass, String body) throws IOException {
        return Files.writeString(tmp.resolve("context.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="wac" class="%s">%s</Configure>
                """.formatted(configureClass, body));
    }

    @Test
    void the_file_configures_the_web_application_it_names() throws IOException {
        FakeWebApp webapp = new FakeWebApp();
        ContextXml.apply(xml(FakeWebApp.class.getName(), "<Set name=\"contextPath\">/app</Set>"), webapp, null);
        assertEquals("/app", webapp.contextPath);
    }

    @Test
    void the_server_can_be_referred_to_as_jetty_home_context_files_do() throws IOException {
        FakeWebApp webapp = new FakeWebApp();
        Server server = new Server();
        ContextXml.apply(xml(FakeWebApp.class.getName(), "<Set name=\"serverRef\"><Ref refid=\"Server\"/></Set>"), webapp, server);
        assertSame(server, webapp.server);
    }

    @Test
    void a_file_for_another_environment_is_refused_naming_the_class_it_must_configure() throws IOException {
        Path file = xml("org.eclipse.jetty.ee8.webapp.WebAppContext", "");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContextXml.apply(file, new FakeWebApp(), null));
        assertEquals("--context-xml " + file + ": ClassNotFoundException: org.eclipse.jetty.ee8.webapp.WebAppContext;"
                + " this WAR runs on " + FakeWebApp.class.getName() + ", which <Configure class=...> must name", e.getMessage());
    }

    @Test
    void a_class_no_jar_provides_is_refused_suggesting_the_worker_class_path() throws IOException {
        Path file = xml(FakeWebApp.class.getName(), "<New class=\"org.h2.jdbcx.JdbcDataSource\"/>");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContextXml.apply(file, new FakeWebApp(), null));
        assertTrue(e.getMessage().endsWith("ClassNotFoundException: org.h2.jdbcx.JdbcDataSource; add the jar that has it with "
                + "--worker-classpath JAR"), e.getMessage());
    }
}
