package dev.warcorn.launcher.reload;

import dev.warcorn.launcher.supervisor.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real WatchService (inotify) on temporary trees; each wait is bounded, none orders events by sleeping. */
class ChangeWatcherTest {
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @TempDir
    Path tmp;

    private Event.FilesChanged next() throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no change reported within 10 s");
        return assertInstanceOf(Event.FilesChanged.class, e);
    }

    @Test
    void a_burst_of_changes_in_an_exploded_war_counts_once_even_in_a_directory_created_meanwhile() throws Exception {
        Path war = Files.createDirectories(tmp.resolve("app/WEB-INF/classes"));
        try (ChangeWatcher w = ChangeWatcher.start(List.of(tmp.resolve("app")), events)) {
            Path pkg = Files.createDirectories(war.resolve("com/example"));
            for (int i = 0; i < 5; i++) Files.writeString(pkg.resolve("C" + i + ".class"), "x");
            Event.FilesChanged changed = next();
            assertTrue(changed.paths().contains(war.resolve("com")), changed.paths().toString());
            Event extraEvent = events.poll(ChangeWatcher.QUIET.toMillis() * 3, TimeUnit.MILLISECONDS);
            assertNull(extraEvent, "one event for the burst, first " + changed.paths() + " then " + extraEvent);
            Files.writeString(pkg.resolve("C0.class"), "changed");
            assertTrue(next().paths().contains(pkg.resolve("C0.class")), "the new directory is watched too");
        }
    }

    @Test
    void a_war_file_is_watched_by_name_and_seen_when_a_new_one_is_renamed_over_it() throws Exception {
        Path war = Files.writeString(tmp.resolve("app.war"), "old");
        Path extra = Files.writeString(tmp.resolve("realm.properties"), "a: b");
        try (ChangeWatcher w = ChangeWatcher.start(List.of(war, extra), events)) {
            Files.writeString(tmp.resolve("unrelated.txt"), "x");
            assertNull(events.poll(ChangeWatcher.QUIET.toMillis() * 3, TimeUnit.MILLISECONDS), "other files in the directory do not count");
            Path fresh = Files.writeString(tmp.resolve(".app.war.tmp"), "new");
            Files.move(fresh, war, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(List.of(war), next().paths().stream().distinct().toList());
            Files.writeString(extra, "a: c");
            assertEquals(List.of(extra), next().paths().stream().distinct().toList());
        }
    }
}
