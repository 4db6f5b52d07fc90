package dev.warcorn.launcher.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value parsers whose exceptions carry the rule only; {@link Setting#parse} adds the name and value. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg])?b?");
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final long MAX_SIZE = 1L << 50; // a petabyte: anything above is a typo

    /** The most bytes a request's head may have, whatever the limits say: Jetty buffers a head whole. */
    static final int MAX_HEAD = 1 << 20;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Parsers() {
    }

    static Function<String, Integer> intBetween(int min, int max) {
        return raw -> {
            int v = intAtLeast(min).apply(raw);
            if (v > max) throw new IllegalArgumentException("must be at most " + max);
            return v;
        };
    }

    /**
     * Gunicorn's --forwarded-allow-ips: {@code *}, or IP addresses and CIDR networks separated by commas.
     * Names are refused rather than resolved: a trust list that depends on DNS at start is a trap.
     */
    static java.util.List<String> addresses(String raw) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            String a = part.strip();
            if (a.isEmpty()) continue;
            if (a.equals("*")) {
                out.add(a);
                continue;
            }
            int slash = a.indexOf('/');
            String ip = slash < 0 ? a : a.substring(0, slash);
            boolean v6 = ip.contains(":");
            if (!v6 && !IPV4.matcher(ip).matches())
                throw new IllegalArgumentException(a + " is not an IP address or CIDR network; give e.g. 10.0.0.1, 10.0.0.0/8, ::1 or *");
            try {
                java.net.InetAddress.getByName(ip); // a literal: no lookup
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(a + " is not an IP address; give e.g. 10.0.0.1, 10.0.0.0/8, ::1 or *");
            }
            if (slash >= 0) {
                int bits;
                try {
                    bits = Integer.parseInt(a.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > (v6 ? 128 : 32))
                    throw new IllegalArgumentException(a + ": the prefix length must be 0 to " + (v6 ? 128 : 32));
            }
            out.add(a);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("empty; give addresses such as 127.0.0.1,::1, or * for any");
        return java.util.List.copyOf(out);
    }

    static Function<String, Integer> intAtLeast(int min) {
        return raw -> {
            int v;
            try {
                v = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(raw.matches("-?\\d+") ? "too large" : "not a whole number");
            }
            if (v < min) throw new IllegalArgumentException("must be at least " + min);
            return v;
        };
    }

    /** Whole seconds as Gunicorn takes them ({@code 30}), or with a unit: {@code 500ms}, {@code 2m}. */
    static Function<String, Duration> duration(boolean zeroAllowed) {
        return raw -> {
            Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new IllegalArgumentException("not a duration; give seconds (30) or a number with ms, s, m or h");
            Duration d;
            try {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                d = MAX_DURATION.plusSeconds(1);
            }
            if (d.compareTo(MAX_DURATION) > 0) throw new IllegalArgumentException("too large; at most 24h");
            if (d.isZero() && !zeroAllowed) throw new IllegalArgumentException("must be more than 0");
            return d;
        };
    }

    /** --max-worker-lifetime: 0 (off) or at least 1 s; a worker recycled faster than it boots would never serve. */
    static Duration lifetime(String raw) {
        Duration d = duration(true).apply(raw);
        if (!d.isZero() && d.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("must be 0 (off) or at least 1 s");
        return d;
    }

    /** --proc-name: what pgrep patterns can match plainly, and short enough that a suffix still fits. */
    static String procName(String raw) {
        if (!raw.matches("[A-Za-z0-9._-]{1,8}"))
            throw new IllegalArgumentException("1 to 8 letters, digits, '.', '_' or '-'; the kernel keeps 15 bytes of a process name and -worker-N takes the rest");
        return raw;
    }

    /** --timeout: 0 (off) or at least 1 s, so that the heartbeat (every quarter of it) fits twice. */
    static Duration timeout(String raw) {
        Duration d = duration(true).apply(raw);
        if (!d.isZero() && d.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("must be 0 (off) or at least 1 s");
        return d;
    }

    /** --heap: {@code auto} ({@link Settings#AUTO_HEAP}, sized per worker by WorkerCommand) or a size. */
    static long heap(String raw) {
        return raw.strip().equalsIgnoreCase("auto") ? Settings.AUTO_HEAP : size(raw);
    }

    /** Bytes, with an optional k, m or g suffix as in {@code -Xmx}; a worker's memory, so at least 16m. */
    static long size(String raw) {
        long bytes = bytes(raw);
        if (bytes < (16L << 20)) throw new IllegalArgumentException("must be at least 16m");
        return bytes;
    }

    /** --limit-request-body: 0 (unlimited) or bytes, with an optional k, m or g suffix as nginx's client_max_body_size. */
    static long bodySize(String raw) {
        return bytes(raw);
    }

    private static long bytes(String raw) {
        Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a size; give bytes or a number with k, m or g (512m)");
        long bytes;
        try {
            long n = Long.parseLong(m.group(1));
            bytes = Math.multiplyExact(n, switch (m.group(2) == null ? "" : m.group(2)) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1L;
            });
        } catch (NumberFormatException | ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > MAX_SIZE) throw new IllegalArgumentException("too large");
        return bytes;
    }

    static java.nio.file.Path existingPath(String raw) {
        java.nio.file.Path p = java.nio.file.Path.of(raw).toAbsolutePath();
        if (!java.nio.file.Files.exists(p)) throw new IllegalArgumentException("no such file or directory");
        if (!java.nio.file.Files.isReadable(p)) throw new IllegalArgumentException("not readable by this user");
        return p;
    }

    /** {@code -} (the standard stream, as in Gunicorn), or a file whose directory exists; made absolute for the workers. */
    static String logFile(String raw) {
        if (raw.equals("-")) return raw;
        java.nio.file.Path p = java.nio.file.Path.of(raw).toAbsolutePath();
        if (java.nio.file.Files.isDirectory(p)) throw new IllegalArgumentException("is a directory; give a file, or - for the standard stream");
        if (!java.nio.file.Files.isDirectory(p.getParent()))
            throw new IllegalArgumentException("directory " + p.getParent() + " does not exist; create it first");
        return p.toString();
    }

    static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static java.nio.file.Path existingDirectory(String raw) {
        java.nio.file.Path p = existingPath(raw);
        if (!java.nio.file.Files.isDirectory(p)) throw new IllegalArgumentException("not a directory");
        return p;
    }

    /** A user or group: a name as useradd allows it, or a number. */
    static String account(String raw) {
        if (raw.matches("\\d{1,10}|[A-Za-z_][A-Za-z0-9_.-]*\\$?")) return raw;
        throw new IllegalArgumentException("not a user or group name or number");
    }

    /** Gunicorn's umask forms: 0o027 or 027 (octal), 0x17 (hex), 23 (decimal). */
    static int umask(String raw) {
        String r = raw.toLowerCase(Locale.ROOT);
        int mask;
        try {
            if (r.startsWith("0o")) mask = Integer.parseInt(r.substring(2), 8);
            else if (r.startsWith("0x")) mask = Integer.parseInt(r.substring(2), 16);
            else if (r.length() > 1 && r.startsWith("0")) mask = Integer.parseInt(r.substring(1), 8);
            else mask = Integer.parseInt(r);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a mask; give octal like 022 or 0o027");
        }
        if (mask < 0 || mask > 0777) throw new IllegalArgumentException("must be 0 to 0777");
        return mask;
    }

    static String contextPath(String raw) {
        if (!raw.startsWith("/")) throw new IllegalArgumentException("must start with /, e.g. / or /app");
        if (raw.length() > 1 && raw.endsWith("/")) throw new IllegalArgumentException("must not end with / (except the root /)");
        return raw;
    }
}
