package dev.warcorn.launcher.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import dev.warcorn.posix.Privileges;

/**
 * --aot-cache (on by default, {@code auto}): JDK 25's ahead-of-time cache of loaded and linked classes,
 * which starts a worker about twice as fast (docs/design.md). The first worker spawned without a cache trains one
 * ({@code -XX:AOTCacheOutput}, written by the JVM when that worker exits); later workers use it
 * ({@code -XX:AOTCache}). A cache made for another JDK, class path or set of flags is silently
 * ignored by the JVM and slower than none, so its file name carries a hash of all three: a change
 * simply trains a new one. Called from the supervisor thread and from reaper threads.
 */
public final class AotCache {
    private static final Logger log = LoggerFactory.getLogger(AotCache.class);

    /**
     * Set by bin/warcorn when this master records its classes for a cache of its own (docs/design.md, "Start-up:
     * the master's AOT cache"): the record's file. Only the record of a master that got as far as serving
     * becomes a cache; one that stopped at a usage error has loaded too little to be worth one.
     */
    public static final String MASTER_RECORD = "WARCORN_AOT_RECORD";

    /** The first workers are ready: marks this master's record, if it keeps one, as worth a cache. */
    public static void masterServed(Map<String, String> env) {
        String record = env.get(MASTER_RECORD);
        if (record == null || record.isEmpty()) return;
        try {
            Files.writeString(Path.of(record + ".served"), "");
        } catch (IOException | RuntimeException e) {
            log.debug("cannot mark {} as served: {}", record, e.getMessage());
        }
    }

    /** Caches nobody used for this long are deleted when a master opens the directory: each is ~40 MB. */
    static final Duration UNUSED = Duration.ofDays(30);
    /** The quickstart descriptors --quickstart keeps beside the caches (WorkerCommand#quickstart), pruned alike. */
    static final String QUICKSTART_PREFIX = "quickstart-";
    /** What pruning looks at: the workers' caches, the quickstart descriptors, and bin/warcorn's cache of the master. */
    private static final List<String> PRUNED = List.of("worker-", QUICKSTART_PREFIX, "master-");

    private final Path file;
    private long trainer; // generation of the worker writing the cache, or -1
    private boolean usedLogged;

    private AotCache(Path file) {
        this.file = file;
        this.trainer = -1;
    }

