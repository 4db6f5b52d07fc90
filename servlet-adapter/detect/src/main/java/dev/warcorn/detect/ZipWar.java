package dev.warcorn.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** A packed WAR. Nested jars are read as streams straight out of the WAR, never extracted. */
final class ZipWar implements WarContent {
    private final Path path;
    private final ZipFile zip;

    private ZipWar(Path path, ZipFile zip) {
        this.path = path;
        this.zip = zip;
    }

    static ZipWar open(Path path) throws IOException {
        try {
            return new ZipWar(path, new ZipFile(path.toFile()));
        } catch (ZipException e) {
            throw new NotAWarException(path, "not a zip file (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String location(String entry) {
        return path + "!/" + entry;
    }

    @Override
    public InputStream openEntry(String entry) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        return e == null || e.isDirectory() ? null : zip.getInputStream(e);
    }

    @Override
    public void forEachClass(ClassSink sink) throws IOException {
        List<? extends ZipEntry> classes = zip.stream()
                .filter(e -> !e.isDirectory() && e.getName().startsWith(CLASSES) && e.getName().endsWith(".class"))
                .toList();
        for (ZipEntry e : classes) {
            try (InputStream in = zip.getInputStream(e)) {
                sink.accept(in.readAllBytes());
            }
        }
    }

    @Override
    public List<String> libJars() {
        return zip.stream()
                .map(ZipEntry::getName)
                .filter(n -> n.startsWith(LIB) && n.endsWith(".jar") && n.indexOf('/', LIB.length()) < 0)
                .map(n -> n.substring(LIB.length()))
                .sorted()
                .toList();
    }

    @Override
    public void forEachClassInJar(String jar, ClassSink sink) throws IOException {
        ZipEntry e = zip.getEntry(LIB + jar);
        if (e == null) throw new IOException(location(LIB + jar) + ": no such entry");
        try (ZipInputStream in = new ZipInputStream(zip.getInputStream(e))) {
            for (ZipEntry c; (c = in.getNextEntry()) != null; ) {
                if (!c.isDirectory() && c.getName().endsWith(".class")) sink.accept(in.readAllBytes());
            }
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
