package dev.warcorn.posix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * {@code sd_notify} without libsystemd: tells the service manager that the master is ready, reloading,
 * stopping or still alive, by one datagram to the Unix socket named in {@code NOTIFY_SOCKET}. The JDK has
 * no Unix datagram sockets, so this is {@code socket(AF_UNIX, SOCK_DGRAM)} and {@code sendto} through FFM.
 * Only the master sends: with {@code NotifyAccess=main} systemd refuses messages from any other process,
 * so workers are started without {@link #VARIABLES}.
 * <p>
 * A failed send never throws: the service keeps running and says once, as a warning, that systemd is
 * not being told its state.
 */
public final class SystemdNotify {
    /** The variables that are meant for the master alone; remove them from a worker's environment. */
    public static final Set<String> VARIABLES = Set.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID");

    private static final Logger log = LoggerFactory.getLogger(SystemdNotify.class);

    /**
     * Longest a send may wait while systemd's queue is full, so that a stalled service manager cannot
     * stall the master's supervisor loop with it; systemd reads the queue long before this normally.
     */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    private static final int EAGAIN = 11;

    private final String socket;
    private final Duration sendTimeout;
    private final AtomicBoolean warned = new AtomicBoolean();

    SystemdNotify(String socket, Duration sendTimeout) {
        this.socket = socket;
        this.sendTimeout = sendTimeout;
    }

    /**
     * The notifier for {@code env}'s {@code NOTIFY_SOCKET}: an absolute path, or {@code @name} for an
     * abstract socket. Empty when the variable is unset or blank (not started by systemd), and, with a
     * warning, when it names something else, such as the {@code vsock:} addresses of virtual machines.
     */
    public static Optional<SystemdNotify> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) return Optional.empty();
        if (!socket.startsWith("/") && !socket.startsWith("@")) {
            log.warn("NOTIFY_SOCKET={}: not an absolute path or @abstract name; warcorn cannot notify systemd of its state", socket);
            return Optional.empty();
        }
        try (Arena a = Arena.ofConfined()) {
            UnixSockets.address(a, socket);
        } catch (IllegalArgumentException e) {
            log.warn("NOTIFY_SOCKET={}: {}; warcorn cannot notify systemd of its state", socket, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new SystemdNotify(socket, SEND_TIMEOUT));
    }

    /**
     * Sends {@code state}, newline-separated {@code KEY=VALUE} assignments as systemd documents them for
     * {@code sd_notify}, e.g. {@code "READY=1\nSTATUS=2 workers"}. Each call uses its own socket, as
     * libsystemd does, so that no fd stays open for a child to inherit and calls from any thread are safe.
     * Waits at most {@link #SEND_TIMEOUT} for room in systemd's queue.
     *
     * @return whether the datagram was sent; on failure a warning is logged the first time
     */
    public boolean send(String state) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment address = UnixSockets.address(a, socket);
            byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
            MemorySegment message = a.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, message, JAVA_BYTE, 0, bytes.length);
            int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM, "socket(AF_UNIX, SOCK_DGRAM)");
            try {
                Libc.setSendTimeout(fd, sendTimeout.toMillis(), "socket(AF_UNIX, SOCK_DGRAM)");
                Libc.sendto(fd, message.asSlice(0, bytes.length), address, (int) address.byteSize(), "sendto " + socket);
            } finally {
                Libc.close(fd);
            }
            return true;
        } catch (PosixException e) {
            String first = state.lines().findFirst().orElse("");
            String reason = e.errno() == EAGAIN ? "systemd did not read its queue within " + sendTimeout.toMillis() + " ms" : e.getMessage();
            if (warned.compareAndSet(false, true))
                log.warn("NOTIFY_SOCKET={}: cannot send {}: {}; systemd is not told this service's state (further failures are logged at debug level)",
                        socket, first, reason);
            else
                log.debug("NOTIFY_SOCKET={}: cannot send {}: {}", socket, first, reason);
            return false;
        }
    }

    /** {@code READY=1} with a status line: start-up or a reload has finished. */
    public boolean ready(String status) {
        return send("READY=1\nSTATUS=" + oneLine(status));
    }

    /**
     * {@code RELOADING=1} with {@code MONOTONIC_USEC}, the time of the reload request on
     * {@code CLOCK_MONOTONIC}, which {@code Type=notify-reload} requires. Follow it with {@link #ready}
     * when the reload has finished.
     */
    public boolean reloading() {
        return send("RELOADING=1\nMONOTONIC_USEC=" + Libc.monotonicMicros());
    }

    /** {@code STOPPING=1}: the service is shutting down. */
    public boolean stopping() {
        return send("STOPPING=1");
    }

    /** {@code STATUS=}: one line that {@code systemctl status} shows. */
    public boolean status(String status) {
        return send("STATUS=" + oneLine(status));
    }

    /** {@code WATCHDOG=1}: the master is alive; send it at half of {@link #watchdogInterval}. */
    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    /**
     * The watchdog interval systemd expects keep-alives within ({@code WatchdogSec=}, passed as
     * {@code WATCHDOG_USEC}), when it is meant for process {@code pid}: {@code WATCHDOG_PID}, when set,
     * must be that pid. Empty when there is no watchdog, or (with a warning) when a value is malformed.
     */
    public static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) return Optional.empty();
        String forPid = env.get("WATCHDOG_PID");
        try {
            if (forPid != null && !forPid.isBlank() && Long.parseLong(forPid.strip()) != pid) return Optional.empty();
        } catch (NumberFormatException e) {
            log.warn("WATCHDOG_PID={}: not a process id; the watchdog is ignored", forPid);
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(usec.strip());
        } catch (NumberFormatException e) {
            micros = 0;
        }
        if (micros <= 0) {
            log.warn("WATCHDOG_USEC={}: not a positive number of microseconds; the watchdog is ignored", usec);
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1_000L)));
    }

    /** systemd reads a message line by line, so a status must not contain a line break. */
    private static String oneLine(String status) {
        return status.replaceAll("[\r\n]+", " ");
    }

    @Override
    public String toString() {
        return "NOTIFY_SOCKET=" + socket;
    }
}
