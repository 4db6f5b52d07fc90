package dev.warcorn.launcher.hooks;

import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.HookCommand;
import dev.warcorn.launcher.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server hooks (--on-starting, --when-ready, ...): each a command, started directly (no shell),
 * with the master's environment plus the moment's {@code WARCORN_*} variables, its output logged line by
 * line, and bounded by --hook-timeout, after which it and its children are killed.
 * <p>
 * Hooks posted by the supervisor run one after another on one thread of their own ({@code warcorn-hooks}),
 * in the order their moments happened: the supervisor's loop never waits for a hook, so a hanging hook
 * delays only the hooks behind it, never a worker. Only --on-starting and --on-exit run on the caller's
 * thread, before the loop starts and after it ended.
 */
public final class Hooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hooks.class);
    private static final File DEV_NULL = new File("/dev/null");

    /** How a hook ended. */
    public sealed interface Result {
        record NotSet() implements Result {
        }

        record Ok() implements Result {
        }

        /** It ran and failed; {@code why} is the sentence for a message (exit status, timeout, not startable). */
        record Failed(String why) implements Result {
        }
    }

    private final Config config;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("warcorn-hooks").daemon(true).factory());

    /** @param environment what every hook inherits (the master's environment), before the WARCORN_* variables */
    public Hooks(Config config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.timeout = config.get(dev.warcorn.launcher.config.Settings.HOOK_TIMEOUT);
    }

    /** Queues {@code hook} on the hooks thread and returns at once; the supervisor's way of running one. */
    public void post(Setting<HookCommand> hook, Map<String, String> variables) {
        if (config.optional(hook).isEmpty()) return;
        try {
            thread.execute(() -> run(hook, variables));
        } catch (RejectedExecutionException e) {
            log.warn("hook --{} not run: the master is exiting", hook.name());
        }
    }

    /** Runs {@code hook} on this thread and waits for it, at most --hook-timeout. */
    public Result run(Setting<HookCommand> hook, Map<String, String> variables) {
        Optional<HookCommand> command = config.optional(hook);
        if (command.isEmpty()) return new Result.NotSet();
        ProcessBuilder pb = new ProcessBuilder(command.get().argv()).redirectErrorStream(true).redirectInput(DEV_NULL);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().put("WARCORN_HOOK", hook.name());
        pb.environment().put("WARCORN_MASTER_PID", String.valueOf(ProcessHandle.current().pid()));
        pb.environment().put("WARCORN_WAR", config.war().toAbsolutePath().toString());
        pb.environment().putAll(variables);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return failed(hook, command.get(), "could not be started (" + e.getMessage() + ")");
        }
        Thread.ofPlatform().daemon().name("warcorn-hook-" + hook.name() + "-" + p.pid()).start(() -> logOutput(hook, p));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly); // before the parent: then they would be orphans
                p.destroyForcibly();
                return failed(hook, command.get(), "did not finish within " + timeout.toMillis() + " ms and was killed; see --hook-timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return failed(hook, command.get(), "interrupted");
        }
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (p.exitValue() != 0) return failed(hook, command.get(), "exited with code " + p.exitValue() + " after " + ms + " ms");
        log.info("hook --{} done in {} ms", hook.name(), ms);
        return new Result.Ok();
    }

    private static Result failed(Setting<HookCommand> hook, HookCommand command, String why) {
        log.error("hook --{}={} {}", hook.name(), command, why);
        return new Result.Failed(why);
    }

    private static void logOutput(Setting<HookCommand> hook, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) log.info("hook --{} pid={}: {}", hook.name(), p.pid(), line);
        } catch (IOException e) {
            // the pipe closes when the hook and its children are gone
        }
    }

    /** Lets the queued hooks finish, each within its timeout, but waits no longer than two timeouts in all. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toMillis() * 2, TimeUnit.MILLISECONDS))
                log.warn("hooks still queued when the master exits are dropped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The variables of a worker's hooks. */
    public static Map<String, String> worker(int slot, long pid) {
        Map<String, String> v = new HashMap<>();
        v.put("WARCORN_WORKER_SLOT", String.valueOf(slot));
        if (pid != 0) v.put("WARCORN_WORKER_PID", String.valueOf(pid));
        return v;
    }
}
