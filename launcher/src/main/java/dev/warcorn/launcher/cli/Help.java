package dev.warcorn.launcher.cli;

import dev.warcorn.launcher.config.Group;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --help}, laid out the way Gunicorn's settings documentation is: a short synopsis, then the
 * settings section by section ({@link Group}), each with its default, then the options that are not
 * settings. Made from the same {@link Settings} and picocli spec as the parser, the man page and the
 * settings page; picocli's own usage text would list all fifty-odd options in one synopsis line.
 */
final class Help {
    static final int WIDTH = 100;
    private static final int FLAGS = 34;

    private Help() {
    }

    static String text(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: warcorn [OPTION]... [WAR]\n")
           .append(String.join(" ", spec.usageMessage().description())).append("\n\n");
        row(out, "WAR", String.join(" ", spec.positionalParameters().getFirst().description()));
        for (Map.Entry<Group, List<Setting<?>>> g : Settings.byGroup().entrySet()) {
            out.append("\n").append(g.getKey().title()).append(":\n");
            for (Setting<?> s : g.getValue())
                row(out, String.join(", ", s.flags()) + (s.onOff() ? "[=" + s.label() + "]" : " " + s.label()),
                        s.help() + (s.defaultText() == null ? "" : " (default: " + s.defaultText() + ")"));
        }
        out.append("\nOther options:\n");
        for (OptionSpec o : otherOptions(spec))
            row(out, String.join(", ", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : ""), String.join(" ", o.description()));
        for (String line : spec.usageMessage().footer()) out.append(line).append("\n");
        return out.toString();
    }

    /** The options that are not settings: -c, --check-config, --print-config, --help, --version. */
    static List<OptionSpec> otherOptions(CommandSpec spec) {
        Set<String> settingFlags = Settings.ALL.stream().flatMap(s -> s.flags().stream()).collect(Collectors.toSet());
        return spec.options().stream().filter(o -> !settingFlags.contains(o.longestName())).toList();
    }

    /** {@code  FLAGS  text}, the text wrapped at {@link #WIDTH}; flags too long for their column get a line of their own. */
    private static void row(StringBuilder out, String flags, String text) {
        String left = "  " + flags;
        List<String> lines = wrap(text, WIDTH - FLAGS);
        if (left.length() >= FLAGS - 1) {
            out.append(left).append("\n");
        } else {
            out.append(left).append(" ".repeat(FLAGS - left.length())).append(lines.removeFirst()).append("\n");
        }
        for (String l : lines) out.append(" ".repeat(FLAGS)).append(l).append("\n");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
