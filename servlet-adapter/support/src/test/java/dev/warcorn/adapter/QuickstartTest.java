package dev.warcorn.adapter;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decisions of {@link Quickstart}, with fake contexts in place of a WAR's (QuickstartIT runs real ones). */
class QuickstartTest {
    @TempDir
    Path dir;

    /** Contexts that record what was asked for; a generating one writes {@code written} unless it is null. */
    private static final class Fake implements Quickstart.Contexts {
        final List<String> made = new ArrayList<>();
        String written = "<web-app/>";
        Exception quickstartFails;

        @Override
        public Handler create(Quickstart.Mode mode, Path file) {
            made.add(mode.name());
            return new Handler.Abstract() {
                @Override
                protected void doStart() throws Exception {
                    if (mode == Quickstart.Mode.GENERATE && written != null) Files.writeString(file, written);
                    if (mode == Quickstart.Mode.QUICKSTART && quickstartFails != null)
                        Quickstart.stage(mode, () -> {
                            throw quickstartFails;
                        });
                    super.doStart();
                }

                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    return false;
                }
            };
        }
    }

    private static void start(Handler handler) throws Exception {
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server();
        server.setHandler(handler);
        try {
            server.start();
        } finally {
            server.stop();
        }
    }

    @Test
    void without_a_file_the_war_starts_as_usual() {
        Fake fake = new Fake();
        Quickstart.handler(Optional.empty(), fake);
        assertEquals(List.of("NORMAL"), fake.made);
    }

    @Test
    void a_missing_file_is_written_under_another_name_and_renamed_then_started_from() throws Exception {
        Fake fake = new Fake();
        Path xml = dir.resolve("quickstart-app.war-1.xml");
        Handler handler = Quickstart.handler(Optional.of(xml), fake);
        assertEquals(List.of("GENERATE", "QUICKSTART"), fake.made);
        assertEquals("<web-app/>", Files.readString(xml));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(xml), files.toList(), "no partial file left behind");
        }
        start(handler);
        assertEquals(List.of("GENERATE", "QUICKSTART"), fake.made, "a start from the file needs no second context");
    }

    @Test
    void an_existing_file_is_started_from_without_writing() throws Exception {
        Fake fake = new Fake();
        Path xml = Files.writeString(dir.resolve("q.xml"), "<web-app/>");
        Quickstart.handler(Optional.of(xml), fake);
        assertEquals(List.of("QUICKSTART"), fake.made);
    }

    @Test
    void a_generator_that_writes_nothing_leaves_a_usual_start_now_and_later() {
        Fake fake = new Fake();
        fake.written = null;
        Path xml = dir.resolve("q.xml");
        Quickstart.handler(Optional.of(xml), fake);
        assertEquals(List.of("GENERATE", "NORMAL"), fake.made);
        assertFalse(Files.exists(xml));
        Fake next = new Fake();
        Quickstart.handler(Optional.of(xml), next);
        assertEquals(List.of("NORMAL"), next.made, "a later worker does not pay the same dry run again");
    }

    @Test
    void a_file_that_fails_its_stages_is_set_aside_and_the_same_start_goes_on_as_usual() throws Exception {
        Fake fake = new Fake();
        fake.quickstartFails = new IllegalArgumentException("not a descriptor");
        Path xml = Files.writeString(dir.resolve("q.xml"), "<web-app");
        Handler handler = Quickstart.handler(Optional.of(xml), fake);
        start(handler);
        assertEquals(List.of("QUICKSTART", "NORMAL"), fake.made);
        assertFalse(Files.exists(xml));
        assertTrue(Files.exists(dir.resolve("q.xml.unusable")));

        Fake next = new Fake();
        Quickstart.handler(Optional.of(xml), next);
        assertEquals(List.of("NORMAL"), next.made, "a file set aside is neither tried nor written again");
    }

    @Test
    void a_failure_outside_the_marked_stages_is_the_wars_own_and_is_not_retried() throws Exception {
        Path xml = Files.writeString(dir.resolve("q.xml"), "<web-app/>");
        List<String> made = new ArrayList<>();
        Handler handler = Quickstart.handler(Optional.of(xml), (mode, file) -> {
            made.add(mode.name());
            return new Handler.Abstract() {
                @Override
                protected void doStart() {
                    throw new IllegalStateException("the WAR's listener failed");
                }

                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    return false;
                }
            };
        });
        Exception e = assertThrows(Exception.class, () -> start(handler));
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals(List.of("QUICKSTART"), made);
        assertTrue(Files.exists(xml), "the file stays: it did not fail");
    }

    @Test
    void a_stage_marks_only_a_quickstart_context_s_failures() {
        Exception own = new IllegalStateException("bad web.xml");
        assertThrows(IllegalStateException.class, () -> Quickstart.stage(Quickstart.Mode.NORMAL, () -> {
            throw own;
        }));
        assertThrows(Quickstart.Unusable.class, () -> Quickstart.stage(Quickstart.Mode.QUICKSTART, () -> {
            throw own;
        }));
    }
}
