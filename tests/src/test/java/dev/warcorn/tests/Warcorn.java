package dev.warcorn.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher, started through the distribution's {@code bin/warcorn}, whose output the test can
 * wait on. {@link #close()} kills the master and every worker it left, whatever happened.
 */
final class Warcorn implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("warcorn.dist", "../dist/target/warcorn"));
    static final Path EXAMPLES = Path.of(System.getProperty("warcorn.examples", "../examples"));
    static final Path HELLO = DIST.resolve("examples/hello.war");
    static final Path BROKEN = EXAMPLES.resolve("broken/target/broken.war");
    private static final Pattern LISTENING = Pattern.compile("Listening at: https?://[^ ]+:(\\d+) ");
    private static final Pattern READY = Pattern.compile("worker=(\\d+) pid=(\\d+) ready in");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final List<ProcessHandle> seen = new ArrayList<>();

    private Warcorn(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("warcorn-output-" + process.pid()).start(this::collect);
    }

    /**
     * warcorn's default AOT cache lives under $XDG_CACHE_HOME (or ~/.cache, or /var/cache for root): the
     * tests point it at a directory of their own, shared by this test JVM and deleted when it ends, so they
     * never write into the user's home and later tests start from the cache the first ones trained.
     */
    static final Path CACHE_HOME = cacheHome();

    private static Path cacheHome() {
        try {
            Path dir = Files.createTempDirectory("warcorn-it-cache-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    System.err.println("cannot delete " + dir + ": " + e.getMessage());
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Warcorn start(String... args) throws IOException {
        return startThrough(List.of(), args);
    }

    /** Starts {@code bin/warcorn} with {@code env} added to the environment (XDG_CACHE_HOME defaults to {@link #CACHE_HOME}). */
    static Warcorn startWith(java.util.Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    /**
     * Starts {@code bin/warcorn} through {@code wrapper}, a command that ends by exec'ing its arguments
     * ({@code nohup}, {@code sh -c '…; exec "$0" "$@"'}), so that the process started is still the master.
     */
    static Warcorn startThrough(List<String> wrapper, String... args) throws IOException {
        return start(wrapper, java.util.Map.of(), args);
    }

    private static Warcorn start(List<String> wrapper, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(DIST.resolve("bin/warcorn").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", CACHE_HOME.toString());
        pb.environment().putAll(env);
        return new Warcorn(pb.start());
    }

    /** Runs warcorn to its end (it must stop by itself) and returns it, for checks of exit code and output. */
    static Warcorn run(Duration deadline, String... args) throws Exception {
        Warcorn w = start(args);
        if (!w.process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            w.close();
            throw new AssertionError("warcorn did not exit within " + deadline + "; output:\n" + w.output());
        }
        w.process.getInputStream().close();
        return w;
    }

    /** Runs {@code bin/warcorn ctl ARGS} to its end; returns its exit code and output. */
    static Http.Response ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/warcorn").toString(), "ctl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("warcorn ctl did not finish: " + out);
        return new Http.Response(p.exitValue(), out);
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  | " + line);
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process ends
        }
    }

    long pid() {
        return process.pid();
    }

    /** The last {@code n} lines of output, for a failure message. */
    String tail(int n) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    int exitCode() throws InterruptedException {
        return process.waitFor();
    }

    boolean waitForExit(Duration d) throws InterruptedException {
        return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first match of {@code regex} in the output, waiting up to {@code deadline}. */
    Matcher await(String regex, Duration deadline) {
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        poll(deadline, "output line matching " + regex, () -> {
            synchronized (lines) {
                for (String l : lines) {
                    Matcher m = p.matcher(l);
                    if (m.find()) {
                        found[0] = m;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    int port() {
        return Integer.parseInt(await(LISTENING.pattern(), Duration.ofSeconds(30)).group(1));
    }

    /** Waits until {@code n} distinct worker pids have been reported ready; returns the pid per ready line, latest last. */
    List<Long> awaitReady(int n, Duration deadline) {
        poll(deadline, n + " workers ready", () -> readyPids().size() >= n);
        return readyPids();
    }

    List<Long> readyPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = READY.matcher(l);
                if (m.find()) pids.add(Long.parseLong(m.group(2)));
            }
        }
        return pids;
    }

    Optional<Long> readyPidOfSlot(int slot, long other) {
        synchronized (lines) {
            return lines.stream().map(READY::matcher).filter(Matcher::find)
                    .filter(m -> Integer.parseInt(m.group(1)) == slot && Long.parseLong(m.group(2)) != other)
                    .map(m -> Long.parseLong(m.group(2))).reduce((a, b) -> b);
        }
    }

    /** The master's current child processes, remembered so that {@link #close()} can kill leftovers. */
    List<ProcessHandle> workers() {
        List<ProcessHandle> children = process.toHandle().children().toList();
        synchronized (seen) {
            seen.addAll(children);
        }
        return children;
    }

    /**
     * Whether {@code process} still runs. A zombie does not: it has exited and released its sockets and
     * memory, and only waits for its parent to collect its status. An orphaned worker's parent is PID 1,
     * which reaps on its own schedule (this sandbox's init: about every 2 s, measured), and
     * {@code ProcessHandle.isAlive()} is true until then.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z'; // "pid (comm) S ...": comm may hold ')'
        } catch (IOException e) {
            return false; // gone from /proc between the two looks
        }
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }

    static void poll(Duration deadline, String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            Thread.onSpinWait();
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling interval, not ordering: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        workers();
        process.destroyForcibly();
        synchronized (seen) {
            seen.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
