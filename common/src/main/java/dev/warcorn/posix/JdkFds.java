package dev.warcorn.posix;

import java.io.FileDescriptor;
import java.lang.reflect.Constructor;
import java.util.Optional;

/**
 * A {@link FileDescriptor} for an inherited fd number, made with the JDK's own private constructor, so that
 * the JDK's file streams read and write it and no libc function has to be linked. Linking the first FFM
 * downcalls (the class-file API generates a class for each) cost a worker's boot 60–140 ms and 5–6 MB of heap
 * it then kept resident (docs/design.md, "A boot that links no native function"). Needs
 * {@code --add-opens java.base/java.io=ALL-UNNAMED}, which the master gives every worker; without it
 * {@link #of} is empty and callers use {@link Libc}.
 */
public final class JdkFds {
    private static final Constructor<FileDescriptor> NEW = constructor();

    private JdkFds() {
    }

    private static Constructor<FileDescriptor> constructor() {
        try {
            Constructor<FileDescriptor> c = FileDescriptor.class.getDeclaredConstructor(int.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) { // java.io not opened to this module
            return null;
        }
    }

    /** {@code fd} as a FileDescriptor, or empty when java.io is not open to warcorn. */
    public static Optional<FileDescriptor> of(int fd) {
        if (NEW == null) return Optional.empty();
        try {
            return Optional.of(NEW.newInstance(fd));
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }
}
