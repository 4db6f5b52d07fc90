package dev.warcorn.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code posix_spawn} with chosen fds placed in the child. {@code ProcessBuilder} cannot do this: it
 * closes every fd above 2. The child also gets an empty signal mask and the default disposition of every
 * signal, because exec keeps both: a JVM thread has signals such as SIGQUIT blocked, and a master started
 * under {@code nohup} or as a script's background job has HUP, or INT and QUIT, ignored.
 */
public final class Spawn {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    private static final MethodHandle SPAWN = fn("posix_spawn", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle FA_INIT = fn("posix_spawn_file_actions_init", ADDRESS);
    private static final MethodHandle FA_DESTROY = fn("posix_spawn_file_actions_destroy", ADDRESS);
    private static final MethodHandle FA_DUP2 = fn("posix_spawn_file_actions_adddup2", ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle FA_CLOSEFROM = fn("posix_spawn_file_actions_addclosefrom_np", ADDRESS, JAVA_INT);
    private static final MethodHandle FA_CHDIR = fn("posix_spawn_file_actions_addchdir_np", ADDRESS, ADDRESS);
    private static final MethodHandle ATTR_INIT = fn("posix_spawnattr_init", ADDRESS);
    private static final MethodHandle ATTR_DESTROY = fn("posix_spawnattr_destroy", ADDRESS);
    private static final MethodHandle ATTR_SETFLAGS = fn("posix_spawnattr_setflags", ADDRESS, JAVA_SHORT);
    private static final MethodHandle ATTR_SETSIGMASK = fn("posix_spawnattr_setsigmask", ADDRESS, ADDRESS);
    private static final MethodHandle ATTR_SETSIGDEFAULT = fn("posix_spawnattr_setsigdefault", ADDRESS, ADDRESS);
    private static final MethodHandle SIGEMPTYSET = fn("sigemptyset", ADDRESS);
    private static final MethodHandle SIGFILLSET = fn("sigfillset", ADDRESS);

    private Spawn() {
    }

    private static MethodHandle fn(String name, java.lang.foreign.MemoryLayout... args) {
        return Libc.function(name, FunctionDescriptor.of(JAVA_INT, args), false); // these return the error number
    }

    /**
     * Starts {@code executable}. {@code placements} maps a child fd to the parent fd copied there; fds 1
     * and 2 are inherited unless placed; every other fd above the highest placed one is closed (without
     * that the child inherits the JVM's own internal fds). Parent fds must not be among the child fd
     * numbers placed (keep them at or above {@link Sockets#FIRST_PRIVATE_FD}).
     *
     * @return the child's pid
     */
    public static int spawn(String executable, List<String> argv, Map<String, String> env,
                            SortedMap<Integer, Integer> placements) throws PosixException {
        return spawn(executable, argv, env, placements, null);
    }

    /** As {@link #spawn(String, List, Map, SortedMap)}, the child starting in {@code workingDir} when not null. */
    public static int spawn(String executable, List<String> argv, Map<String, String> env,
                            SortedMap<Integer, Integer> placements, java.nio.file.Path workingDir) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment actions = a.allocate(256, 8); // posix_spawn_file_actions_t: 80 bytes on glibc x86_64
            MemorySegment attr = a.allocate(1024, 8);   // posix_spawnattr_t: 336 bytes on glibc x86_64
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
            check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
            try {
                int highest = 2;
                for (var p : placements.entrySet()) {
                    check("posix_spawn_file_actions_adddup2", (int) FA_DUP2.invokeExact(actions, (int) p.getValue(), (int) p.getKey()));
                    highest = Math.max(highest, p.getKey());
                }
                check("posix_spawn_file_actions_addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(actions, highest + 1));
                if (workingDir != null)
                    check("posix_spawn_file_actions_addchdir_np " + workingDir, (int) FA_CHDIR.invokeExact(actions, a.allocateFrom(workingDir.toString())));
                MemorySegment empty = a.allocate(128, 8), all = a.allocate(128, 8); // sigset_t
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(empty));
                check("sigfillset", (int) SIGFILLSET.invokeExact(all));
                check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, empty));
                check("posix_spawnattr_setsigdefault", (int) ATTR_SETSIGDEFAULT.invokeExact(attr, all));
                check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                MemorySegment pid = a.allocate(JAVA_INT);
                MemorySegment envp = strings(a, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                int rc = (int) SPAWN.invokeExact(pid, a.allocateFrom(executable), actions, attr, strings(a, argv), envp);
                if (rc != 0) throw new PosixException("posix_spawn " + executable, rc);
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignoredRc = (int) FA_DESTROY.invokeExact(actions); // frees glibc's action list; cannot fail for an initialised object
                ignoredRc = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("posix_spawn", t);
        }
    }

    private static MemorySegment strings(Arena a, List<String> values) {
        MemorySegment array = a.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) array.setAtIndex(ADDRESS, i, a.allocateFrom(values.get(i), StandardCharsets.UTF_8));
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(String what, int rc) throws PosixException {
        if (rc != 0) throw new PosixException(what, rc);
    }
}
