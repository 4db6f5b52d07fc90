package dev.warcorn.posix;

import java.io.IOException;
import java.util.Locale;

/** A failed libc call: says what was attempted and the system's reason, e.g. {@code bind 127.0.0.1:8000: address already in use}. */
public final class PosixException extends IOException {
    public static final int EINTR = 4, ECHILD = 10, EADDRINUSE = 98, EACCES = 13, EADDRNOTAVAIL = 99;

    private final int errno;

    public PosixException(String what, int errno) {
        super(what + ": " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    static String describe(int errno) {
        String s = Libc.strerror(errno);
        return s.isEmpty() ? "errno " + errno : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
