package dev.warcorn.launcher.config;

import java.util.ArrayList;
import java.util.List;

/** Words of a command line, as {@code WARCORN_CMD_ARGS} and the hook settings are written. */
public final class Words {
    private Words() {
    }

    /**
     * Splits {@code WARCORN_CMD_ARGS} (and a hook's command) as a POSIX shell would split plain words, '…'
     * and "…": quotes and backslashes, nothing else (no variables, globs or redirections).
     */
    public static String[] split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < line.length()) word.append(line.charAt(++i));
                else word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                if (c == '\'' || c == '"') quote = c;
                else if (c == '\\' && i + 1 < line.length()) word.append(line.charAt(++i));
                else word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words.toArray(String[]::new);
    }

    /** Whether {@code line} leaves a quote open, which {@link #split} would silently close. */
    static boolean unterminatedQuote(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"') i++;
            } else if (c == '\'' || c == '"') quote = c;
            else if (c == '\\') i++;
        }
        return quote != 0;
    }
}
