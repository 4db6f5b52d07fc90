package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workers' streams over inherited fds, with java.io open as the master opens it to them (see this module's pom). */
class JdkFdsTest {

    @Test
    void with_java_io_open_fd_streams_are_the_jdks_own_and_carry_bytes_through_a_pipe() throws IOException {
        int[] pipe = Libc.pipe();
        byte[] message = "beat 1\nbeat 2 ünïcode\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = FdStreams.output(pipe[1])) {
            assertInstanceOf(FileOutputStream.class, out);
            out.write(message);
            out.write(0xff);
        }
        try (InputStream in = FdStreams.input(pipe[0])) {
            assertInstanceOf(FileInputStream.class, in);
            byte[] all = in.readAllBytes();
            assertEquals(message.length + 1, all.length);
            assertEquals(new String(message, StandardCharsets.UTF_8), new String(all, 0, message.length, StandardCharsets.UTF_8));
            assertEquals(0xff, all[message.length] & 0xff);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void a_descriptor_for_a_number_writes_where_that_fd_points() throws IOException {
        int[] pipe = Libc.pipe();
        int copy = Libc.dupCloexec(pipe[1], 60); // as the master's copies of stdout and stderr are for a worker
        try (OutputStream out = new FileOutputStream(JdkFds.of(copy).orElseThrow())) {
            out.write("through the copy".getBytes(StandardCharsets.UTF_8));
        }
        Libc.close(pipe[1]);
        try (InputStream in = FdStreams.libcInput(pipe[0])) {
            assertEquals("through the copy", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(JdkFds.of(copy).isPresent());
    }
}
