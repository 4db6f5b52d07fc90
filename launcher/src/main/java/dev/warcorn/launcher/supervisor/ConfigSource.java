package dev.warcorn.launcher.supervisor;

import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;

/** Reads the configuration again for a reload (HUP): the same command line, environment and file. */
@FunctionalInterface
public interface ConfigSource {
    Config reload() throws ConfigException;
}
