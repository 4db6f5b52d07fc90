package dev.warcorn.launcher.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code --pid FILE}: written atomically (temporary file, then rename), so a reader never sees half a pid. */
public record PidFile(Path path) {

    public static PidFile write(Path path, long pid) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp" + pid);
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new PidFile(abs);
    }

    /** Moves the file (USR2: the old master's becomes {@code FILE.oldbin}, as with Unicorn). */
    public PidFile renameTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new PidFile(target);
    }

    public void remove() throws IOException {
        Files.deleteIfExists(path);
    }
}
