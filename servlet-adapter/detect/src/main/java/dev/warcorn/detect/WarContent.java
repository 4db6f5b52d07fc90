package dev.warcorn.detect;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Read-only view of the parts of a WAR that detection looks at, the same for a WAR file and an
 * exploded directory. Class files are handed out one at a time so that big WARs are streamed,
 * never held in memory whole.
 */
sealed interface WarContent extends Closeable permits ZipWar, ExplodedWar {
    String CLASSES = "WEB-INF/classes/";
    String LIB = "WEB-INF/lib/";

    /** Receives the bytes of one class file. */
    @FunctionalInterface
    interface ClassSink {
        void accept(byte[] classFile);
    }

    /** Opens a WAR file or an exploded WAR directory. */
    static WarContent open(Path path) throws IOException {
        if (Files.isDirectory(path)) return new ExplodedWar(path);
        if (Files.isRegularFile(path)) return ZipWar.open(path);
        String problem = Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                ? "neither a regular file nor a directory"
                : "no such file or directory";
        throw new NotAWarException(path, problem, null);
    }

    /** Where an entry lives, for messages: {@code /srv/app.war!/WEB-INF/web.xml}. */
    String location(String entry);

    /** An entry such as {@code WEB-INF/web.xml}, or {@code null} when the WAR has none. */
    InputStream openEntry(String entry) throws IOException;

    /** Every {@code .class} file under {@code WEB-INF/classes}. */
    void forEachClass(ClassSink sink) throws IOException;

    /** File names of the jars directly in {@code WEB-INF/lib}, sorted. */
    List<String> libJars() throws IOException;

    /** Every {@code .class} file in one jar of {@link #libJars()}. */
    void forEachClassInJar(String jar, ClassSink sink) throws IOException;
}
