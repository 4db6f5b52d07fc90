package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.ConfigFile;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the documents made from the settings registry, so that none can drift from the code:
 * {@code settings.md} (committed as {@code docs/settings.md}; {@code DocsTest} fails when it is stale),
 * the man page {@code man/warcorn.1} and the bash completion script {@code completion/warcorn.bash}.
 * The distribution's build runs it: {@code Docs OUTPUT_DIRECTORY}.
 */
public final class Docs {
    /** How to bring {@code docs/settings.md} up to date; also printed by the test that checks it. */
    public static final String REGENERATE = "./mvnw -B -q package -Dmaven.test.skip=true -pl dist -am"
            + " && cp dist/target/generated/settings.md docs/settings.md";

    private Docs() {
    }

    /** Writes the three documents under the directory given as the only argument. Never exits the JVM (Maven runs it in its own). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: Docs OUTPUT_DIRECTORY");
        Path out = Path.of(args[0]);
        write(out.resolve("settings.md"), settingsMarkdown());
        write(out.resolve("man/warcorn.1"), manPage());
        write(out.resolve("completion/warcorn.bash"), bashCompletion());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    // === docs/settings.md ===

    public static String settingsMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Settings\n\n")
          .append("<!-- Generated from Settings.ALL by dev.warcorn.launcher.cli.Docs; do not edit. To regenerate:\n")
          .append("     ").append(REGENERATE).append(" -->\n\n")
          .append("Every setting can be given in three places; the first one that has it wins:\n\n")
          .append("1. the command line: `--workers 4` or `--workers=4`;\n")
          .append("2. the environment variable `").append(CommandLine.ENV_ARGS).append("`, in command-line syntax:\n")
          .append("   `").append(CommandLine.ENV_ARGS).append("=\"--workers 4 --heap 256m\"`;\n")
          .append("3. the config file given with `-c FILE`, else `./").append(CommandLine.DEFAULT_CONFIG_FILE)
          .append("` when it exists: `key = value` lines whose keys are\n")
          .append("   the long option names (`workers = 4`), `#` comments, and `").append(ConfigFile.WAR_KEY)
          .append(" = PATH` for the WAR. Relative paths are\n")
          .append("   taken relative to the file. See `config-examples/warcorn.conf`.\n\n")
          .append("A repeatable setting takes every value of the one place that wins (one line per value in the config\n")
          .append("file). Durations are seconds, or a number with a unit: `500ms`, `30s`, `2m`.\n\n");

        md.append("| setting | flags | default |\n|---|---|---|\n");
        for (var group : Settings.byGroup().entrySet()) {
            md.append("| **").append(group.getKey().title()).append("** | | |\n");
            for (Setting<?> s : group.getValue())
                md.append("| [").append(s.name()).append("](#").append(s.name()).append(") | ")
                  .append(cell(String.join(", ", s.flags()) + " " + s.label())).append(" | ")
                  .append(s.defaultText() == null ? "" : cell(s.defaultText())).append(" |\n");
        }

        for (Setting<?> s : Settings.byGroup().values().stream().flatMap(List::stream).toList()) {
            md.append("\n## ").append(s.name()).append("\n\n");
            md.append(s.flags().stream().map(f -> "`" + f + " " + s.label() + "`").collect(Collectors.joining(", ")));
            md.append(" · config file: `").append(s.name()).append(" = ").append(s.label()).append("`");
            md.append(" · default: ").append(s.defaultText() == null ? "none" : "`" + s.defaultText() + "`");
            if (s.repeatable()) md.append(" · repeatable");
            md.append("\n\n").append(prose(s.help())).append("\n");
        }

        md.append("\n## Other options\n\nThese act on the command line only.\n\n| option | meaning |\n|---|---|\n");
        for (OptionSpec o : otherOptions())
            md.append("| ").append(cell(String.join(", ", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : "")))
              .append(" | ").append(prose(String.join(" ", o.description())).replace("|", "\\|")).append(" |\n");

        md.append("\n## Exit codes\n\n| code | name | meaning |\n|---|---|---|\n");
        for (ExitCode c : ExitCode.values())
            md.append("| ").append(c.code()).append(" | `").append(c.name()).append("` | ").append(prose(c.meaning())).append(" |\n");
        return md.toString();
    }

    /** A value in a table cell: code, with the pipe escaped as tables need. */
    private static String cell(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }

