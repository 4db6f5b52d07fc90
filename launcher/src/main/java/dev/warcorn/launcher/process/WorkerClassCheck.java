package dev.warcorn.launcher.process;

import dev.warcorn.launcher.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Checks, before any worker starts, that a custom {@code --worker-class} exists on the worker class
 * path. The master must not load it (it would need Jetty), so it looks for the class file in the jars
 * and directories instead.
 */
public final class WorkerClassCheck {
    private WorkerClassCheck() {
    }

    /** An error message, or empty when the class is built in or found. */
    public static Optional<String> problem(String workerClass, List<Path> classPath) {
        if (Settings.WORKER_CLASSES.contains(workerClass)) return Optional.empty();
        String entry = workerClass.replace('.', '/') + ".class";
        for (Path p : classPath) {
            if (Files.isDirectory(p) ? Files.isRegularFile(p.resolve(entry)) : jarHas(p, entry)) return Optional.empty();
        }
        return Optional.of("--worker-class=" + workerClass + ": unknown; expected sync, virtual, async or a fully-qualified"
                + " class name on the worker class path (add its jar with --worker-classpath)");
    }

    private static boolean jarHas(Path jar, String entry) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
