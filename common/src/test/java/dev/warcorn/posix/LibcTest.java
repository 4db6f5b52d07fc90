package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibcTest {

    /** The pid of a child that has exited and been reaped: no process has it any more. */
    private static int reapedPid() throws PosixException {
        int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", "exit 0"), Map.of(), new TreeMap<>());
        assertEquals(WaitStatus.exited(0), Libc.waitpid(pid));
        return pid;
    }

    @Test
    void kill_returns_false_for_a_pid_that_does_not_exist() throws PosixException {
        assertFalse(Libc.kill(reapedPid(), 0));
    }

    @Test
    void kill_with_signal_zero_returns_true_for_a_live_process() {
        assertTrue(Libc.kill(ProcessHandle.current().pid(), 0));
    }

    @Test
    void waitpid_for_a_process_that_is_not_our_child_names_the_pid_and_the_reason() throws PosixException {
        int pid = reapedPid();
        PosixException e = assertThrows(PosixException.class, () -> Libc.waitpid(pid));
        assertEquals("waitpid(" + pid + "): no child processes", e.getMessage());
        assertEquals(PosixException.ECHILD, e.errno());
    }

    @Test
    void posix_exception_message_is_what_was_attempted_then_the_lower_cased_system_reason() {
        PosixException e = new PosixException("bind 127.0.0.1:8000", PosixException.EACCES);
        assertEquals("bind 127.0.0.1:8000: permission denied", e.getMessage());
        assertEquals(PosixException.EACCES, e.errno());
    }

    @Test
    void posix_exception_for_an_errno_libc_does_not_know_still_says_the_number() {
        assertEquals("x: unknown error 4242", new PosixException("x", 4242).getMessage());
    }

    @Test
    void strerror_is_libcs_own_text() {
        assertEquals("Address already in use", Libc.strerror(PosixException.EADDRINUSE));
    }

    @Test
    void closing_an_fd_that_is_not_open_names_it() throws PosixException {
        int[] pipe = Libc.pipe();
        Libc.close(pipe[0]);
        Libc.close(pipe[1]);
        PosixException e = assertThrows(PosixException.class, () -> Libc.close(pipe[0]));
        assertEquals("close(fd " + pipe[0] + "): bad file descriptor", e.getMessage());
    }

    @Test
    void pipe_ends_are_close_on_exec() throws PosixException {
        int[] pipe = Libc.pipe();
        try {
            assertTrue(SocketsTest.isCloseOnExec(pipe[0]));
            assertTrue(SocketsTest.isCloseOnExec(pipe[1]));
        } finally {
            Libc.close(pipe[0]);
            Libc.close(pipe[1]);
        }
    }

    @Test
    void libc_fd_streams_carry_bytes_through_a_pipe_and_closing_the_writer_ends_the_reader() throws IOException {
        int[] pipe = Libc.pipe();
        byte[] message = "beat 1\nbeat 2 ünïcode\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = FdStreams.libcOutput(pipe[1])) {
            out.write(message);
            out.write('!');
        }
        try (InputStream in = FdStreams.libcInput(pipe[0])) {
            assertEquals(new String(message, StandardCharsets.UTF_8) + "!", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void libc_fd_stream_single_byte_read_returns_unsigned_values() throws IOException {
        int[] pipe = Libc.pipe();
        try (OutputStream out = FdStreams.libcOutput(pipe[1])) {
            out.write(0xff);
        }
        try (InputStream in = FdStreams.libcInput(pipe[0])) {
            assertEquals(0xff, in.read());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void dup_cloexec_copies_to_a_number_at_least_the_one_asked_for() throws PosixException {
        int[] pipe = Libc.pipe();
        int copy = Libc.dupCloexec(pipe[0], 50);
        try {
            assertTrue(copy >= 50, "fd " + copy);
            assertTrue(SocketsTest.isCloseOnExec(copy));
        } finally {
            for (int fd : new int[] {copy, pipe[0], pipe[1]}) Libc.close(fd);
        }
    }
}
