package dev.warcorn.launcher.config;

/** A bad setting or argument. Its message names the setting, the value, the rule and the next step. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
