package dev.warcorn.launcher.config;

import java.util.List;

/**
 * A server hook's command line, split into words once, at start. It is run directly, not through a
 * shell: a value that wants pipes, redirections or variables says so itself ({@code sh -c '...'}).
 * That keeps a path with spaces or a quote from being re-interpreted, and the hook's exit status is
 * the program's own, not a shell's.
 */
public record HookCommand(String raw, List<String> argv) {
    public HookCommand {
        argv = List.copyOf(argv);
    }

    static HookCommand parse(String raw) {
        if (Words.unterminatedQuote(raw)) throw new IllegalArgumentException("a quote is not closed; close it, or quote the whole value in the config file");
        String[] words = Words.split(raw);
        if (words.length == 0) throw new IllegalArgumentException("empty; give a command, e.g. /usr/local/bin/notify or sh -c 'echo $WARCORN_HOOK >> /tmp/hooks'");
        return new HookCommand(raw, List.of(words));
    }

    @Override
    public String toString() {
        return raw;
    }
}
