package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.ConfigFile;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.config.Words;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code warcorn} command line, built from {@link Settings#ALL} with picocli's programmatic API.
 * Every option is taken as text and parsed by its {@link Setting}, so errors read the same whatever
 * the setting's type. Values come from, highest first: the command line, {@code WARCORN_CMD_ARGS}, the
 * config file ({@code -c}, else {@code ./warcorn.conf} when present), the defaults.
 */
public final class CommandLine {
    public static final String ENV_ARGS = "WARCORN_CMD_ARGS";
    public static final String DEFAULT_CONFIG_FILE = "warcorn.conf";
    private static final String MISSING_WAR = "WAR: missing; give the path of a .war file or an exploded WAR directory (or war = in the config file)";

    /** What to do with a valid configuration. */
    public enum Mode { SERVE, CHECK, PRINT }

    /** What the command line asks for. */
    public sealed interface Outcome {
        /** Serve (or check, or print) this configuration. */
        record Run(Config config, Mode mode) implements Outcome {
        }

        /** Print {@code text} (help, version, or an error) and exit with {@code code}. */
        record Exit(ExitCode code, String text) implements Outcome {
        }
    }

    private CommandLine() {
    }

    public static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("warcorn").mixinStandardHelpOptions(true).version("warcorn " + version());
        List<String> footer = new ArrayList<>(List.of("", "Settings also come from " + ENV_ARGS + " (command-line syntax) and from a config file of",
                "key = value lines (-c, else ./" + DEFAULT_CONFIG_FILE + "); the command line wins, then the environment.",
                "Signals to the master: TERM graceful stop, INT quick stop, TTIN/TTOU one worker more/less.", "Exit codes:"));
        Arrays.stream(ExitCode.values()).forEach(c -> footer.add("  " + c.code() + " " + c.name() + ": " + c.meaning()));
        spec.usageMessage()
                .description("Runs a servlet WAR in N supervised worker JVMs that share one listening socket.")
                .footer(footer.toArray(String[]::new));
        for (Setting<?> s : Settings.ALL) {
            // picocli runs descriptions through String.format: a literal % (--access-logformat's atoms) is written %%
            OptionSpec.Builder option = OptionSpec.builder(s.flags().toArray(String[]::new))
                    .paramLabel(s.label())
                    .type(s.repeatable() ? List.class : String.class)
                    .auxiliaryTypes(String.class)
                    .description((s.help() + (s.defaultText() == null ? "" : " (default: " + s.defaultText() + ")")).replace("%", "%%"));
            // Boolean with an optional value: picocli then takes the next word only if it is true or false
            if (s.onOff()) option.type(Boolean.class).auxiliaryTypes(Boolean.class).arity("0..1").fallbackValue("true");
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder("-c", "--config").paramLabel("FILE").type(String.class)
                .description("Read settings from FILE (key = value lines; see docs/settings.md).").build());
        spec.addOption(OptionSpec.builder("--check-config").arity("0").type(boolean.class)
                .description("Check the settings and the WAR, then exit: 0 when all is well, 2 naming each problem.").build());
        spec.addOption(OptionSpec.builder("--print-config").arity("0").type(boolean.class)
                .description("Print every setting's effective value and where it came from, then exit.").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("WAR").arity("0..1").type(String.class)
                .description("The WAR file or exploded WAR directory to serve (or war = in the config file).").build());
        return spec;
    }

    /** Parses the command line of this process, with its environment and working directory. */
    public static Outcome parse(String... args) {
        return parse(System.getenv(), Path.of(""), args);
    }

    public static Outcome parse(Map<String, String> env, Path workingDir, String... args) {
        picocli.CommandLine cl = new picocli.CommandLine(spec());
        ParseResult cli;
        ParseResult fromEnv;
        try {
            cli = cl.parseArgs(args);
            fromEnv = new picocli.CommandLine(spec()).parseArgs(split(env.getOrDefault(ENV_ARGS, "")));
        } catch (ParameterException e) {
            return usage(e.getMessage());
        }
        if (cli.isUsageHelpRequested()) return new Outcome.Exit(ExitCode.OK, Help.text(cl.getCommandSpec()));
        if (cli.isVersionHelpRequested()) return new Outcome.Exit(ExitCode.OK, "warcorn " + version());
        try {
            List<Config.Layer> layers = new ArrayList<>(List.of(layer(cli, Config.Source.COMMAND_LINE), layer(fromEnv, Config.Source.ENVIRONMENT)));
            Optional<Path> war = positional(cli).or(() -> positional(fromEnv));
            Optional<Path> file = option(cli, "--config").or(() -> option(fromEnv, "--config")).map(Path::of);
            if (file.isEmpty() && Files.isRegularFile(workingDir.resolve(DEFAULT_CONFIG_FILE))) file = Optional.of(workingDir.resolve(DEFAULT_CONFIG_FILE));
            List<String> fileProblems = List.of();
            if (file.isPresent()) {
                ConfigFile.Contents contents = ConfigFile.read(file.get());
                layers.add(contents.layer());
                war = war.or(contents::war);
                fileProblems = contents.problems();
            }
            if (war.isEmpty() && fileProblems.isEmpty()) return usage(MISSING_WAR);
            Config config = resolve(war, layers, fileProblems);
            Mode mode = flag(cli, "--print-config") || flag(fromEnv, "--print-config") ? Mode.PRINT
                    : flag(cli, "--check-config") || flag(fromEnv, "--check-config") ? Mode.CHECK : Mode.SERVE;
            return new Outcome.Run(config, mode);
        } catch (ConfigException e) {
            return new Outcome.Exit(ExitCode.USAGE, e.getMessage().lines().map(l -> "warcorn: " + l).collect(Collectors.joining("\n")));
        }
    }

    /**
     * Every problem at once, as {@code --check-config} promises: the command line's and the environment's
     * first, then the config file's in line order, then a missing WAR.
     */
    private static Config resolve(Optional<Path> war, List<Config.Layer> layers, List<String> fileProblems) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Config config = null;
        try {
            config = Config.resolve(war.orElse(Path.of("")), layers); // without a WAR only its problems count
        } catch (ConfigException e) {
            problems.addAll(e.getMessage().lines().toList());
        }
        problems.addAll(fileProblems);
        if (war.isEmpty()) problems.add(MISSING_WAR);
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
        return config;
    }

    private static Outcome usage(String message) {
        return new Outcome.Exit(ExitCode.USAGE, "warcorn: " + message + "\nTry 'warcorn --help' for the options and their defaults.");
    }

    private static Config.Layer layer(ParseResult result, Config.Source source) {
        Map<Setting<?>, List<String>> raw = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            OptionSpec o = result.matchedOption(s.flags().getLast());
            if (o != null) raw.put(s, s.repeatable() ? o.<List<String>>getValue() : List.of(String.valueOf(o.<Object>getValue())));
        }
        return new Config.Layer(source, raw);
    }

    private static Optional<Path> positional(ParseResult result) {
        return result.matchedPositionals().isEmpty() ? Optional.empty() : Optional.of(Path.of(result.matchedPositional(0).<String>getValue()));
    }

    private static Optional<String> option(ParseResult result, String name) {
        OptionSpec o = result.matchedOption(name);
        return o == null ? Optional.empty() : Optional.of(o.getValue());
    }

    private static boolean flag(ParseResult result, String name) {
        return result.matchedOption(name) != null;
    }

    static String[] split(String line) {
        return Words.split(line);
    }

    static String version() {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** {@code --print-config}: every setting, its effective value and its source. */
    public static String describe(Config config) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-22s = %-40s # %s%n", ConfigFile.WAR_KEY, config.war(), "command line or config file"));
        for (Setting<?> s : Settings.ALL) {
            String value = config.raw(s).isEmpty() ? "(not set)" : String.join(", ", config.raw(s));
            out.append(String.format("%-22s = %-40s # %s%n", s.name(), value, config.source(s).name().toLowerCase().replace('_', ' ')));
        }
        return out.toString();
    }
}
