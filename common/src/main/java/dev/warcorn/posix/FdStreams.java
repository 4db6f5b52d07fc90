package dev.warcorn.posix;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Java streams over raw fd numbers. The JDK cannot open an inherited fd by number, and
 * {@code /proc/self/fd/N} cannot be reopened when N is a socket (journald's stdout is one). Where java.io is
 * open to warcorn (workers) these are the JDK's file streams on a {@link JdkFds} descriptor, so no libc
 * function is linked for them; elsewhere (the master) reads and writes go straight to libc.
 */
public final class FdStreams {
    private FdStreams() {
    }

    public static InputStream input(int fd) {
        return JdkFds.of(fd).<InputStream>map(FileInputStream::new).orElseGet(() -> libcInput(fd));
    }

    public static OutputStream output(int fd) {
        return JdkFds.of(fd).<OutputStream>map(FileOutputStream::new).orElseGet(() -> libcOutput(fd));
    }

    static InputStream libcInput(int fd) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment buffer = a.allocate(len);
                    long n = Libc.read(fd, buffer, len);
                    if (n == 0) return -1;
                    MemorySegment.copy(buffer, JAVA_BYTE, 0, b, off, (int) n);
                    return (int) n;
                }
            }

            @Override
            public void close() throws IOException {
                Libc.close(fd);
            }
        };
    }

    static OutputStream libcOutput(int fd) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) return;
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment buffer = a.allocate(len);
                    MemorySegment.copy(b, off, buffer, JAVA_BYTE, 0, len);
                    Libc.write(fd, buffer, len);
                }
            }

            @Override
            public void close() throws IOException {
                Libc.close(fd);
            }
        };
    }
}
