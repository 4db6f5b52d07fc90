package dev.warcorn.launcher.control;

import java.nio.file.Path;

/**
 * Where the control socket lives unless --control-socket says: beside the --pid file
 * ({@code app.pid} → {@code app.pid.ctl}), else in {@code $XDG_RUNTIME_DIR} (private to the user), else
 * in a per-user directory under /tmp ({@code /tmp/warcorn-UID}), named after the port so several masters
 * can coexist.
 */
public final class ControlPaths {
    private ControlPaths() {
    }

    public static Path besidePidFile(Path pidFile) {
        return pidFile.toAbsolutePath().resolveSibling(pidFile.getFileName() + ".ctl");
    }

    public static Path forPort(int port) {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() ? Path.of(runtime) : Path.of("/tmp", "warcorn-" + dev.warcorn.posix.Privileges.euid());
        return dir.resolve("warcorn-" + port + ".ctl");
    }
}
