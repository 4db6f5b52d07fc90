package dev.warcorn.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libc calls the JDK does not offer, through the Foreign Function &amp; Memory API (final since
 * JDK 22), so warcorn needs no native library of its own. Linux x86_64/aarch64 with glibc &ge; 2.34
 * (for {@code posix_spawn_file_actions_addclosefrom_np}). Callers run with
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Libc {
    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1, SO_REUSEADDR = 2;
    public static final int O_CLOEXEC = 0x80000;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code setrlimit}'s resource number on Linux x86_64 and aarch64. */
    public static final int RLIMIT_NOFILE = 7;
    static final int SO_TYPE = 3, SO_SNDTIMEO = 21, SO_ACCEPTCONN = 30, SO_DOMAIN = 39;
    static final int MSG_DONTWAIT = 0x40;
    static final int CLOCK_MONOTONIC = 1;
    /** Linux x86_64 and aarch64 numbers (both use the generic table); {@code sun.misc.Signal#getNumber} agrees. */
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12,
            SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19, SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28;
    /** The two dispositions {@code signal(2)} takes besides a handler. */
    static final MemorySegment SIG_DFL = MemorySegment.ofAddress(0), SIG_IGN = MemorySegment.ofAddress(1);
    private static final long SIG_ERR = -1;
    /** glibc's {@code struct sigaction} is 152 bytes on x86_64 and aarch64, the handler first; room to spare. */
    private static final long SIGACTION_SIZE = 256;

    static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option WITH_ERRNO = Linker.Option.captureCallState("errno");

    static MethodHandle function(String name, FunctionDescriptor descriptor, boolean capturesErrno) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + " (glibc 2.34 or newer is required)"));
        return capturesErrno ? LINKER.downcallHandle(symbol, descriptor, WITH_ERRNO) : LINKER.downcallHandle(symbol, descriptor);
    }

    // One holder class per function, so that a handle is linked on first use: linking costs about 7 ms a
    // function (the first 70 ms, with the linker), and a worker needs 4 of these 21 at boot.
    private static final class Socket {
        static final MethodHandle CALL = function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
    }
    private static final class Setsockopt {
        static final MethodHandle CALL = function("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    }
    private static final class Bind {
        static final MethodHandle CALL = function("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    }
    private static final class Listen {
        static final MethodHandle CALL = function("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    }
    private static final class Getsockname {
        static final MethodHandle CALL = function("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
    }
    private static final class Close {
        static final MethodHandle CALL = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
    }
    private static final class Fcntl {
        static final MethodHandle CALL = function("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
    }
    private static final class Pipe2 {
        static final MethodHandle CALL = function("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), true);
    }
    private static final class Read {
        static final MethodHandle CALL = function("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
    }
    private static final class Write {
        static final MethodHandle CALL = function("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
    }
    private static final class Waitpid {
        static final MethodHandle CALL = function("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    }
    private static final class Kill {
        static final MethodHandle CALL = function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    }
    private static final class Sendto {
        static final MethodHandle CALL = function("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true);
    }
    private static final class Strerror {
        static final MethodHandle CALL = function("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
    }
    private static final class Getsockopt {
        static final MethodHandle CALL = function("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
    }
    private static final class Recv {
        static final MethodHandle CALL = function("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
    }
    private static final class ClockGettime {
        static final MethodHandle CALL = function("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), true);
    }
    private static final class ExitNow {
        static final MethodHandle CALL = function("_exit", FunctionDescriptor.ofVoid(JAVA_INT), false);
    }
    private static final class Signal {
        static final MethodHandle CALL = function("signal", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS), true);
    }
    private static final class Sigaction {
        static final MethodHandle CALL = function("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
    }
    private static final class Setrlimit {
        static final MethodHandle CALL = function("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), true);
    }

    private Libc() {
    }

    /** The errno captured by the last call made with {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.CALL.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new LinkageError("strerror", t);
        }
    }

    static int socket(int domain, int type, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            int fd = (int) Socket.CALL.invokeExact(cs, domain, type | SOCK_CLOEXEC, 0);
            if (fd < 0) throw new PosixException(what, errno(cs));
            return fd;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("socket", t);
        }
    }

    static void setReuseAddress(int fd, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            if ((int) Setsockopt.CALL.invokeExact(cs, fd, SOL_SOCKET, SO_REUSEADDR, a.allocateFrom(JAVA_INT, 1), 4) < 0)
                throw new PosixException(what + " (SO_REUSEADDR)", errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("setsockopt", t);
        }
    }

    static void bind(int fd, MemorySegment address, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            if ((int) Bind.CALL.invokeExact(cs, fd, address, (int) address.byteSize()) < 0) throw new PosixException(what, errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("bind", t);
        }
    }

    static void listen(int fd, int backlog, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            if ((int) Listen.CALL.invokeExact(cs, fd, backlog) < 0) throw new PosixException(what, errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("listen", t);
        }
    }

    /** Fills {@code address} (128 bytes) with the socket's local address; returns its length. */
    static int getsockname(int fd, MemorySegment address) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment len = a.allocateFrom(JAVA_INT, (int) address.byteSize());
            if ((int) Getsockname.CALL.invokeExact(cs, fd, address, len) < 0) throw new PosixException("getsockname(fd " + fd + ")", errno(cs));
            return len.get(JAVA_INT, 0);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("getsockname", t);
        }
    }

    public static void close(int fd) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            if ((int) Close.CALL.invokeExact(cs, fd) < 0) throw new PosixException("close(fd " + fd + ")", errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("close", t);
        }
    }

    /**
     * A close-on-exec duplicate of {@code fd} numbered at least {@code lowest}. The master keeps every fd
     * it hands to a worker above the numbers the worker receives them at (0, 3, 4), so that the spawn's
     * dup2 actions can never overwrite one another.
     */
    public static int dupCloexec(int fd, int lowest) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            int copy = (int) Fcntl.CALL.invokeExact(cs, fd, F_DUPFD_CLOEXEC, lowest);
            if (copy < 0) throw new PosixException("fcntl(fd " + fd + ", F_DUPFD_CLOEXEC)", errno(cs));
            return copy;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("fcntl", t);
        }
    }

    /** {@code pipe2(O_CLOEXEC)}: element 0 is the read end, 1 the write end. */
    public static int[] pipe() throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            if ((int) Pipe2.CALL.invokeExact(cs, fds, O_CLOEXEC) < 0) throw new PosixException("pipe2", errno(cs));
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("pipe2", t);
        }
    }

    /** read(2), retried on EINTR; returns 0 at end of file. */
    static long read(int fd, MemorySegment buffer, long count) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            while (true) {
                long n = (long) Read.CALL.invokeExact(cs, fd, buffer, count);
                if (n >= 0) return n;
                if (errno(cs) != PosixException.EINTR) throw new PosixException("read(fd " + fd + ")", errno(cs));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("read", t);
        }
    }

    /** write(2) of the whole buffer, retried on EINTR and short writes. */
    static void write(int fd, MemorySegment buffer, long count) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            long done = 0;
            while (done < count) {
                long n = (long) Write.CALL.invokeExact(cs, fd, buffer.asSlice(done), count - done);
                if (n >= 0) done += n;
                else if (errno(cs) != PosixException.EINTR) throw new PosixException("write(fd " + fd + ")", errno(cs));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("write", t);
        }
    }

    /**
     * Blocks until the child {@code pid} ends and reaps it. Never called with -1: that would steal the
     * JDK's own reaps of the processes it started.
     */
    public static WaitStatus waitpid(int pid) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment status = a.allocate(JAVA_INT);
            while (true) {
                int r = (int) Waitpid.CALL.invokeExact(cs, pid, status, 0);
                if (r == pid) return WaitStatus.decode(status.get(JAVA_INT, 0));
                if (r < 0 && errno(cs) != PosixException.EINTR) throw new PosixException("waitpid(" + pid + ")", errno(cs));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("waitpid", t);
        }
    }

    /**
     * setrlimit(2): sets the soft and the hard limit of {@code resource} (a {@code struct rlimit} of two
     * {@code rlim_t}, 64-bit on both architectures). Raising a hard limit needs CAP_SYS_RESOURCE (EPERM
     * otherwise), and the open-file limit cannot pass /proc/sys/fs/nr_open.
     */
    public static void setrlimit(int resource, long soft, long hard) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment limit = a.allocate(JAVA_LONG, 2);
            limit.setAtIndex(JAVA_LONG, 0, soft);
            limit.setAtIndex(JAVA_LONG, 1, hard);
            if ((int) Setrlimit.CALL.invokeExact(cs, resource, limit) != 0) throw new PosixException("setrlimit", errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("setrlimit", t);
        }
    }

    /** kill(2); returns false when the process no longer exists. */
    public static boolean kill(long pid, int signal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            return (int) Kill.CALL.invokeExact(cs, (int) pid, signal) == 0;
        } catch (Throwable t) {
            throw new LinkageError("kill", t);
        }
    }

    static long sendto(int fd, MemorySegment message, MemorySegment address, int addressLength, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            long n = (long) Sendto.CALL.invokeExact(cs, fd, message, message.byteSize(), MSG_NOSIGNAL, address, addressLength);
            if (n < 0) throw new PosixException(what, errno(cs));
            return n;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("sendto", t);
        }
    }

    /** An int-valued socket option, such as {@link #SO_TYPE} or {@link #SO_ACCEPTCONN}. */
    static int getsockoptInt(int fd, int level, int option, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment value = a.allocate(JAVA_INT);
            MemorySegment len = a.allocateFrom(JAVA_INT, 4);
            if ((int) Getsockopt.CALL.invokeExact(cs, fd, level, option, value, len) < 0) throw new PosixException(what, errno(cs));
            return value.get(JAVA_INT, 0);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("getsockopt", t);
        }
    }

    /**
     * SO_SNDTIMEO: a blocking send gives up with EAGAIN after {@code millis}. A Unix datagram send blocks
     * while the receiver's queue is full (net.unix.max_dgram_qlen, 10 by default).
     */
    static void setSendTimeout(int fd, long millis, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment timeval = a.allocate(JAVA_LONG, 2); // struct timeval: tv_sec, tv_usec (64-bit Linux)
            timeval.setAtIndex(JAVA_LONG, 0, millis / 1000);
            timeval.setAtIndex(JAVA_LONG, 1, millis % 1000 * 1000);
            if ((int) Setsockopt.CALL.invokeExact(cs, fd, SOL_SOCKET, SO_SNDTIMEO, timeval, (int) timeval.byteSize()) < 0)
                throw new PosixException(what + " (SO_SNDTIMEO)", errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("setsockopt", t);
        }
    }

    /** recv(2) into {@code buffer}, retried on EINTR; returns the number of bytes received. */
    static long recv(int fd, MemorySegment buffer, int flags, String what) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            while (true) {
                long n = (long) Recv.CALL.invokeExact(cs, fd, buffer, buffer.byteSize(), flags);
                if (n >= 0) return n;
                if (errno(cs) != PosixException.EINTR) throw new PosixException(what, errno(cs));
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("recv", t);
        }
    }

    /**
     * {@code clock_gettime(CLOCK_MONOTONIC)} in microseconds: the clock systemd means by
     * {@code MONOTONIC_USEC}. (The JDK's {@code System.nanoTime} reads the same clock on Linux but does not
     * promise to, nor what its origin is.)
     */
    static long monotonicMicros() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment timespec = a.allocate(JAVA_LONG, 2); // struct timespec: tv_sec, tv_nsec (64-bit Linux)
            if ((int) ClockGettime.CALL.invokeExact(cs, CLOCK_MONOTONIC, timespec) < 0)
                throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC): " + PosixException.describe(errno(cs)));
            return timespec.getAtIndex(JAVA_LONG, 0) * 1_000_000L + timespec.getAtIndex(JAVA_LONG, 1) / 1_000L;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("clock_gettime", t);
        }
    }

    /**
     * Whether {@code signal} is ignored ({@code SIG_IGN}) in this process. A disposition of SIG_IGN survives
     * exec, so a JVM started under {@code nohup} (HUP) or as a background job of a non-interactive shell
     * (INT, QUIT) begins with those ignored.
     */
    public static boolean isIgnored(int signal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment old = a.allocate(SIGACTION_SIZE, 8);
            if ((int) Sigaction.CALL.invokeExact(cs, signal, MemorySegment.NULL, old) < 0)
                throw new IllegalArgumentException("sigaction(" + Signals.name(signal) + "): " + PosixException.describe(errno(cs)));
            return old.get(ADDRESS, 0).address() == SIG_IGN.address();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("sigaction", t);
        }
    }

    /**
     * {@code signal(signal, SIG_DFL)}. The JDK's {@code sun.misc.Signal.handle} silently leaves HUP, INT and
     * TERM alone when they were ignored at JVM start (HotSpot's JVM_RegisterSignal returns "ignored"
     * without installing), so a handler for them works only after this.
     */
    public static void resetToDefault(int signal) throws PosixException {
        setDisposition(signal, SIG_DFL);
    }

    /** {@code signal(signal, SIG_IGN)}, as {@code nohup} does before it execs; warcorn's tests play nohup with it. */
    public static void ignore(int signal) throws PosixException {
        setDisposition(signal, SIG_IGN);
    }

    private static void setDisposition(int signal, MemorySegment disposition) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = callState(a);
            MemorySegment old = (MemorySegment) Signal.CALL.invokeExact(cs, signal, disposition);
            if (old.address() == SIG_ERR) throw new PosixException("signal(" + Signals.name(signal) + ")", errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("signal", t);
        }
    }

    /** Links {@link #exitNow} ahead of need, so that an orphan's exit never waits for the linker. */
    public static void linkExitNow() {
        ExitNow.CALL.type();
    }

    /**
     * {@code _exit(2)}: the process ends here, the kernel closing its fds and freeing its memory.
     * {@code Runtime.halt} first brings every Java thread to a safepoint and runs the VM's exit steps, which
     * wait for CPU like everything else on a saturated machine; an orphaned worker has no time for that.
     * Nothing is flushed: callers write through unbuffered streams.
     */
    public static void exitNow(int code) {
        try {
            ExitNow.CALL.invokeExact(code);
        } catch (Throwable t) {
            throw new LinkageError("_exit", t);
        }
    }
}
