package dev.warcorn.posix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Java streams over raw fd numbers. The JDK cannot open an inherited fd by number, and
 * {@code /proc/self/fd/N} cannot be reopened when N is a socket (journald's stdout is one), so reads and
 * writes go straight to libc.
 */
public final class FdStreams {
    private FdStreams() {
    }

    public static InputStream input(int fd) {
        var jdk = JdkFds.of(fd);
        if (jdk.isPresent()) return new java.io.FileInputStream(jdk.get());
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

    public static OutputStream output(int fd) {
        var jdk = JdkFds.of(fd);
        if (jdk.isPresent()) return new java.io.FileOutputStream(jdk.get());
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
