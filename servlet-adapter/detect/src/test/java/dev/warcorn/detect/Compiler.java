package dev.warcorn.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** Compiles a real servlet class against a stub servlet API, for tests on genuine class files. */
final class Compiler {
    private Compiler() {
    }

    /**
     * Compiles {@code app.Hello implements <namespace>.servlet.Servlet} and returns its class file.
     * The stub API is compiled alongside but not returned: a WAR does not bundle it.
     */
    static byte[] helloServlet(Path work, String namespace) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path api = write(src, namespace + "/servlet/Servlet.java", """
                package %s.servlet;
                public interface Servlet { void service(Object request, Object response); }
                """.formatted(namespace));
        Path hello = write(src, "app/Hello.java", """
                package app;
                public class Hello implements %s.servlet.Servlet {
                    public void service(Object request, Object response) { }
                }
                """.formatted(namespace));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler()
                .run(null, log, log, "-d", out.toString(), api.toString(), hello.toString());
        assertEquals(0, status, log.toString(StandardCharsets.UTF_8));
        return Files.readAllBytes(out.resolve("app/Hello.class"));
    }

    private static Path write(Path root, String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