    /** Help text as Markdown: {@code <element>} names would be read as HTML, so they become code. */
    private static String prose(String text) {
        return text.replaceAll("<([^<>\\s]+)>", "`<$1>`");
    }

    /** The options that are not settings: -c, --check-config, --print-config, --help, --version. */
    private static List<OptionSpec> otherOptions() {
        return Help.otherOptions(CommandLine.spec());
    }

    // === man/warcorn.1 ===

    /** The man page in troff (man macros). picocli-codegen writes AsciiDoc, which would need Asciidoctor. */
    public static String manPage() {
        CommandSpec spec = CommandLine.spec();
        StringBuilder man = new StringBuilder();
        man.append(".\\\" Generated from the warcorn command line by dev.warcorn.launcher.cli.Docs; do not edit.\n")
           .append(".TH WARCORN 1 \"\" \"").append(troff(spec.version()[0])).append("\" \"User Commands\"\n")
           .append(".SH NAME\nwarcorn \\- run a servlet WAR in supervised worker JVMs that share one socket\n")
           .append(".SH SYNOPSIS\n.B warcorn\n[\\fIOPTION\\fR]... [\\fIWAR\\fR]\n")
           .append(".SH DESCRIPTION\n").append(troff(String.join(" ", spec.usageMessage().description()))).append("\n")
           .append(".PP\nThe master process binds the listening socket, starts the worker JVMs with the socket\n")
           .append("inherited, restarts workers that die or go silent, and never serves requests itself.\n");
        for (String line : spec.usageMessage().footer()) {
            if (line.isBlank()) man.append(".PP\n");
            else man.append(troff(line)).append("\n");
        }
        man.append(".SH OPTIONS\n");
        Map<String, OptionSpec> byFlag = new HashMap<>();
        spec.options().forEach(o -> byFlag.put(o.longestName(), o));
        for (var group : Settings.byGroup().entrySet()) {
            man.append(".SS ").append(troff(group.getKey().title())).append("\n");
            for (Setting<?> s : group.getValue()) manOption(man, byFlag.get(s.flags().getLast()));
        }
        man.append(".SS Other options\n");
        for (OptionSpec o : Help.otherOptions(spec)) manOption(man, o);
        man.append(".SS Arguments\n");
        man.append(".TP\n\\fIWAR\\fR\n").append(troff(String.join(" ", spec.positionalParameters().getFirst().description()))).append("\n");
        man.append(".SH EXIT STATUS\n");
        for (ExitCode c : ExitCode.values())
            man.append(".TP\n.B ").append(c.code()).append("\n").append(c.name()).append(": ").append(troff(c.meaning())).append("\n");
        man.append(".SH FILES\n.TP\n.I ./").append(CommandLine.DEFAULT_CONFIG_FILE).append("\n")
           .append("Read when no \\fB\\-c\\fR is given and the file exists.\n")
           .append(".SH EXAMPLES\n.nf\nwarcorn \\-b 127.0.0.1:8000 \\-w 4 app.war\nwarcorn \\-c /etc/warcorn/warcorn.conf\n.fi\n")
           .append(".SH SEE ALSO\n.BR systemd.service (5),\n.BR systemd.socket (5)\n");
        return man.toString();
    }

    private static void manOption(StringBuilder man, OptionSpec o) {
        man.append(".TP\n");
        man.append(o.names().length == 0 ? "" : java.util.Arrays.stream(o.names())
                .map(n -> "\\fB" + troff(n) + "\\fR").collect(Collectors.joining(", ")));
        if (o.arity().max() > 0) man.append(" \\fI").append(troff(o.paramLabel())).append("\\fR");
        man.append("\n").append(troff(String.join(" ", o.description()).replace("%%", "%"))).append("\n"); // %% is for picocli's String.format
    }

    /** Text for troff: backslashes escaped, hyphens as minus signs (so options can be searched and copied), no control lines. */
    static String troff(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

    // === completion/warcorn.bash ===

    /** picocli's bash (and zsh) completion script for the programmatic command spec. */
    public static String bashCompletion() {
        return AutoComplete.bash("warcorn", new picocli.CommandLine(CommandLine.spec()));
    }
}
