package dev.warcorn.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** An exploded WAR directory; its jars are opened in place. */
final class ExplodedWar implements WarContent {
    private final Path root;

    ExplodedWar(Path root) {
        this.root = root;
    }

    @Override
    public String location(String entry) {
        return root.resolve(entry).toString();
    }

    @Override
    public InputStream openEntry(String entry) throws IOException {
        Path file = root.resolve(entry);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }

    @Override
    public void forEachClass(ClassSink sink) throws IOException {
        Path classes = root.resolve(CLASSES);
        if (!Files.isDirectory(classes)) return;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p)) {
                    sink.accept(Files.readAllBytes(p));
                }
            }
        } catch (UncheckedIOException e) {
            // Files.walk reports errors met while iterating this way
            throw e.getCause();
        }
    }

    @Override
    public List<String> libJars() throws IOException {
        Path lib = root.resolve(LIB);
        if (!Files.isDirectory(lib)) return List.of();
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void forEachClassInJar(String jar, ClassSink sink) throws IOException {
        try (ZipFile zip = new ZipFile(root.resolve(LIB).resolve(jar).toFile())) {
            List<? extends ZipEntry> classes = zip.stream()
                    .filter(e -> !e.isDirectory() && e.getName().endsWith(".class"))
                    .toList();
            for (ZipEntry e : classes) {
                try (InputStream in = zip.getInputStream(e)) {
                    sink.accept(in.readAllBytes());
                }
            }
        }
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }
}
