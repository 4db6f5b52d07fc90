package dev.warcorn.launcher.process;


import dev.warcorn.common.WorkerSpec;
import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class WorkerCommandTest {
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final Path RUN_DIR = Path.of("/tmp/warcorn-test");

    @TempDir
    Path tmp;

    private Config config(String... args) {
        return switch (CommandLine.parse(Map.of(), tmp, args)) {
            case CommandLine.Outcome.Run run -> run.config();
            case CommandLine.Outcome.Exit exit -> fail(exit.text());
        };
    }

    private WorkerCommand command(String... args) {
        return new WorkerCommand(JAVA, List.of(Path.of("/w/lib/worker/a.jar"), Path.of("/w/lib/ee10/b.jar")), config(args), "ee10", RUN_DIR);
    }

    @Test
    void argv_starts_with_java_and_names_the_worker_main_class() {
        List<String> argv = command("app.war").argv(0, 0, 0);
        assertEquals(JAVA.toString(), argv.getFirst());
        assertTrue(argv.contains(WorkerCommand.MAIN_CLASS), argv.toString());
        assertEquals("dev.warcorn.worker.WorkerMain", WorkerCommand.MAIN_CLASS);
    }

    @Test
    void a_spare_is_named_apart_from_the_slots_and_told_it_is_a_spare() {
        WorkerSpec spare = command("app.war").spec(0, true, 7, 0);
        assertTrue(spare.spare());
        assertEquals("wc-spare-0", spare.procName());
        assertEquals(RUN_DIR.resolve("spare-0-7"), spare.tmpDir());
        WorkerSpec worker = command("app.war").spec(0, 7, 0);
        assertEquals(false, worker.spare());
        assertEquals("wc-worker-0", worker.procName());
        assertTrue(command("app.war").argv(0, true, 7, 0, List.of()).contains("--spare=true"));
    }

    @Test
    void a_given_heap_becomes_xmx() {
        assertTrue(command("--heap", "2g", "app.war").argv(0, 0, 0).contains("-Xmx2048m"));
        assertTrue(command("--heap", "512m", "app.war").argv(0, 0, 0).contains("-Xmx512m"));
    }

    @Test
    void the_automatic_heap_shares_a_quarter_of_the_memory_among_the_workers_with_a_floor() {
        long gb = 1L << 30;
        assertEquals(3 * gb, WorkerCommand.heapBytes(Settings.AUTO_HEAP, 24 * gb, 2));
        assertEquals(6 * gb, WorkerCommand.heapBytes(Settings.AUTO_HEAP, 24 * gb, 1));
        assertEquals(512L << 20, WorkerCommand.heapBytes(Settings.AUTO_HEAP, 4 * gb, 4), "the floor");
        assertEquals(512L << 20, WorkerCommand.heapBytes(Settings.AUTO_HEAP, 0, 4), "memory unknown");
        assertEquals(gb, WorkerCommand.heapBytes(gb, 24 * gb, 2), "a given size wins");
        long expected = Math.max(512L << 20, WorkerCommand.physicalMemory() / 4 / 2) >> 20;
        assertTrue(command("-w", "2", "app.war").argv(0, 0, 0).contains("-Xmx" + expected + "m"));
    }

    @Test
    void the_serial_young_generation_follows_the_requests_in_flight_within_a_third_of_the_heap() {
        long mb = 1L << 20;
        assertTrue(command("--heap", "3g", "app.war").argv(0, 0, 0).contains("-Xmn195m"), "1000 connections by default, 200 KB each");
        assertTrue(command("--heap", "3g", "--worker-connections", "5000", "app.war").argv(0, 0, 0).contains("-Xmn976m"));
        assertTrue(command("--heap", "3g", "--worker-connections", "10000", "app.war").argv(0, 0, 0).contains("-Xmn1024m"), "a third of the heap at most");
        assertTrue(command("--heap", "512m", "app.war").argv(0, 0, 0).contains("-Xmn170m"));
        assertEquals(256 * mb, WorkerCommand.youngBytes(3072 * mb, 10_000, Optional.of(1024 * mb)), "a quarter of --max-worker-memory at most");
        assertTrue(command("--heap", "3g", "--worker-connections", "5000", "--max-worker-memory", "1g", "app.war").argv(0, 0, 0).contains("-Xmn256m"));
    }

    @Test
    void the_users_heap_sizing_or_collector_leaves_the_young_generation_alone() {
        for (String own : List.of("-Xmn64m", "-XX:NewRatio=3", "-XX:NewSize=32m", "-XX:MaxNewSize=1g", "-Xmx1g", "-XX:MaxHeapSize=1g", "-XX:+UseG1GC")) {
            List<String> argv = command("--jvm-opt", own, "app.war").argv(0, 0, 0);
            assertTrue(argv.stream().noneMatch(a -> a.startsWith("-Xmn") && !a.equals(own)), own + ": " + argv);
        }
        assertTrue(command("--jvm-opt", "-XX:+UseSerialGC", "app.war").argv(0, 0, 0).stream().anyMatch(a -> a.startsWith("-Xmn")),
                "the serial collector named explicitly is still sized");
    }

    @Test
    void a_collector_chosen_with_jvm_opt_replaces_the_serial_one_since_the_jvm_refuses_two() {
        List<String> g1 = command("--jvm-opt", "-XX:+UseG1GC", "app.war").argv(0, 0, 0);
        assertTrue(g1.contains("-XX:+UseG1GC") && !g1.contains("-XX:+UseSerialGC"), g1.toString());
        assertTrue(!command("--jvm-opt", "-XX:+UseZGC", "app.war").argv(0, 0, 0).contains("-XX:+UseSerialGC"));
        List<String> plain = command("--jvm-opt", "-XX:+UseMaximumCompactionOnSystemGC", "app.war").argv(0, 0, 0);
        assertTrue(plain.contains("-XX:+UseSerialGC"), "not a collector: " + plain);
        assertTrue(command("app.war").argv(0, 0, 0).contains("-XX:+UseSerialGC"));
    }

    @Test
    void user_jvm_opts_come_after_the_built_in_flags_so_they_win() {
        List<String> argv = command("--jvm-opt", "-Xmx1g", "--jvm-opt", "-XX:+UseStringDeduplication", "app.war").argv(0, 0, 0);
        int xmx512 = argv.indexOf(argv.stream().filter(a -> a.startsWith("-Xmx") && !a.equals("-Xmx1g")).findFirst().orElseThrow()), serial = argv.indexOf("-XX:+UseSerialGC");
        int userXmx = argv.indexOf("-Xmx1g"), userFlag = argv.indexOf("-XX:+UseStringDeduplication"), cp = argv.indexOf("-cp");
        assertTrue(xmx512 > 0 && serial > 0, argv.toString());
        assertTrue(userXmx > xmx512 && userXmx > serial && userFlag > userXmx && cp > userFlag, argv.toString());
    }

    @Test
    void workers_map_the_class_archive_where_it_was_written_unless_the_user_says_otherwise() {
        List<String> argv = command("app.war").argv(0, 0, 0);
        int unlock = argv.indexOf("-XX:+UnlockDiagnosticVMOptions"), mode = argv.indexOf("-XX:ArchiveRelocationMode=0");
        assertTrue(unlock > 0 && mode > unlock && mode < argv.indexOf("-cp"), argv.toString());
        List<String> user = command("--jvm-opt", "-XX:ArchiveRelocationMode=1", "app.war").argv(0, 0, 0);
        assertTrue(user.indexOf("-XX:ArchiveRelocationMode=1") > user.indexOf("-XX:ArchiveRelocationMode=0"), user.toString());
    }

    @Test
    void workers_may_wrap_their_inherited_fds_in_the_jdks_file_streams() {
        List<String> argv = command("app.war").argv(0, 0, 0);
        int open = argv.indexOf("--add-opens=java.base/java.io=ALL-UNNAMED");
        assertTrue(open > 0 && open < argv.indexOf("-cp"), argv.toString());
    }

    @Test
    void workers_give_their_c_heap_back_unless_the_user_says_otherwise() {
        List<String> argv = command("app.war").argv(0, 0, 0);
        int trim = argv.indexOf("-XX:TrimNativeHeapInterval=2000");
        assertTrue(trim > 0 && trim < argv.indexOf("-cp"), argv.toString());
        List<String> user = command("--jvm-opt", "-XX:TrimNativeHeapInterval=0", "app.war").argv(0, 0, 0);
        assertTrue(user.indexOf("-XX:TrimNativeHeapInterval=0") > user.indexOf("-XX:TrimNativeHeapInterval=2000"), user.toString());
    }

    @Test
    void class_path_is_joined_with_colons_and_followed_by_the_main_class() {
        List<String> argv = command("app.war").argv(0, 0, 0);
        int cp = argv.indexOf("-cp");
        assertEquals("/w/lib/worker/a.jar:/w/lib/ee10/b.jar", argv.get(cp + 1));
        assertEquals(WorkerCommand.MAIN_CLASS, argv.get(cp + 2));
    }

    @Test
    void worker_classpath_entries_come_after_warcorns_own_jars() throws IOException {
        Path driver = Files.createFile(tmp.resolve("postgresql-42.7.4.jar"));
        List<String> argv = command("--worker-classpath", driver.toString(), "app.war").argv(0, 0, 0);
        assertEquals("/w/lib/worker/a.jar:/w/lib/ee10/b.jar:" + driver, argv.get(argv.indexOf("-cp") + 1));
    }

    @Test
    void the_slot_and_the_war_follow_the_main_class_so_ps_shows_them() {
        List<String> argv = command("app.war").argv(2, 5, 0);
        int main = argv.indexOf(WorkerCommand.MAIN_CLASS);
        assertEquals("--slot=2", argv.get(main + 1));
        assertEquals("--war=" + Path.of("app.war").toAbsolutePath(), argv.get(main + 2));
    }

    @Test
    void arguments_after_the_main_class_are_the_spec_the_worker_reads_back() {
        WorkerCommand command = command("-k", "virtual", "--context-path", "/shop", "-t", "8", "app.war");
        List<String> argv = command.argv(1, 4, 0);
        List<String> workerArgs = argv.subList(argv.indexOf(WorkerCommand.MAIN_CLASS) + 1, argv.size());
        WorkerSpec spec = WorkerSpec.fromArgs(workerArgs.toArray(String[]::new));
        assertEquals(command.spec(1, 4, 0), spec);
        assertEquals("virtual", spec.workerClass());
        assertEquals("/shop", spec.contextPath());
        assertEquals("ee10", spec.environment());
        assertEquals(Duration.ofSeconds(2), spec.heartbeat());
    }

    @Test
    void every_generation_of_a_slot_gets_its_own_scratch_directory() {
        WorkerCommand command = command("app.war");
        assertEquals(RUN_DIR.resolve("worker-2-0"), command.spec(2, 0, 0).tmpDir());
        assertEquals(RUN_DIR.resolve("worker-2-1"), command.spec(2, 1, 0).tmpDir());
    }

    @Test
    void the_max_requests_chosen_for_this_worker_reaches_its_arguments() {
        List<String> argv = command("--request-timeout-warn", "10", "app.war").argv(0, 0, 1234);
        assertTrue(argv.contains("--max-requests=1234"), argv.toString());
        assertTrue(argv.contains("--request-timeout-warn-ms=10000"), argv.toString());
    }

    @Test
    void login_realms_reach_the_worker_spec() throws IOException {
        Path users = Files.writeString(tmp.resolve("users.properties"), "admin: secret,admin\n");
        WorkerSpec spec = command("--login-realm", "admin=" + users, "app.war").spec(0, 0, 0);
        assertEquals(Map.of("admin", users), spec.loginRealms());
    }

    @Test
    void heartbeat_is_a_quarter_of_the_timeout_within_200ms_and_2s() {
        assertEquals(Duration.ofSeconds(2), WorkerCommand.heartbeat(Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(2), WorkerCommand.heartbeat(Duration.ofSeconds(8)));
        assertEquals(Duration.ofSeconds(1), WorkerCommand.heartbeat(Duration.ofSeconds(4)));
        assertEquals(Duration.ofMillis(250), WorkerCommand.heartbeat(Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(200), WorkerCommand.heartbeat(Duration.ofMillis(800)));
    }

    @Test
    void heartbeat_is_every_2s_when_the_timeout_check_is_off() {
        assertEquals(Duration.ofSeconds(2), WorkerCommand.heartbeat(Duration.ZERO));
    }

    /** A WAR file of one entry, unpacked by the master like any other. */
    private Path war(String name) throws IOException {
        Path war = tmp.resolve(name);
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(war))) {
            out.putNextEntry(new java.util.zip.ZipEntry("index.html"));
            out.write("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return war;
    }

    private Optional<Path> quickstart(String... args) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        return new WorkerCommand(JAVA, List.of(Path.of("/w/lib/worker/a.jar")), config(args), "ee10", run).spec(0, 0, 0).quickstart();
    }

    @Test
    void a_war_file_gets_a_quickstart_file_in_the_cache_directory_named_by_the_war_and_the_class_path() throws IOException {
        Path war = war("shop.war");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path file = quickstart("--aot-cache", cache.toString(), war.toString()).orElseThrow();
        assertEquals(cache, file.getParent());
        assertTrue(file.getFileName().toString().matches("quickstart-shop\\.war-[0-9a-f]{16}\\.xml"), file.toString());
        assertEquals(file, quickstart("--aot-cache", cache.toString(), war.toString()).orElseThrow(), "the same inputs, the same file");
        assertEquals(file, quickstart("--aot-cache", cache.toString(), "-w", "3", "--context-path", "/x", war.toString()).orElseThrow(),
                "settings that do not change the descriptor keep it");
        Files.setLastModifiedTime(war, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(war).toMillis() + 5000));
        assertTrue(!file.equals(quickstart("--aot-cache", cache.toString(), war.toString()).orElseThrow()), "a replaced WAR, a new file");
        Path extra = Files.writeString(tmp.resolve("extra.jar"), "x");
        assertTrue(!file.equals(quickstart("--aot-cache", cache.toString(), "--worker-classpath", extra.toString(), war.toString()).orElseThrow()),
                "another class path, a new file");
    }

    @Test
    void the_workers_directory_and_user_name_the_quickstart_file_since_jetty_writes_paths_under_them_relative_to_them() throws IOException {
        Path war = war("shop.war");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path here = quickstart("--aot-cache", cache.toString(), war.toString()).orElseThrow();
        assertEquals(here, quickstart("--aot-cache", cache.toString(), "--chdir", Path.of("").toAbsolutePath().toString(), war.toString()).orElseThrow(),
                "--chdir to where the master runs is the same directory");
        Path elsewhere = quickstart("--aot-cache", cache.toString(), "--chdir", tmp.toString(), war.toString()).orElseThrow();
        assertTrue(!here.equals(elsewhere), "another working directory, another file");
        assertTrue(!here.equals(quickstart("--aot-cache", cache.toString(), "--user", "nobody", war.toString()).orElseThrow()),
                "another user (another user.home), another file");
    }

    @Test
    void without_a_cache_directory_the_quickstart_file_is_in_the_run_directory() throws IOException {
        Path war = war("shop.war");
        assertEquals(tmp.resolve("run"), quickstart("--aot-cache", "off", war.toString()).orElseThrow().getParent());
    }

    @Test
    void quickstart_false_or_a_war_directory_gets_no_quickstart_file() throws IOException {
        Path war = war("shop.war");
        assertEquals(Optional.empty(), quickstart("--quickstart=false", war.toString()));
        Path dir = Files.createDirectories(tmp.resolve("exploded/WEB-INF"));
        assertEquals(Optional.empty(), quickstart(dir.getParent().toString()));
    }
}
