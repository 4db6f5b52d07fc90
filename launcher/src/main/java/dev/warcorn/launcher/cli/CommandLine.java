package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code warcorn} command line, built from {@link Settings#ALL} with picocli's programmatic API.
 * Every option is taken as text and parsed by its {@link Setting}, so that errors read the same
 * whatever the setting's type.
 */
public final class CommandLine {

    /** What the command line asks for. */
    public sealed interface Outcome {
        /** Serve the WAR with this configuration. */
        record Run(Config config) implements Outcome {
        }

        /** Print {@code text} (help, version, or an error) and exit with {@code code}. */
        record Exit(ExitCode code, String text) implements Outcome {
        }
    }

    private CommandLine() {
    }

    public static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("warcorn").mixinStandardHelpOptions(true).version("warcorn " + version());
        spec.usageMessage()
                .description("Runs a servlet WAR in N supervised worker JVMs that share one listening socket.")
                .footer("", "Signals to the master: TERM graceful stop, INT quick stop, TTIN/TTOU one worker more/less.",
                        "Exit codes: " + exitCodes());
        for (Setting<?> s : Settings.ALL) {
            spec.addOption(OptionSpec.builder(s.flags().toArray(String[]::new))
                    .paramLabel(s.label())
                    .type(s.repeatable() ? List.class : String.class)
                    .auxiliaryTypes(String.class)
                    .description(s.help() + (s.defaultText() == null ? "" : " (default: " + s.defaultText() + ")"))
                    .build());
        }
        spec.addPositional(PositionalParamSpec.builder().paramLabel("WAR").arity("1").type(String.class)
                .description("The WAR file or exploded WAR directory to serve.").build());
        return spec;
    }

    public static Outcome parse(String... args) {
        CommandSpec spec = spec();
        picocli.CommandLine cl = new picocli.CommandLine(spec);
        ParseResult result;
        try {
            result = cl.parseArgs(args);
        } catch (ParameterException e) {
            return new Outcome.Exit(ExitCode.USAGE, "warcorn: " + e.getMessage() + "\nTry 'warcorn --help' for the options and their defaults.");
        }
        if (result.isUsageHelpRequested()) return new Outcome.Exit(ExitCode.OK, cl.getUsageMessage());
        if (result.isVersionHelpRequested()) return new Outcome.Exit(ExitCode.OK, "warcorn " + version());
        try {
            return new Outcome.Run(toConfig(result));
        } catch (ConfigException e) {
            return new Outcome.Exit(ExitCode.USAGE, "warcorn: " + e.getMessage());
        }
    }

    private static Config toConfig(ParseResult result) throws ConfigException {
        Map<Setting<?>, List<String>> raw = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            OptionSpec o = result.matchedOption(s.flags().getLast());
            List<String> values = new ArrayList<>();
            if (o != null) {
                if (s.repeatable()) values.addAll(o.<List<String>>getValue());
                else values.add(o.getValue());
            }
            raw.put(s, values);
        }
        return new Config(
                Path.of(result.matchedPositional(0).<String>getValue()),
                all(raw, Settings.BIND),
                one(raw, Settings.WORKERS),
                one(raw, Settings.WORKER_CLASS),
                one(raw, Settings.THREADS),
                one(raw, Settings.WORKER_CONNECTIONS),
                one(raw, Settings.BACKLOG),
                one(raw, Settings.TIMEOUT),
                one(raw, Settings.BOOT_TIMEOUT),
                one(raw, Settings.GRACEFUL_TIMEOUT),
                one(raw, Settings.KEEP_ALIVE),
                optional(raw, Settings.PID),
                one(raw, Settings.CONTEXT_PATH),
                optional(raw, Settings.EE),
                all(raw, Settings.JVM_OPT),
                one(raw, Settings.HEAP));
    }

    private static <T> T one(Map<Setting<?>, List<String>> raw, Setting<T> s) throws ConfigException {
        List<String> given = raw.get(s);
        if (!given.isEmpty()) return s.parse(given.getLast(), true);
        return s.parse(s.defaultText(), false);
    }

    private static <T> Optional<T> optional(Map<Setting<?>, List<String>> raw, Setting<T> s) throws ConfigException {
        List<String> given = raw.get(s);
        return given.isEmpty() ? Optional.empty() : Optional.of(s.parse(given.getLast(), true));
    }

    private static <T> List<T> all(Map<Setting<?>, List<String>> raw, Setting<T> s) throws ConfigException {
        List<String> given = raw.get(s).isEmpty() && s.defaultText() != null ? List.of(s.defaultText()) : raw.get(s);
        List<T> out = new ArrayList<>();
        for (String g : given) out.add(s.parse(g, !raw.get(s).isEmpty()));
        return out;
    }

    static String version() {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static String exitCodes() {
        return java.util.Arrays.stream(ExitCode.values()).map(c -> c.code() + " " + c.name())
                .collect(java.util.stream.Collectors.joining(", ", "", "."));
    }
}
