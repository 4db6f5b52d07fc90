package dev.warcorn.posix;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemdNotifyTest {
    private static final int EAGAIN = 11;

    @TempDir
    Path dir;

    private final List<Integer> opened = new ArrayList<>();

    @AfterEach
    void closeReceivers() throws PosixException {
        for (int fd : opened) Libc.close(fd);
    }

    /** A datagram socket bound to {@code name} (a path or @abstract), standing in for systemd's. */
    private int receiver(String name) throws PosixException {
        int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM, "receiver");
        opened.add(fd);
        try (Arena a = Arena.ofConfined()) {
            Libc.bind(fd, UnixSockets.address(a, name), "bind " + name);
        }
        return fd;
    }

    /**
     * The next datagram queued on {@code fd}, or null when there is none. A Unix datagram is in the
     * receiver's queue when sendto returns, so no waiting is needed.
     */
    private static String receive(int fd) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buffer = a.allocate(4096);
            long n = Libc.recv(fd, buffer, Libc.MSG_DONTWAIT, "recv");
            return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (PosixException e) {
            if (e.errno() == EAGAIN) return null;
            throw e;
        }
    }

    private static SystemdNotify notifier(String socket) {
        return SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).orElseThrow();
    }

    private static String abstractName() {
        return "@warcorn-test-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextLong(1L << 40);
    }

    @Test
    void ready_sends_ready_and_a_status_line_to_a_socket_in_the_file_system() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        assertTrue(notifier(path).ready("2 workers"));
        assertEquals("READY=1\nSTATUS=2 workers", receive(fd));
    }

    @Test
    void a_socket_in_the_abstract_namespace_named_with_an_at_sign_receives_the_message() throws PosixException {
        String name = abstractName();
        int fd = receiver(name);
        assertTrue(notifier(name).send("READY=1"));
        assertEquals("READY=1", receive(fd));
    }

    @Test
    void each_send_is_one_datagram_in_order() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        SystemdNotify notify = notifier(path);
        notify.stopping();
        notify.watchdog();
        notify.status("stopping 2 workers");
        assertEquals("STOPPING=1", receive(fd));
        assertEquals("WATCHDOG=1", receive(fd));
        assertEquals("STATUS=stopping 2 workers", receive(fd));
        assertNull(receive(fd));
    }

    @Test
    void reloading_carries_the_time_on_the_monotonic_clock_in_microseconds() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        // HotSpot's System.nanoTime reads CLOCK_MONOTONIC on Linux, so it brackets the value sent.
        long before = System.nanoTime() / 1_000;
        notifier(path).reloading();
        long after = System.nanoTime() / 1_000 + 1;
        String[] lines = receive(fd).split("\n");
        assertEquals("RELOADING=1", lines[0]);
        assertTrue(lines[1].startsWith("MONOTONIC_USEC="), lines[1]);
        long usec = Long.parseLong(lines[1].substring("MONOTONIC_USEC=".length()));
        assertTrue(before <= usec && usec <= after, before + " <= " + usec + " <= " + after);
    }

    @Test
    void a_status_with_line_breaks_is_sent_as_one_status_line() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        notifier(path).ready("worker=0 failed\nREADY=0");
        assertEquals("READY=1\nSTATUS=worker=0 failed READY=0", receive(fd));
    }

    @Test
    void sending_to_a_socket_that_does_not_exist_returns_false_and_does_not_throw() {
        SystemdNotify notify = notifier(dir.resolve("nobody-here").toString());
        assertFalse(notify.ready("1 worker"));
        assertFalse(notify.watchdog());
    }

    @Test
    void sending_to_a_socket_file_nobody_reads_any_more_returns_false() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        opened.remove(Integer.valueOf(fd));
        Libc.close(fd); // the file stays, the socket is gone: connection refused
        assertTrue(Files.exists(Path.of(path)));
        assertFalse(notifier(path).stopping());
    }

    @Test
    void sends_leave_no_fd_open() throws IOException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        SystemdNotify notify = notifier(path);
        long before = openFds();
        for (int i = 0; i < 50; i++) {
            assertTrue(notify.watchdog());
            assertEquals("WATCHDOG=1", receive(fd));
        }
        assertTrue(openFds() < before + 5, "fds before " + before + ", after " + openFds());
    }

    @Test
    void a_full_queue_makes_send_give_up_after_its_timeout_instead_of_blocking() throws PosixException {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        SystemdNotify notify = new SystemdNotify(path, Duration.ofMillis(100));
        int sent = 0;
        while (notify.watchdog()) {
            sent++;
            assertTrue(sent < 10_000, "the queue never filled up");
        }
        assertTrue(sent > 0);
        assertEquals("WATCHDOG=1", receive(fd)); // the queued ones are intact
        assertTrue(notify.stopping(), "a send succeeds again once there is room");
    }

    @Test
    void no_notifier_without_notify_socket() {
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")));
    }

    @Test
    void no_notifier_for_an_address_that_is_not_a_unix_socket_or_does_not_fit() {
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234")));
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative/notify")));
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(200))));
        assertEquals(Optional.empty(), SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "@")));
    }

    @Test
    void notifier_names_its_socket() {
        assertEquals("NOTIFY_SOCKET=/run/systemd/notify", notifier("/run/systemd/notify").toString());
    }

    @Test
    void watchdog_interval_is_watchdog_usec_when_meant_for_this_process() {
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "4711"), 4711));
        assertEquals(Optional.of(Duration.ofMillis(1500)), SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "1500000"), 4711));
    }

    @Test
    void watchdog_meant_for_another_process_is_ignored() {
        assertEquals(Optional.empty(), SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"), 4711));
    }

    @Test
    void no_watchdog_when_unset_zero_or_malformed() {
        assertEquals(Optional.empty(), SystemdNotify.watchdogInterval(Map.of(), 4711));
        assertEquals(Optional.empty(), SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), 4711));
        assertEquals(Optional.empty(), SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "30s"), 4711));
        assertEquals(Optional.empty(), SystemdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "me"), 4711));
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
