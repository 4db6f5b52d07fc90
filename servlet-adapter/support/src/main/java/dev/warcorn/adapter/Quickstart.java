package dev.warcorn.adapter;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Jetty's quickstart for a worker: the WAR's whole deployment descriptor, with everything the
 * annotation scan, the {@code META-INF} jar scan and the fragment ordering found, written once to a file
 * ({@code quickstart-web.xml}, Jetty's format) so that every later worker of the same WAR copy reads it instead
 * of scanning again (docs/design.md, "Start-up: quickstart").
 *
 * <p>The master names the file (one per unpacked WAR copy and worker class path) and passes it to every
 * worker. A worker that finds no file generates it first, in a dry run of Jetty's own generator on a
 * throwaway server, writes it under a name of its own and renames it into place, so workers booting at once
 * never read a half-written file; then it starts from it like the others. A file that cannot be generated
 * or does not start the WAR costs nothing but the attempt: the worker starts the WAR the usual way, and a
 * {@code .unusable} file beside it (holding the reason) keeps later workers from trying again.
 */
public final class Quickstart {
    private static final Logger log = LoggerFactory.getLogger(Quickstart.class);

    /** The context attributes of Jetty's {@code QuickStartConfiguration}, the same in ee8 to ee11. */
    public static final String MODE_ATTRIBUTE = "org.eclipse.jetty.quickstart.mode";
    public static final String XML_ATTRIBUTE = "org.eclipse.jetty.quickstart.xml";
    public static final String ORIGIN_ATTRIBUTE = "org.eclipse.jetty.quickstart.origin";

    private Quickstart() {
    }

    /** How a context starts: as usual, as a dry run that writes the file, or from the file. */
    public enum Mode {
        NORMAL, GENERATE, QUICKSTART // the last two by Jetty's names, the values of MODE_ATTRIBUTE
    }

    /** One environment's context for the WAR, not started, set up the same way in every mode. */
    @FunctionalInterface
    public interface Contexts {
        /** @param file the quickstart file to write ({@link Mode#GENERATE}) or read ({@link Mode#QUICKSTART}); null for {@link Mode#NORMAL} */
        Handler create(Mode mode, Path file);
    }

    /**
     * Tells a failure of the quickstart file from the WAR's own: thrown by a context's Jetty stages that read
     * the file (pre-configuration, configuration, metadata), never by the WAR's listeners and servlets.
     */
    public static final class Unusable extends Exception {
        public Unusable(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /** Runs one of Jetty's stages of a context in {@code mode}; what fails reading a quickstart file is {@link Unusable}. */
    public static <T> T stage(Mode mode, Callable<T> stage) throws Exception {
        try {
            return stage.call();
        } catch (Exception e) {
            if (mode == Mode.QUICKSTART) throw new Unusable(e);
            throw e;
        }
    }

    /** A stage without a result: {@link #stage(Mode, Callable)} for pre-configuration and metadata. */
    @FunctionalInterface
    public interface Stage {
        void run() throws Exception;
    }

    public static void stage(Mode mode, Stage stage) throws Exception {
        stage(mode, () -> {
            stage.run();
            return null;
        });
    }

    /**
     * The part of a context's set-up that depends on {@code mode}, the same for every environment {@code ee}
     * ({@code ee10}): a usual start removes Jetty's quickstart configuration (its jar is on the class path, so
     * it is on by default); the others tell it what to do and with which file, without origin comments (a
     * smaller file to parse).
     */
    public static void configure(Mode mode, Path file, String ee, BiConsumer<String, Object> setAttribute, Consumer<String> removeConfiguration) {
        if (mode == Mode.NORMAL) {
            removeConfiguration.accept("org.eclipse.jetty." + ee + ".quickstart.QuickStartConfiguration");
            return;
        }
        setAttribute.accept(MODE_ATTRIBUTE, mode.name());
        setAttribute.accept(XML_ATTRIBUTE, file);
        setAttribute.accept(ORIGIN_ATTRIBUTE, "");
    }

    /** The context's scratch directory in {@code mode}: a generating dry run gets one of its own, since its stop deletes it. */
    public static Path tempDirectory(Mode mode, Path tmpDir) {
        return mode == Mode.GENERATE ? tmpDir.resolve("quickstart") : tmpDir;
    }

    /** The WAR's handler: from {@code file} when there is one (generated first if missing), else as usual. */
    public static Handler handler(Optional<Path> file, Contexts contexts) {
        if (file.isEmpty() || Files.exists(unusable(file.get()))) return contexts.create(Mode.NORMAL, null);
        Path xml = file.get();
        if (!Files.isRegularFile(xml)) generate(xml, contexts);
        if (!Files.isRegularFile(xml)) return contexts.create(Mode.NORMAL, null);
        log.info("Quickstart: starting from {}", xml);
        return new Fallback(xml, contexts);
    }

    private static Path unusable(Path xml) {
        return xml.resolveSibling(xml.getFileName() + ".unusable");
    }

    /** Jetty's generator in a dry run on a server of its own: it resolves the metadata, writes, and stops. */
    private static void generate(Path xml, Contexts contexts) {
        long started = System.nanoTime();
        Path partial = xml.resolveSibling(xml.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Server server = new Server();
        server.setDryRun(true);
        try {
            server.setHandler(contexts.create(Mode.GENERATE, partial));
            server.start(); // a dry run: the context configures, the generator writes, and the start stops there
            if (!Files.isRegularFile(partial)) throw new IOException("Jetty's generator wrote nothing");
            Files.move(partial, xml, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info("Quickstart: wrote {} in {} ms ({} KB); this worker and later ones start from it instead of scanning the WAR",
                    xml, (System.nanoTime() - started) / 1_000_000, Files.size(xml) >> 10);
        } catch (Exception e) {
            // set aside like a file that failed, or every later worker would pay the same dry run for nothing
            log.warn("Quickstart: cannot write {} ({}); this worker and later ones start the WAR without it ({} says so)",
                    xml, rootCause(e), unusable(xml).getFileName());
            try {
                Files.writeString(unusable(xml), rootCause(e) + "\n");
            } catch (IOException markFailed) {
                log.debug("cannot write {}: {}", unusable(xml), markFailed.getMessage());
            }
        } finally {
            stopQuietly(server);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                log.debug("cannot delete {}: {}", partial, e.getMessage());
            }
        }
    }

    /** A context that failed half-way can fail its stop too (Jetty's JNDI configuration unbinds what it never bound). */
    private static void stopQuietly(Object lifeCycle) {
        try {
            LifeCycle.stop(lifeCycle);
        } catch (RuntimeException e) {
            log.debug("stopping {} after a failed start: {}", lifeCycle, e.toString());
        }
    }

    static String rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static boolean isUnusable(Throwable t) {
        for (; t != null; t = t.getCause() == t ? null : t.getCause()) if (t instanceof Unusable) return true;
        return false;
    }

    /**
     * The context started from the file, and if reading the file fails (before any of the WAR's code ran),
     * a context started as usual in its place, in the same start.
     */
    static final class Fallback extends Handler.Wrapper {
        private final Path xml;
        private final Contexts contexts;

        Fallback(Path xml, Contexts contexts) {
            super(contexts.create(Mode.QUICKSTART, xml));
            this.xml = xml;
            this.contexts = contexts;
        }

        @Override
        protected void doStart() throws Exception {
            try {
                super.doStart();
            } catch (Exception e) {
                if (!isUnusable(e)) throw e;
                log.warn("Quickstart: {} did not start the WAR ({}); set aside as {}, this worker and later ones start the WAR without it",
                        xml, rootCause(e), unusable(xml).getFileName());
                try {
                    Files.move(xml, unusable(xml), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    log.warn("Quickstart: cannot set aside {}: {}", xml, moveFailed.getMessage());
                }
                stopQuietly(getHandler());
                setHandler(contexts.create(Mode.NORMAL, null));
                super.doStart();
            }
        }
    }
}
