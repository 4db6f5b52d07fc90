package dev.warcorn.launcher.supervisor;

import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;

/** Reads the configuration again for a reload (HUP): the same command line, environment and file. */
@FunctionalInterface
public interface ConfigSource {
    /**
     * @param current the configuration the workers run now, whose TLS files are checked when the new one
     *                cannot be read (a --certfile that no longer exists is both)
     */
    Config reload(Config current) throws ConfigException, FilesUnusable;

    /**
     * The files every replacement would read when it boots (the TLS certificate and key) cannot be used:
     * replacing the workers would take down a pool that serves, so the reload keeps them. The message names
     * the setting, the file and what is wrong.
     */
    final class FilesUnusable extends Exception {
        public FilesUnusable(String message) {
            super(message);
        }
    }
}
