package dev.warcorn.launcher;

import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.config.ConfigFile;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file under {@code config-examples/} is checked by the check for its kind, and a file of a kind
 * no check knows fails, so an example cannot be added unchecked. Checks that need a tool
 * ({@code systemd-analyze} from Debian's {@code systemd}, {@code nginx} from {@code nginx-light}) first
 * check what they can without it, then are skipped, saying so, where the tool is missing.
 */
class ConfigExamplesTest {
    private static final Path EXAMPLES = findExamples();
    /** The master kills a stopping worker this long after --graceful-timeout (Supervisor). */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(2);
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** A check of one example file. */
    private interface Check {
        void check(Path file) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> every_file_in_config_examples_passes_the_check_for_its_kind() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no files under " + EXAMPLES);
        return files.stream().map(f -> DynamicTest.dynamicTest(relative(f), () -> checkNaming(f)));
    }

    /** Surefire reports dynamic tests by number, so every failure names its file. */
    private void checkNaming(Path file) throws Exception {
        try {
            checkFor(file).check(file);
        } catch (AssertionFailedError e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("config-examples/")) throw e;
            throw new AssertionFailedError("config-examples/" + relative(file) + ": " + message, e);
        }
    }

    private Check checkFor(Path file) {
        String rel = relative(file);
        String name = file.getFileName().toString();
        if (!rel.contains("/") && name.endsWith(".conf")) return this::checkWarcornConf;
        if (rel.startsWith("systemd/") && name.endsWith(".service")) return this::checkServiceUnit;
        if (rel.startsWith("systemd/") && name.endsWith(".socket")) return this::checkSocketUnit;
        if (rel.startsWith("nginx/") && name.endsWith(".conf")) return this::checkNginx;
        if (rel.startsWith("kubernetes/") && (name.endsWith(".yaml") || name.endsWith(".yml"))) return this::checkKubernetes;
        return f -> fail("config-examples/" + rel + ": no check knows this kind of file; add one to ConfigExamplesTest");
    }

    // === warcorn.conf ===

    private void checkWarcornConf(Path file) throws IOException {
        Map<String, List<String>> entries = warcornConf(file);
        Set<String> known = new TreeSet<>(Settings.ALL.stream().map(Setting::name).toList());
        known.add("war");
        for (var e : entries.entrySet()) {
            assertTrue(known.contains(e.getKey()), "unknown key " + e.getKey() + "; keys are " + known);
            boolean repeatable = Settings.ALL.stream().anyMatch(s -> s.name().equals(e.getKey()) && s.repeatable());
            assertTrue(repeatable || e.getValue().size() == 1, e.getKey() + " is given "
                    + e.getValue().size() + " times but is not repeatable");
        }
        assertTrue(entries.containsKey("war"), "names no WAR (war = PATH)");
        // and the real loader takes it, every value valid, with the file as the source of each
        try {
            ConfigFile.Contents contents = ConfigFile.read(file);
            assertEquals(List.of(), contents.problems(), "config-examples/warcorn.conf has problems");
            Config config = Config.resolve(contents.war().orElseThrow(), List.of(contents.layer()));
            assertEquals(Config.Source.CONFIG_FILE, config.source(Settings.WORKERS));
            assertEquals(Integer.parseInt(entries.get("workers").getFirst()), config.workers());
        } catch (ConfigException e) {
            fail("config-examples/warcorn.conf does not load: " + e.getMessage());
        }
    }

    /** key = value lines of a warcorn config file, in order, repeated keys collected. */
    private static Map<String, List<String>> warcornConf(Path file) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            assertTrue(eq > 0, relative(file) + " line " + n + ": expected key = value, got: " + line);
            entries.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return entries;
    }

    /** A setting's value in the example warcorn.conf, else its default: the value the other examples must agree with. */
    private static <T> T exampleSetting(Setting<T> setting) throws IOException, ConfigException {
        List<String> given = warcornConf(EXAMPLES.resolve("warcorn.conf")).get(setting.name());
        return setting.parse(given == null ? setting.defaultText() : given.getLast(), false);
    }

    // === systemd ===

    private void checkServiceUnit(Path file) throws Exception {
        Map<String, Map<String, List<String>>> unit = unitFile(file);
        Map<String, List<String>> service = section(unit, "Service", file);
        String type = one(service, "Type", file);
        assertTrue(type.equals("notify") || type.equals("notify-reload"), "Type=" + type + ": warcorn's master sends READY=1, so notify or notify-reload");
        assertEquals("main", one(service, "NotifyAccess", file), "only the master notifies");
        if (type.equals("notify"))
            assertTrue(one(service, "ExecReload", file).contains("kill -HUP $MAINPID"), "reload is SIGHUP to the master");
        assertTrue(one(service, "ExecStart", file).startsWith("/opt/warcorn/bin/warcorn "), "ExecStart runs the installed bin/warcorn");
        assertEquals("mixed", one(service, "KillMode", file), "TERM to the master only; it stops its workers");
        assertNotNull(one(service, "WatchdogSec", file));
        Duration graceful = exampleSetting(Settings.GRACEFUL_TIMEOUT);
        Duration stop = seconds(one(service, "TimeoutStopSec", file));
        assertTrue(stop.compareTo(graceful.plus(STOP_MARGIN)) > 0,
                "TimeoutStopSec=" + stop.toSeconds() + " must exceed graceful-timeout " + graceful.toSeconds() + " s + " + STOP_MARGIN.toSeconds() + " s");
        Duration boot = exampleSetting(Settings.BOOT_TIMEOUT);
        Duration start = seconds(one(service, "TimeoutStartSec", file));
        assertTrue(start.compareTo(boot) > 0, "TimeoutStartSec=" + start.toSeconds() + " must exceed boot-timeout " + boot.toSeconds() + " s");
        assertEquals("strict", one(service, "ProtectSystem", file));
        for (String key : List.of("NoNewPrivileges", "PrivateTmp", "ProtectHome")) assertEquals("yes", one(service, key, file), key);
        assertEquals(Set.of("AF_UNIX", "AF_INET", "AF_INET6"), Set.of(one(service, "RestrictAddressFamilies", file).split("\\s+")));
        assertTrue(service.containsKey("DynamicUser") || service.containsKey("User"), "runs as an unprivileged user");
        assertFalse(service.containsKey("MemoryDenyWriteExecute"), "the JIT compilers need writable executable memory");
        systemdAnalyzeVerify(file);
    }

    private void checkSocketUnit(Path file) throws Exception {
        Map<String, List<String>> socket = section(unitFile(file), "Socket", file);
        assertNotNull(one(socket, "ListenStream", file));
        assertNotNull(one(socket, "Backlog", file));
        assertFalse(socket.containsKey("Accept") && one(socket, "Accept", file).matches("yes|true|1|on"),
                "warcorn takes the listening socket itself: Accept=no");
        assertFalse(socket.containsKey("ReusePort"), "all workers share one accept queue");
        systemdAnalyzeVerify(file);
    }

    /**
     * {@code systemd-analyze verify} on a copy of the unit's directory in which ExecStart's
     * {@code /opt/warcorn/bin/warcorn} is an executable stub (verify checks that it exists). verify
     * exits 0 on unknown keys and bad values, so any output at all fails the check.
     */
    private void systemdAnalyzeVerify(Path file) throws Exception {
        Optional<Path> tool = onPath("systemd-analyze");
        assumeTrue(tool.isPresent(), "systemd-analyze is not installed (Debian package systemd); the unit was not verified by systemd");
        Path stub = Files.writeString(tmp.resolve("warcorn"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path units = Files.createDirectories(tmp.resolve("units"));
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path s : siblings.toList())
                Files.writeString(units.resolve(s.getFileName()), Files.readString(s).replace("/opt/warcorn/bin/warcorn", stub.toString()));
        }
        // --man=no: Documentation=man:warcorn(1) is installed with the distribution, not on this machine.
        Result r = run(List.of(tool.get().toString(), "verify", "--man=no", units.resolve(file.getFileName()).toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("", r.output().strip(), "systemd-analyze verify found problems");
    }

    /** A unit file: section to key to values (a key may repeat), comments and blank lines left out. */
    private static Map<String, Map<String, List<String>>> unitFile(Path file) throws IOException {
        Map<String, Map<String, List<String>>> unit = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                section = unit.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            assertNotNull(section, relative(file) + ": " + line + " is outside any section");
            int eq = line.indexOf('=');
            assertTrue(eq > 0, relative(file) + ": expected Key=value, got " + line);
            section.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return unit;
    }

    private static Map<String, List<String>> section(Map<String, Map<String, List<String>>> unit, String name, Path file) {
        Map<String, List<String>> s = unit.get(name);
        assertNotNull(s, relative(file) + " has no [" + name + "] section");
        return s;
    }

    private static String one(Map<String, List<String>> section, String key, Path file) {
        List<String> values = section.get(key);
        assertNotNull(values, relative(file) + " does not set " + key + "=");
        return values.getLast();
    }

    /** A systemd time span the examples use: plain seconds or with an s, min or m suffix. */
    private static Duration seconds(String span) {
        Matcher m = Pattern.compile("(\\d+)\\s*(s|sec|m|min)?").matcher(span.strip());
        assertTrue(m.matches(), "time span " + span + " is not in seconds or minutes");
        long n = Long.parseLong(m.group(1));
        return m.group(2) != null && m.group(2).startsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    // === nginx ===

    private void checkNginx(Path file) throws Exception {
        String conf = Files.readString(file);
        for (String needed : List.of("upstream warcorn", "server 127.0.0.1:8000", "proxy_pass http://warcorn",
                "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme", "Host $host"))
            assertTrue(conf.contains(needed), relative(file) + " lacks " + needed);
        Optional<Path> nginx = onPath("nginx");
        assumeTrue(nginx.isPresent(), "nginx is not installed (Debian package nginx-light); the file was not checked by nginx -t");
        // nginx -t binds every listen address: a free loopback port instead of 80, which needs root and may be taken.
        Matcher listen = Pattern.compile("(?m)^(\\s*)listen\\s+[^;]+;").matcher(conf);
        StringBuilder testable = new StringBuilder();
        while (listen.find()) listen.appendReplacement(testable, "$1listen 127.0.0.1:" + freePort() + ";");
        listen.appendTail(testable);
        Path site = Files.writeString(tmp.resolve("site.conf"), testable);
        // The example goes inside http { }; everything nginx would write goes to the temporary directory.
        Path wrapper = Files.writeString(tmp.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log stderr;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %2$s;
                }
                """.formatted(tmp, site));
        Result r = run(List.of(nginx.get().toString(), "-t", "-p", tmp.toString(), "-e", "stderr", "-c", wrapper.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(r.output().contains("[warn]") || r.output().contains("[emerg]"), r.output());
    }

    // === Kubernetes ===

    @SuppressWarnings("unchecked")
    private void checkKubernetes(Path file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)))
            docs.add(assertInstanceOf(Map.class, doc, "every document is a mapping"));
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        for (Map<String, Object> doc : docs) {
            assertNotNull(doc.get("apiVersion"), "apiVersion");
            assertNotNull(map(doc, "metadata").get("name"), "metadata.name");
            byKind.put((String) doc.get("kind"), doc);
        }
        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> service = byKind.get("Service");
        assertNotNull(deployment, relative(file) + " has no Deployment");
        assertNotNull(service, relative(file) + " has no Service");

        Map<String, Object> template = map(map(deployment, "spec"), "template");
        Map<String, Object> labels = map(map(template, "metadata"), "labels");
        assertEquals(map(map(map(deployment, "spec"), "selector"), "matchLabels"), labels, "the Deployment selects its own pods");
        Map<String, Object> pod = map(template, "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).getFirst();

        // Every argument is one warcorn accepts, and the grace period outlasts the graceful stop.
        List<String> args = (List<String>) container.get("args");
        CommandLine.Outcome outcome = CommandLine.parse(Map.of(), tmp, args.toArray(String[]::new));
        Config config = assertInstanceOf(CommandLine.Outcome.Run.class, outcome, outcome::toString).config();
        Duration graceful = config.get(Settings.GRACEFUL_TIMEOUT);
        int grace = (Integer) pod.get("terminationGracePeriodSeconds");
        assertTrue(Duration.ofSeconds(grace).compareTo(graceful.plus(STOP_MARGIN)) > 0,
                "terminationGracePeriodSeconds=" + grace + " must exceed --graceful-timeout " + graceful.toSeconds() + " s + " + STOP_MARGIN.toSeconds() + " s");

        Set<Object> ports = new HashSet<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) container.get("ports")) {
            ports.add(p.get("name"));
            ports.add(p.get("containerPort"));
        }
        int bindPort = assertInstanceOf(Bind.Tcp.class, config.all(Settings.BIND).getFirst(), "a container listens on TCP").port();
        assertTrue(ports.contains(bindPort), "the container port is the one warcorn binds, " + bindPort);
        // The probes use the master's health endpoints, on the port --metrics-bind names.
        int metricsPort = config.optional(Settings.METRICS_BIND).map(Bind.Tcp::port).orElse(-1);
        Map<Object, Object> portByName = new HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) container.get("ports")) portByName.put(p.get("name"), p.get("containerPort"));
        for (var probe : Map.of("startupProbe", "/readyz", "readinessProbe", "/readyz", "livenessProbe", "/healthz").entrySet()) {
            Map<String, Object> p = map(container, probe.getKey());
            Map<String, Object> action = p.containsKey("httpGet") ? map(p, "httpGet") : map(p, "tcpSocket");
            assertTrue(ports.contains(action.get("port")), probe.getKey() + " probes a port of the container: " + action.get("port"));
            assertEquals(probe.getValue(), action.get("path"), probe.getKey() + " uses warcorn's " + probe.getValue());
            assertEquals(metricsPort, portByName.getOrDefault(action.get("port"), action.get("port")),
                    probe.getKey() + " probes the --metrics-bind port, where /healthz and /readyz are served");
        }
        assertEquals(labels, map(map(service, "spec"), "selector"), "the Service selects the Deployment's pods");
        for (Map<String, Object> p : (List<Map<String, Object>>) map(service, "spec").get("ports"))
            assertTrue(ports.contains(p.get("targetPort")), "Service targetPort " + p.get("targetPort") + " is a container port");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return assertInstanceOf(Map.class, parent.get(key), key + " is a mapping");
    }

    // === running tools ===

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(tmp, "output", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + TOOL_DEADLINE.toSeconds() + " s");
        }
        return new Result(p.exitValue(), Files.readString(output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool))
                .filter(Files::isExecutable).findFirst();
    }

    private static String relative(Path file) {
        return EXAMPLES.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static Path findExamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
            if (Files.isDirectory(dir.resolve("config-examples")) && Files.exists(dir.resolve("mvnw"))) return dir.resolve("config-examples");
        throw new IllegalStateException("no config-examples/ above " + Path.of("").toAbsolutePath());
    }
}
