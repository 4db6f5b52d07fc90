package dev.warcorn.detect;

import java.io.IOException;
import java.nio.file.Path;

/** The path given as a WAR is neither a zip file nor a directory (or does not exist). */
public final class NotAWarException extends IOException {
    private final Path path;

    NotAWarException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem + "; expected a WAR (zip) file or an exploded WAR directory", cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
