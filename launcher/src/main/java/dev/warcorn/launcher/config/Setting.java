package dev.warcorn.launcher.config;

import java.util.List;
import java.util.function.Function;

/**
 * One setting, declared once. The command line, {@code --help} and the settings reference are all made
 * from these declarations, so a knob cannot exist in one and be missing from another.
 *
 * @param name        long name without dashes; also the key in messages ({@code workers=0: ...})
 * @param group       its section in {@code --help}, the man page and the settings page
 * @param shortFlag   e.g. {@code -w}, or {@code null}
 * @param label       placeholder in help, e.g. {@code INT}
 * @param defaultText the default as the user would type it, or {@code null} for none
 * @param repeatable  may be given several times; the value is then a list
 * @param help        one line for {@code --help}
 * @param parser      turns one raw value into a typed one; throws {@link IllegalArgumentException} whose
 *                    message is the rule that was broken
 */
public record Setting<T>(String name, Group group, String shortFlag, String label, String defaultText, boolean repeatable,
                         String help, Function<String, T> parser) {
    /** The label of an on/off setting: on the command line the flag alone means true ({@code --log-json}). */
    public static final String ON_OFF = "true|false";

    public boolean onOff() {
        return ON_OFF.equals(label);
    }

    public List<String> flags() {
        return shortFlag == null ? List.of("--" + name) : List.of(shortFlag, "--" + name);
    }

    /**
     * Parses one raw value. The error says {@code --name=value: rule} for a value from the command line
     * and {@code name=value: rule} for one from elsewhere, so the user sees it the way they wrote it.
     */
    public T parse(String raw, boolean fromCommandLine) throws ConfigException {
        try {
            return parser.apply(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException((fromCommandLine ? "--" : "") + name + "=" + raw + ": " + e.getMessage());
        }
    }
}
