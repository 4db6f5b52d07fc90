package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DocsTest {
    @TempDir
    Path tmp;

    private static List<String> everyFlag() {
        return CommandLine.spec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList();
    }

    @Test
    void committed_settings_page_is_what_docs_generates_from_the_settings() throws IOException {
        Path committed = repositoryRoot().resolve("docs/settings.md");
        if (!Files.exists(committed)) fail("docs/settings.md is missing; generate it from the repository root with:\n  " + Docs.REGENERATE);
        List<String> want = Docs.settingsMarkdown().lines().toList();
        List<String> have = Files.readString(committed).lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end of file)";
            String h = i < have.size() ? have.get(i) : "(end of file)";
            if (!w.equals(h))
                fail("docs/settings.md is out of date with Settings.ALL; regenerate it from the repository root with:\n  "
                        + Docs.REGENERATE + "\nfirst difference, line " + (i + 1) + ":\n  committed: " + h + "\n  generated: " + w);
        }
    }

    @Test
    void settings_page_has_a_section_per_setting_and_a_row_per_exit_code() {
        String md = Docs.settingsMarkdown();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(md.contains("\n## " + s.name() + "\n"), "no section for " + s.name());
            assertTrue(md.contains("config file: `" + s.name() + " = "), "no config-file key for " + s.name());
        }
        for (ExitCode c : ExitCode.values())
            assertTrue(md.contains("| " + c.code() + " | `" + c.name() + "` | " + c.meaning() + " |"), "no row for exit code " + c);
    }

    @Test
    void settings_page_shows_element_names_in_help_as_code_not_as_html() {
        assertTrue(Docs.settingsMarkdown().contains("`<login-config>`"));
    }

    @Test
    void man_page_describes_every_option_and_exit_code() {
        String man = Docs.manPage();
        for (String flag : everyFlag()) assertTrue(man.contains("\\fB" + Docs.troff(flag) + "\\fR"), "the man page lacks " + flag);
        for (ExitCode c : ExitCode.values()) assertTrue(man.contains(".B " + c.code() + "\n" + c.name() + ": "), "the man page lacks exit code " + c);
        assertTrue(man.startsWith(".\\\" Generated"), "a man page opens with a comment or .TH");
    }

    @Test
    void troff_text_cannot_start_a_control_line_or_an_escape() {
        assertEquals("\\&.hidden \\e \\-x", Docs.troff(".hidden \\ -x"));
        assertEquals("\\&'quoted", Docs.troff("'quoted"));
    }

    @Test
    void man_page_formats_without_warnings() throws Exception {
        Optional<Path> groff = onPath("groff");
        assumeTrue(groff.isPresent(), "groff is not installed (Debian package groff-base); the man page was not formatted");
        Path page = Files.writeString(tmp.resolve("warcorn.1"), Docs.manPage());
        Result r = run(groff.get().toString(), "-man", "-Tutf8", "-ww", "-z", page.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("", r.output(), "groff warnings");
    }

    @Test
    void completion_script_offers_every_flag() {
        String script = Docs.bashCompletion();
        for (String flag : everyFlag()) assertTrue(script.contains(flag), "the completion script lacks " + flag);
    }

    @Test
    void completion_script_completes_a_flag_prefix_in_bash() throws Exception {
        Optional<Path> bash = onPath("bash");
        assumeTrue(bash.isPresent(), "bash is not installed");
        Path script = Files.writeString(tmp.resolve("warcorn.bash"), Docs.bashCompletion());
        // Calls the completion function as bash would for "warcorn --work<TAB>".
        Result r = run(bash.get().toString(), "-c", "source \"$0\" 2>/dev/null; COMP_LINE='warcorn --work'; COMP_POINT=${#COMP_LINE};"
                + " COMP_WORDS=(warcorn --work); COMP_CWORD=1; _picocli_warcorn 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString());
        assertEquals(0, r.exitCode(), r.output());
        List<String> offered = r.output().lines().sorted().toList();
        List<String> expected = everyFlag().stream().filter(f -> f.startsWith("--work")).sorted().toList();
        assertEquals(expected, offered);
    }

    @Test
    void main_writes_the_settings_page_man_page_and_completion_under_the_directory_given() throws IOException {
        Docs.main(new String[] {tmp.resolve("out").toString()});
        assertEquals(Docs.settingsMarkdown(), Files.readString(tmp.resolve("out/settings.md")));
        assertEquals(Docs.manPage(), Files.readString(tmp.resolve("out/man/warcorn.1")));
        assertEquals(Docs.bashCompletion(), Files.readString(tmp.resolve("out/completion/warcorn.bash")));
    }

    @Test
    void options_that_are_not_settings_are_documented_too() {
        String md = Docs.settingsMarkdown();
        for (OptionSpec o : CommandLine.spec().options())
            assertTrue(md.contains(o.longestName()), "docs/settings.md lacks " + o.longestName());
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(tmp, "output", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command[0] + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(output));
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) return dir;
        throw new IllegalStateException("no repository root (mvnw and docs/) above " + Path.of("").toAbsolutePath());
    }
}