    /**
     * The cache for {@code setting} ({@code auto}, {@code off} or a directory), or none. A directory that
     * cannot be made or written turns the cache off with a warning: a cache must never stop or slow a start.
     */
    public static Optional<AotCache> open(String setting, Map<String, String> env, WorkerCommand command) {
        Optional<Path> dir = directory(setting, env, Privileges.isRoot());
        if (dir.isEmpty()) return Optional.empty();
        try {
            AotCache cache = in(dir.get(), command);
            if (!Files.isWritable(dir.get())) throw new IOException("not writable by this user");
            cache.prune();
            return Optional.of(cache);
        } catch (IOException | RuntimeException e) {
            log.warn("--aot-cache={}: cannot use {} ({}); workers start without an AOT cache; give --aot-cache a writable DIR, or off",
                    setting, dir.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Where {@code setting} keeps caches. {@code auto}: systemd's $CACHE_DIRECTORY (a unit's
     * {@code CacheDirectory=}, the one writable place under {@code DynamicUser=} and {@code ProtectSystem=strict}),
     * else $XDG_CACHE_HOME/warcorn, else /var/cache/warcorn for root, else ~/.cache/warcorn.
     */
    static Optional<Path> directory(String setting, Map<String, String> env, boolean root) {
        if (setting.equals("off")) return Optional.empty();
        if (!setting.equals("auto")) return Optional.of(Path.of(setting));
        String systemd = env.getOrDefault("CACHE_DIRECTORY", "").split(":")[0];
        if (!systemd.isEmpty()) return Optional.of(Path.of(systemd));
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) return Optional.of(Path.of(xdg, "warcorn")); // the XDG spec ignores a relative one
        if (root) return Optional.of(Path.of("/var/cache/warcorn"));
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Optional.of(Path.of(home, ".cache", "warcorn"));
    }

    /** The cache for workers started by {@code command}, in {@code dir}. */
    public static AotCache in(Path dir, WorkerCommand command) throws IOException {
        Files.createDirectories(dir);
        return new AotCache(dir.resolve("worker-" + key(command) + ".aot"));
    }

    static String key(WorkerCommand command) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((command.java() + "\n" + System.getProperty("java.vm.version") + "\n").getBytes(StandardCharsets.UTF_8));
            for (String flag : command.jvmFlags())
                if (!isApplicationProperty(flag)) sha.update((flag + "\n").getBytes(StandardCharsets.UTF_8));
            digestFiles(sha, command.fullClassPath());
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot key the AOT cache: " + e.getMessage(), e);
        }
    }

    /** Adds each file's path, size and modification time to {@code sha}: what says a jar or a WAR was replaced. */
    static void digestFiles(MessageDigest sha, List<Path> files) throws IOException {
        for (Path p : files) {
            long size = Files.isRegularFile(p) ? Files.size(p) : -1;
            long mtime = Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : -1;
            sha.update((p + "|" + size + "|" + mtime + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A system property for the application ({@code -Dupstream.url=...}), which the JVM does not check
     * against a cache, so changing it must not train a new one; {@code java.*} and {@code jdk.*}
     * properties can change what the JVM loads and stay in the key.
     */
    static boolean isApplicationProperty(String flag) {
        return flag.startsWith("-D") && !flag.startsWith("-Djava.") && !flag.startsWith("-Djdk.");
    }

    /** The flags for the worker of {@code generation}: use the cache, train it, or neither (another trains). */
    public synchronized List<String> flags(long generation) {
        if (Files.isRegularFile(file)) {
            if (!usedLogged) {
                usedLogged = true;
                log.info("AOT cache: workers start with {}", file);
                touch(file); // in use: pruning leaves it alone
            }
            return List.of("-XX:AOTCache=" + file);
        }
        if (trainer >= 0) return List.of();
        trainer = generation;
        log.info("AOT cache: this worker trains {} (written when it exits; later workers start faster)", file);
        // A training JVM warns on its stdout, during the run, about each class it will leave out of the cache
        // ("[warning][aot] Skipping org/objectweb/asm/ClassReader: Old class has been linked", five lines when a
        // hello worker unloads the classes of the loader that wrote its quickstart file): the user's terminal is
        // no place for them. Errors, such as a cache that cannot be written, still show.
        return List.of("-XX:AOTCacheOutput=" + training(generation), "-Xlog:aot=error,cds=error");
    }

    /** A worker exited: if it was training, its cache becomes the one to use. */
    public synchronized void exited(long generation) {
        if (generation != trainer) return;
        trainer = -1;
        Path written = training(generation);
        try {
            Files.deleteIfExists(Path.of(written + ".config")); // the JVM's own notes of the training run
            if (Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                log.info("AOT cache ready: {} ({} MB)", file, Files.size(file) >> 20);
            } else {
                Files.deleteIfExists(written);
                log.info("AOT cache: the training worker ended without writing {}; the next worker trains again", file.getFileName());
            }
        } catch (IOException e) {
            log.warn("AOT cache: cannot keep {}: {}", written, e.getMessage());
        }
    }

    /**
     * Deletes caches and quickstart descriptors of this directory unused for {@link #UNUSED} (every class-path
     * or WAR change leaves one behind) and training or partial files a day old (a writer killed before it finished).
     */
    private void prune() throws IOException {
        Instant now = Instant.now();
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path p : files.filter(f -> PRUNED.stream().anyMatch(f.getFileName().toString()::startsWith)).toList()) {
                try {
                    Duration age = Duration.between(Files.getLastModifiedTime(p).toInstant(), now);
                    String name = p.getFileName().toString();
                    boolean partial = name.contains(".training-") || name.contains(".partial-") || name.contains(".recording-");
                    boolean stale = partial ? age.toHours() >= 24 : age.compareTo(UNUSED) > 0;
                    if (stale && !p.equals(file)) {
                        Files.deleteIfExists(p);
                        log.info("AOT cache: deleted {}, unused for {} days", p, age.toDays());
                    }
                } catch (IOException e) {
                    log.warn("AOT cache: cannot prune {}: {}", p, e.getMessage()); // another master's, or gone meanwhile
                }
            }
        }
    }

    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("cannot touch {}: {}", p, e.getMessage());
        }
    }

    private Path training(long generation) {
        return file.resolveSibling(file.getFileName() + ".training-" + ProcessHandle.current().pid() + "-" + generation);
    }
}
