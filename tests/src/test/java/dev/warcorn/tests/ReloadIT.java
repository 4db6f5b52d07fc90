package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --reload on an exploded WAR whose servlet class the test rebuilds, as an IDE would, while a client keeps
 * sending requests: the new answer arrives, nothing fails, and a rebuild that no longer deploys leaves the
 * old workers serving. Prints how long a rebuilt class takes to answer (median of 5).
 */
class ReloadIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final Duration NEW_ANSWER = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private int builds;

    private static Path servletApi() throws IOException {
        try (Stream<Path> jars = Files.list(Warcorn.DIST.resolve("lib/ee10"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("jakarta.servlet-api-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no jakarta.servlet-api jar in " + Warcorn.DIST.resolve("lib/ee10")));
        }
    }

    private Path explodedWar() throws IOException {
        Path war = tmp.resolve("app");
        Files.createDirectories(war.resolve("WEB-INF/classes/reload"));
        Files.writeString(war.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <servlet><servlet-name>hello</servlet-name><servlet-class>reload.Hello</servlet-class><load-on-startup>1</load-on-startup></servlet>
                  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>
                </web-app>
                """);
        return war;
    }

    /**
     * Compiles the servlet elsewhere and renames the class file into the WAR, as a build tool's last step
     * does, so a worker booting meanwhile never reads half a class file.
     */
    private void build(Path war, String body, String init) throws IOException {
        Path src = tmp.resolve("build-" + (++builds));
        Files.createDirectories(src.resolve("reload"));
        Path java = Files.writeString(src.resolve("reload/Hello.java"), """
                package reload;

                public class Hello extends jakarta.servlet.http.HttpServlet {
                    @Override
                    public void init() throws jakarta.servlet.ServletException {
                        %s
                    }

                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest q, jakarta.servlet.http.HttpServletResponse r) throws java.io.IOException {
                        r.setContentType("text/plain");
                        r.getWriter().print("%s");
                    }
                }
                """.formatted(init, body));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-cp", servletApi().toString(), "-d", src.toString(), java.toString());
        assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8));
        Files.move(src.resolve("reload/Hello.class"), war.resolve("WEB-INF/classes/reload/Hello.class"),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String body(int port) {
        try {
            return Http.get(port, "/hello", Duration.ofSeconds(10)).body();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    void a_rebuilt_class_answers_within_seconds_with_no_failed_request_and_a_broken_rebuild_keeps_the_old_answer() throws Exception {
        Path war = explodedWar();
        build(war, "v1", "");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--reload", war.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            assertEquals("v1", body(port));
            List<Long> millis = new ArrayList<>();
            try (Load load = new Load(Load.Client.KEEP_ALIVE, port, "/hello", 2, 1_000_000)) {
                load.awaitMore(50, Duration.ofSeconds(20));
                for (int v = 2; v <= 6; v++) {
                    String want = "v" + v;
                    int readyBefore = w.readyPids().size();
                    long t0 = System.nanoTime();
                    build(war, want, "");
                    Warcorn.poll(NEW_ANSWER, "the answer " + want, () -> body(port).equals(want));
                    millis.add(Duration.ofNanos(System.nanoTime() - t0).toMillis());
                    Warcorn.poll(BOOT, "both workers replaced", () -> w.readyPids().size() >= readyBefore + 2 && w.workers().size() == 2);
                }

                int readyBefore = w.readyPids().size();
                build(war, "never served", "throw new jakarta.servlet.ServletException(\"broken on purpose\");");
                w.await("failed to boot as a replacement", BOOT);
                w.await("broken on purpose", Duration.ofSeconds(5));
                for (int i = 0; i < 20; i++) assertEquals("v6", body(port), "the old workers keep serving");
                assertEquals(readyBefore, w.readyPids().size(), "no broken worker became ready");

                build(war, "v7", "");
                Warcorn.poll(NEW_ANSWER, "the answer v7 after the fix", () -> body(port).equals("v7"));
                load.awaitMore(50, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures());
            }
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.println("--reload: rebuilt class to new answer, ms: " + millis + "; median " + sorted.get(sorted.size() / 2) + " ms");
        }
    }
}
