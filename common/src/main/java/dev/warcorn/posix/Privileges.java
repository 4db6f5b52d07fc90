package dev.warcorn.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * --user, --group and --umask: the JDK can neither look users up nor change its ids or umask. glibc's
 * set*id calls apply to every thread of the process (it signals them all), so calling them from the
 * JVM is safe; workers spawned afterwards inherit the ids and the umask.
 */
public final class Privileges {
    private static final MethodHandle GETPWNAM = Libc.function("getpwnam", FunctionDescriptor.of(ADDRESS, ADDRESS), false);
    private static final MethodHandle GETGRNAM = Libc.function("getgrnam", FunctionDescriptor.of(ADDRESS, ADDRESS), false);
    private static final MethodHandle SETGROUPS = Libc.function("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS), true);
    private static final MethodHandle SETGID = Libc.function("setgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
    private static final MethodHandle SETUID = Libc.function("setuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
    private static final MethodHandle GETEUID = Libc.function("geteuid", FunctionDescriptor.of(JAVA_INT), false);
    private static final MethodHandle UMASK = Libc.function("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    // struct passwd / struct group on 64-bit glibc: two pointers, then the numeric id
    private static final long PW_UID = 16, PW_GID = 20, GR_GID = 16;

    /** A user's ids: {@code gid} is the user's primary group unless a group was named. */
    public record Ids(int uid, int gid) {
    }

    private Privileges() {
    }

    public static boolean isRoot() {
        return euid() == 0;
    }

    /** The effective user id (the JDK's user.name is fixed at start, so it misses a --user switch). */
    public static int euid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable t) {
            throw new LinkageError("geteuid", t);
        }
    }

    /**
     * Resolves a user (name or number) and optionally a group (name or number, else the user's own)
     * through the system's user database (NSS: /etc/passwd, LDAP, ...).
     *
     * @throws IllegalArgumentException naming what is unknown
     */
    public static Ids resolve(String user, String groupOrNull) {
        int uid, gid;
        if (user.matches("\\d+")) {
            uid = Integer.parseInt(user);
            gid = groupOrNull == null ? uid : -1;
        } else {
            MemorySegment pw = lookup(GETPWNAM, user);
            if (pw.equals(MemorySegment.NULL)) throw new IllegalArgumentException("user " + user + ": no such user");
            pw = pw.reinterpret(48);
            uid = pw.get(JAVA_INT, PW_UID);
            gid = pw.get(JAVA_INT, PW_GID);
        }
        if (groupOrNull != null) {
            if (groupOrNull.matches("\\d+")) {
                gid = Integer.parseInt(groupOrNull);
            } else {
                MemorySegment gr = lookup(GETGRNAM, groupOrNull);
                if (gr.equals(MemorySegment.NULL)) throw new IllegalArgumentException("group " + groupOrNull + ": no such group");
                gid = gr.reinterpret(32).get(JAVA_INT, GR_GID);
            }
        }
        return new Ids(uid, gid);
    }

    private static MemorySegment lookup(MethodHandle function, String name) {
        try (Arena a = Arena.ofConfined()) {
            return (MemorySegment) function.invokeExact(a.allocateFrom(name));
        } catch (Throwable t) {
            throw new LinkageError("user database", t);
        }
    }

    /** Drops to {@code ids} for good: supplementary groups, then the group, then the user. */
    public static void drop(Ids ids) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = Libc.callState(a);
            if ((int) SETGROUPS.invokeExact(cs, 1L, a.allocateFrom(JAVA_INT, ids.gid())) != 0)
                throw new PosixException("setgroups(" + ids.gid() + ")", Libc.errno(cs));
            if ((int) SETGID.invokeExact(cs, ids.gid()) != 0) throw new PosixException("setgid(" + ids.gid() + ")", Libc.errno(cs));
            if ((int) SETUID.invokeExact(cs, ids.uid()) != 0) throw new PosixException("setuid(" + ids.uid() + ")", Libc.errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("setuid", t);
        }
    }

    /** Sets the process umask; returns the previous one. */
    public static int umask(int mask) {
        try {
            return (int) UMASK.invokeExact(mask);
        } catch (Throwable t) {
            throw new LinkageError("umask", t);
        }
    }
}
