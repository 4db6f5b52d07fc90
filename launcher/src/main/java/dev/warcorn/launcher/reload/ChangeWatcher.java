package dev.warcorn.launcher.reload;

import dev.warcorn.launcher.supervisor.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * --reload: watches the WAR (a file, or an exploded directory with its classes, JSPs and WEB-INF/lib)
 * and every --reload-extra-file with the JDK's WatchService, which is inotify on Linux: nothing is polled,
 * so an idle watch costs nothing. inotify watches one directory, not a tree, so every directory of an
 * exploded WAR is registered, and directories created later as they appear. A file is watched through
 * its parent directory, its own name filtering the events (an IDE or Maven replaces a WAR by renaming a
 * new one over it, which a watch on the file itself would lose).
 * <p>
 * A rebuild writes many files over a second or so; the watcher waits until nothing changed for
 * {@link #QUIET}, then posts one {@link Event.FilesChanged}: the supervisor replaces the workers as HUP does.
 */
public final class ChangeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeWatcher.class);
    /** How long nothing must change before a batch of changes counts as one. */
    public static final Duration QUIET = Duration.ofMillis(500);

    private final WatchService watch;
    private final BlockingQueue<Event> events;
    /** Watched directory to the names in it that count, or {@code null} for every entry (a watched tree). */
    private final Map<Path, Set<String>> names = new HashMap<>();
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Set<Path> trees = new LinkedHashSet<>();
    private final Thread thread;

    private ChangeWatcher(List<Path> paths, BlockingQueue<Event> events) throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        this.events = events;
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                trees.add(abs);
                registerTree(abs);
            } else {
                Path dir = abs.getParent();
                names.computeIfAbsent(dir, d -> new LinkedHashSet<>()).add(abs.getFileName().toString());
                register(dir);
            }
        }
        this.thread = Thread.ofPlatform().daemon().name("warcorn-reload-watch").unstarted(this::run);
    }

    /** Starts watching {@code paths}; changes arrive on {@code events}. */
    public static ChangeWatcher start(List<Path> paths, BlockingQueue<Event> events) throws IOException {
        ChangeWatcher w = new ChangeWatcher(paths, events);
        w.thread.start();
        log.info("--reload: watching {} ({} directories)", paths, w.keys.size());
        return w;
    }

    /**
     * Registers {@code dir}, then lists it: a subdirectory created before the registration is in the
     * listing, one created after it is an event. ({@code Files.walk} lists a directory before handing it
     * out, so a directory created in between was missed: a package directory an IDE makes in a burst.)
     */
    private void registerTree(Path dir) throws IOException {
        register(dir);
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        for (Path child : children) registerTree(child);
    }

    private void register(Path dir) throws IOException {
        WatchKey key = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        keys.put(key, dir);
    }

    private boolean inTree(Path p) {
        return trees.stream().anyMatch(p::startsWith);
    }

    private void run() {
        try {
            while (true) {
                List<Path> changed = new ArrayList<>();
                collect(watch.take(), changed);
                // the quiet period: keep collecting until nothing arrives for QUIET
                for (WatchKey k; (k = watch.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null; ) collect(k, changed);
                if (changed.isEmpty()) continue;
                log.info("--reload: {} change{} ({}{}); replacing the workers", changed.size(), changed.size() == 1 ? "" : "s",
                        changed.getFirst(), changed.size() > 1 ? ", ..." : "");
                events.add(new Event.FilesChanged(List.copyOf(changed)));
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed at stop
        }
    }

    private void collect(WatchKey key, List<Path> changed) {
        Path dir = keys.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add(dir);
                continue;
            }
            Path child = dir.resolve((Path) e.context());
            if (inTree(child)) {
                if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                    try {
                        registerTree(child); // a new package directory: its files were perhaps written before this
                    } catch (IOException x) {
                        log.warn("--reload: cannot watch {}: {}", child, x.getMessage());
                    }
                }
                changed.add(child);
            } else if (names.getOrDefault(dir, Set.of()).contains(child.getFileName().toString())) {
                changed.add(child);
            }
        }
        if (!key.reset()) keys.remove(key); // the directory is gone
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
