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

/**
 * --aot-cache DIR: JDK 25's ahead-of-time cache of loaded and linked classes, which starts a worker
 * about twice as fast (docs/design.md). The first worker spawned without a cache trains one
 * ({@code -XX:AOTCacheOutput}, written by the JVM when that worker exits); later workers use it
 * ({@code -XX:AOTCache}). A cache made for another JDK, class path or set of flags is silently
 * ignored by the JVM and slower than none, so its file name carries a hash of all three: a change
 * simply trains a new one. Called from the supervisor thread and from reaper threads.
 */
public final class AotCache {
    private static final Logger log = LoggerFactory.getLogger(AotCache.class);

    private final Path file;
    private long trainer; // generation of the worker writing the cache, or -1

    private AotCache(Path file) {
        this.file = file;
        this.trainer = -1;
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
            for (String flag : command.jvmFlags()) sha.update((flag + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path p : command.fullClassPath()) {
                long size = Files.isRegularFile(p) ? Files.size(p) : -1;
                long mtime = Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : -1;
                sha.update((p + "|" + size + "|" + mtime + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot key the AOT cache: " + e.getMessage(), e);
        }
    }

    /** The flags for the worker of {@code generation}: use the cache, train it, or neither (another trains). */
    public synchronized List<String> flags(long generation) {
        if (Files.isRegularFile(file)) return List.of("-XX:AOTCache=" + file);
        if (trainer >= 0) return List.of();
        trainer = generation;
        log.info("AOT cache: this worker trains {} (written when it exits; later workers start faster)", file);
        return List.of("-XX:AOTCacheOutput=" + training(generation));
    }

    /** A worker exited: if it was training, its cache becomes the one to use. */
    public synchronized void exited(long generation) {
        if (generation != trainer) return;
        trainer = -1;
        Path written = training(generation);
        try {
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

    private Path training(long generation) {
        return file.resolveSibling(file.getFileName() + ".training-" + ProcessHandle.current().pid() + "-" + generation);
    }
}
