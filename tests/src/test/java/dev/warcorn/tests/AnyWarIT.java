package dev.warcorn.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any WAR, black-box: each example WAR and real third-party WAR is served by the servlet environment
 * detected from it, and answers a request only a running application can answer (a rendered JSP, a
 * JSON body, a websocket echo). One warcorn with one worker per WAR; docs/compatibility.md lists them.
 */
class AnyWarIT {
    static final Duration BOOT = Duration.ofSeconds(90);
    static final Path THIRD_PARTY = Path.of(System.getProperty("warcorn.thirdParty", "target/third-party"));

    @TempDir
    Path tmp;

    static Path example(String name) {
        return Warcorn.EXAMPLES.resolve(name).resolve("target").resolve(name + ".war");
    }

    /** Starts warcorn with one worker on a free port, waits for it, and checks the environment it chose. */
    static Warcorn serve(String environment, Path war, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("-b", "127.0.0.1:0", "-w", "1"));
        args.addAll(List.of(flags));
        args.add(war.toString());
        Warcorn w = Warcorn.start(args.toArray(String[]::new));
        try {
            w.awaitReady(1, BOOT);
        } catch (AssertionError e) {
            w.close();
            throw new AssertionError(e.getMessage() + "; output:\n" + w.output(), e);
        }
        w.await("servlet environment " + environment + " \\(", Duration.ofSeconds(5));
        // a WAR file is served from Jetty's quickstart descriptor (the first worker writes it, then starts from it),
        // so every assertion on a WAR file's pages below holds for a worker that did not scan it
        if (Files.isRegularFile(war)) w.await("Quickstart: starting from ", Duration.ofSeconds(5));
        BootTimes.record(war.getFileName() + (Files.isDirectory(war) ? "/ (exploded)" : ""), w);
        return w;
    }

    private Path realm(String name, String user, String password, String role) throws IOException {
        return Files.writeString(tmp.resolve(name + "-realm.properties"), user + ": " + password + "," + role + "\n");
    }

    @AfterAll
    static void writeBootTimes() throws IOException {
        BootTimes.write(Path.of("target", "boot-times.txt"));
    }

    // === example WARs: one feature each ===

    @Test
    void a_javax_war_without_web_xml_is_served_by_ee8_and_unpacked_once_for_two_workers() throws Exception {
        Path war = example("hello-javax");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", war.toString())) {
            w.awaitReady(2, BOOT);
            w.await("servlet environment ee8 \\(WEB-INF/classes reference javax/servlet", Duration.ofSeconds(5));
            assertAnswers(200, "Hello, World!", Http.get(w.port(), "/hello"));
            assertEquals(1, w.output().split("Unpacked " + war, -1).length - 1, w.output());
        }
    }

    @Test
    void a_jakarta_war_without_web_xml_is_served_by_ee10() throws Exception {
        try (Warcorn w = serve("ee10", Warcorn.HELLO)) {
            assertAnswers(200, "Hello, World!", Http.get(w.port(), "/hello"));
        }
    }

    @Test
    void a_war_without_pages_or_websockets_boots_without_jsp_and_websockets_and_a_jsp_url_is_404() throws Exception {
        try (Warcorn w = serve("ee10", Warcorn.HELLO)) {
            w.await("Container parts: JSP off \\(no page, tag or TLD in the WAR\\), websockets off", Duration.ofSeconds(5));
            assertEquals(404, Http.get(w.port(), "/index.jsp").status());
            assertAnswers(200, "Hello, World!", Http.get(w.port(), "/hello"));
        }
    }

    /**
     * A WAR that bundles its own logback (as Spring Boot's do): logback-classic's servlet initializer starts
     * it at deploy. It used to find warcorn's own logging set-up through the worker's class path (its
     * logback.xml, then its Configurator service) and fail the deploy, or log {@code %PARSER_ERROR[process]}.
     * Every Jakarta environment (the initializer is Jakarta-only: on ee8 nothing would start logback).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ee9", "ee10", "ee11"})
    void a_war_bundling_logback_configures_it_from_the_war_not_from_warcorn(String environment) throws Exception {
        Path war = unzip(Warcorn.HELLO, tmp.resolve("with-logback-" + environment));
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        try (var jars = Files.list(Warcorn.DIST.resolve("lib/worker"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().matches("(logback-(classic|core)|slf4j-api)-.*\\.jar")).toList())
                Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        try (var copied = Files.list(lib)) {
            assertEquals(3, copied.count(), "logback-classic, logback-core and slf4j-api from the distribution");
        }
        try (Warcorn w = serve(environment, war, "--ee", environment)) {
            assertAnswers(200, "Hello, World!", Http.get(w.port(), "/hello"));
            assertFalse(w.output().contains("not a subtype") || w.output().contains("PARSER_ERROR")
                    || w.output().contains("dev.warcorn.logging"), w.output());
        }
    }

    @Test
    void a_javax_jsp_with_jstl_is_compiled_and_rendered_on_ee8() throws Exception {
        try (Warcorn w = serve("ee8", example("jsp-javax"))) {
            assertAnswers(200, "Hello, &lt;warcorn&gt;[1][2][3]\nservlet 4.0",
                    Http.get(w.port(), "/?name=%3Cwarcorn%3E"));
        }
    }

    @Test
    void a_jakarta_jsp_with_jstl_is_compiled_and_rendered_on_ee10() throws Exception {
        try (Warcorn w = serve("ee10", example("jsp-jakarta"))) {
            w.await("Container parts: JSP on \\(", Duration.ofSeconds(5));
            assertAnswers(200, "Hello, &lt;warcorn&gt;[1][2][3]\nservlet 6.0",
                    Http.get(w.port(), "/?name=%3Cwarcorn%3E"));
        }
    }

    @Test
    void an_exploded_war_directory_is_served_in_place() throws Exception {
        Path dir = unzip(example("jsp-javax"), Files.createDirectories(tmp.resolve("jsp-javax")));
        try (Warcorn w = serve("ee8", dir, "--context-path", "/app")) {
            assertAnswers(200, "Hello, x[1][2][3]\nservlet 4.0", Http.get(w.port(), "/app/?name=x"));
            assertFalse(w.output().contains("Unpacked"), "a directory is not unpacked again: " + w.output());
        }
    }

    @Test
    void a_javax_websocket_endpoint_without_servlets_echoes_on_ee8() throws Exception {
        try (Warcorn w = serve("ee8", example("websocket-javax"))) {
            assertEquals("echo: hello javax", WebClient.echo(w.port(), "/echo", "hello javax"));
        }
    }

    @Test
    void a_jakarta_websocket_endpoint_without_servlets_echoes_on_ee10() throws Exception {
        try (Warcorn w = serve("ee10", example("websocket-jakarta"))) {
            w.await("websockets on \\(WEB-INF/classes/", Duration.ofSeconds(5));
            assertEquals("echo: hello jakarta", WebClient.echo(w.port(), "/echo", "hello jakarta"));
        }
    }

    @Test
    void a_war_whose_login_config_names_a_realm_authenticates_against_login_realm_on_ee9() throws Exception {
        Path users = realm("example", "alice", "secret", "user");
        try (Warcorn w = serve("ee9", example("realm"), "--login-realm", "example=" + users)) {
            assertEquals(401, Http.get(w.port(), "/whoami").status());
            assertEquals(401, WebClient.get(w.port(), "/whoami", "alice", "wrong").status());
            assertAnswers(200, "alice user=true", WebClient.get(w.port(), "/whoami", "alice", "secret"));
        }
    }

    @Test
    void a_war_whose_realm_is_not_given_exits_4_naming_the_flag_to_add() throws Exception {
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", example("realm").toString());
        assertEquals(4, w.exitCode(), w.output());
        assertTrue(w.output().contains("failed to load " + example("realm") + ": IllegalStateException: realm \"example\" "
                + "required by WEB-INF/web.xml <login-config>: add --login-realm example=FILE"), w.output());
    }

    @Test
    void a_jndi_data_source_and_env_entry_from_a_context_xml_are_injected_with_resource_on_ee8() throws Exception {
        Path xml = Warcorn.EXAMPLES.resolve("jndi/jetty-context.xml");
        try (Warcorn w = serve("ee8", example("jndi"), "--context-xml", xml.toString(), "--worker-classpath", h2().toString())) {
            assertAnswers(200, "Hello from JNDI: 42 from H2", Http.get(w.port(), "/jndi"));
        }
    }

    @Test
    void a_context_xml_naming_a_class_no_jar_has_exits_4_suggesting_worker_classpath() throws Exception {
        Path xml = Warcorn.EXAMPLES.resolve("jndi/jetty-context.xml");
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", "--context-xml", xml.toString(), example("jndi").toString());
        assertEquals(4, w.exitCode(), w.output());
        assertTrue(w.output().contains("failed to load " + example("jndi") + ": IllegalStateException: --context-xml "
                + xml.toAbsolutePath() + ": ClassNotFoundException: org.h2.jdbcx.JdbcDataSource; add the jar that has it with "
                + "--worker-classpath JAR"), w.output());
    }

    @Test
    void a_context_xml_written_for_another_environment_exits_4_naming_the_class_to_configure() throws Exception {
        Path xml = Warcorn.EXAMPLES.resolve("jndi/jetty-context.xml"); // configures ee8's WebAppContext
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", "--context-xml", xml.toString(), Warcorn.HELLO.toString());
        assertEquals(4, w.exitCode(), w.output());
        assertTrue(w.output().contains(": ClassNotFoundException: org.eclipse.jetty.ee8.webapp.WebAppContext; this WAR runs on "
                + "org.eclipse.jetty.ee10.webapp.WebAppContext, which <Configure class=...> must name"), w.output());
    }

    @Test
    void a_servlet_6_1_war_is_served_by_ee11() throws Exception {
        try (Warcorn w = serve("ee11", example("ee11"))) {
            assertAnswers(200, "servlet 6.1", Http.get(w.port(), "/servlet61"));
        }
    }

    @Test
    void ee10_forced_on_a_javax_war_is_refused_before_any_worker_starts() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "127.0.0.1:0", "--ee", "ee10", example("hello-javax").toString());
        assertEquals(2, w.exitCode(), w.output());
        assertEquals("warcorn: --ee=ee10 needs jakarta.servlet, but WEB-INF/classes reference javax/servlet (3 classes); "
                + "drop --ee or use --ee=ee8", w.output().strip());
    }

    /** ee8 and ee9 hand Jetty a nested context's core handler: a failed deploy must still show as one. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ee8, broken-javax", "ee9, broken", "ee10, broken", "ee11, broken"})
    void a_war_that_fails_to_deploy_exits_4_with_its_reason_on(String environment, String example) throws Exception {
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", "--ee", environment, example(example).toString());
        assertEquals(4, w.exitCode(), w.output());
        assertTrue(w.output().contains("servlet environment " + environment + " (--ee=" + environment + " given)"), w.output());
        assertTrue(w.output().contains("failed to load " + example(example)
                + ": IllegalStateException: this example WAR fails to deploy on purpose"), w.output());
    }

    // === real third-party WARs from Maven Central (tests/pom.xml copies them) ===

    @Test
    void jolokia_1_on_javax_answers_json_behind_its_jolokia_realm() throws Exception {
        Path war = THIRD_PARTY.resolve("jolokia-war-1.7.2.war");
        Warcorn refused = Warcorn.run(BOOT, "-b", "127.0.0.1:0", war.toString());
        assertEquals(4, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("realm \"jolokia\" required by WEB-INF/web.xml <login-config>: add --login-realm jolokia=FILE"),
                refused.output());
        try (Warcorn w = serve("ee8", war, "--login-realm", "jolokia=" + realm("jolokia", "jolokia", "s3cret", "jolokia"))) {
            assertEquals(401, Http.get(w.port(), "/version").status());
            Http.Response version = WebClient.get(w.port(), "/version", "jolokia", "s3cret");
            assertEquals(200, version.status(), version.body());
            assertTrue(version.body().contains("\"agentType\":\"servlet\"") && version.body().contains("\"agent\":\"1.7"), version.body());
        }
    }

    @Test
    void jolokia_2_on_jakarta_answers_json_naming_jetty_12() throws Exception {
        Path war = THIRD_PARTY.resolve("jolokia-agent-war-2.0.0.war");
        try (Warcorn w = serve("ee9", war, "--login-realm", "jolokia=" + realm("jolokia", "jolokia", "s3cret", "jolokia"))) {
            Http.Response version = WebClient.get(w.port(), "/version", "jolokia", "s3cret");
            assertEquals(200, version.status(), version.body());
            assertTrue(version.body().contains("\"agent\":\"2.0.0\"") && version.body().contains("\"server_version\":\"12.1.7\""),
                    version.body());
        }
    }

    @Test
    void hawtio_2_on_javax_reads_its_own_mbean_through_jolokia() throws Exception {
        try (Warcorn w = serve("ee8", THIRD_PARTY.resolve("hawtio-war-2.17.7.war"), "--jvm-opt", "-Dhawtio.authenticationEnabled=false")) {
            Http.Response about = Http.get(w.port(), "/jolokia/read/hawtio:type=About/HawtioVersion");
            assertEquals(200, about.status(), about.body());
            assertTrue(about.body().contains("\"value\":\"2.17.7\""), about.body());
        }
    }

    @Test
    void hawtio_4_on_jakarta_reads_its_own_mbean_through_jolokia() throws Exception {
        try (Warcorn w = serve("ee9", THIRD_PARTY.resolve("hawtio-war-4.2.0.war"), "--jvm-opt", "-Dhawtio.authenticationEnabled=false")) {
            Http.Response about = Http.get(w.port(), "/jolokia/read/hawtio:type=About/HawtioVersion");
            assertEquals(200, about.status(), about.body());
            assertTrue(about.body().contains("\"value\":\"4.2.0\""), about.body());
            // its own slf4j-api and log4j binding; warcorn's logback is hidden from it, so slf4j finds one provider
            assertFalse(w.output().contains("failed to instantiate"), w.output());
        }
    }

    @Test
    void solr_4_with_45_jars_answers_its_system_info_as_json() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("solr-home"));
        Files.writeString(home.resolve("solr.xml"), "<solr/>\n"); // no cores: the admin handlers alone
        try (Warcorn w = serve("ee8", THIRD_PARTY.resolve("solr-4.10.4.war"),
                "--worker-classpath", THIRD_PARTY.resolve("jcl-over-slf4j-2.0.17.jar").toString(),
                "--jvm-opt", "-Dsolr.solr.home=" + home)) {
            Http.Response info = Http.get(w.port(), "/admin/info/system?wt=json");
            assertEquals(200, info.status(), info.body());
            assertTrue(info.body().contains("\"solr-spec-version\":\"4.10.4\""), info.body());
        }
    }

    @Test
    void activemq_web_console_with_54_jars_renders_a_jsp_showing_a_jvm_opt() throws Exception {
        try (Warcorn w = serve("ee8", THIRD_PARTY.resolve("activemq-web-console-5.18.3.war"),
                "--jvm-opt", "-Dwebconsole.type=properties", "--jvm-opt", "-Dwebconsole.jms.url=vm://localhost?create=false",
                "--jvm-opt", "-Dwarcorn.probe=rendered-by-jsp")) {
            Http.Response page = Http.get(w.port(), "/test/systemProperties.jsp");
            assertEquals(200, page.status(), page.body());
            assertTrue(page.body().contains("<td class=\"label\">warcorn.probe</td>")
                    && page.body().contains("rendered-by-jsp"), page.body());
            assertFalse(w.output().contains("failed to instantiate"), w.output()); // as Hawtio 4: one slf4j provider
        }
    }

    /** Status and body, less the blank lines a JSP leaves around it; the head (date, length) varies. */
    private static void assertAnswers(int status, String body, Http.Response actual) {
        assertEquals(status + " " + body, actual.status() + " " + actual.body().strip(), actual.head());
    }

    private static Path h2() throws IOException {
        try (var jars = Files.list(THIRD_PARTY)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no h2 jar in " + THIRD_PARTY + "; see tests/pom.xml"));
        }
    }

    /** A WAR's entries under {@code into}: an exploded WAR directory as a user would have one. */
    static Path unzip(Path war, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return into;
    }
}
