package dev.warcorn.launcher.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A {@code .war} file unpacked once by the master into its run directory, so that N workers and every
 * respawn share one exploded copy instead of each unpacking its own (Jetty serves a directory in place).
 * The copy is named by the file's size and modification time: after the WAR is replaced and the master
 * reloads (HUP), new workers get a fresh copy while old ones keep theirs until they stop. The run
 * directory, and every copy in it, is removed when the master exits.
 */
final class UnpackedWar {
    private static final Logger log = LoggerFactory.getLogger(UnpackedWar.class);

    private UnpackedWar() {
    }

    /**
     * The directory workers should deploy: an exploded copy of {@code war} if it is a file, else
     * {@code war} itself. If unpacking fails (a full disk, a corrupt zip), each worker gets the file and
     * Jetty unpacks it per worker, or fails to deploy it with its own reason.
     */
    static Path of(Path war, Path runDir) {
        if (!Files.isRegularFile(war)) return war;
        try {
            BasicFileAttributes a = Files.readAttributes(war, BasicFileAttributes.class);
            // The file name first, so that ps still shows which WAR a worker runs.
            Path exploded = runDir.resolve(war.getFileName() + "-unpacked-" + a.size() + "-" + a.lastModifiedTime().toMillis());
            if (Files.isDirectory(exploded)) return exploded;
            long started = System.nanoTime();
            Path partial = Files.createTempDirectory(runDir, "unpacking-");
            unzip(war, partial);
            Files.move(partial, exploded, StandardCopyOption.ATOMIC_MOVE);
            log.info("Unpacked {} into {} in {} ms", war, exploded, (System.nanoTime() - started) / 1_000_000);
            return exploded;
        } catch (IOException e) {
            log.warn("cannot unpack {} into {} ({}); each worker unpacks its own copy instead", war, runDir, e.getMessage());
            return war;
        }
    }

    private static void unzip(Path war, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into))
                    throw new IOException("entry " + entry.getName() + " would land outside the WAR's directory");
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
    }
}
