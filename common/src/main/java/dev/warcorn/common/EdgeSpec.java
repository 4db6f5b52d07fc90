package dev.warcorn.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a worker meets its clients on the wire (docs/http-edge.md), carried inside {@link WorkerSpec} as
 * {@code --edge.key=value} arguments.
 *
 * @param forwardedAllowIps     peers whose X-Forwarded-* and Forwarded headers are honoured; {@code *} for any
 * @param limitRequestLine      longest request line in bytes (414 past it); 0 unlimited
 * @param limitRequestFields    most header fields (431 past it); 0 unlimited
 * @param limitRequestFieldSize longest header field, name and value, in bytes (431 past it); 0 unlimited
 * @param headerTimeout         a request's headers must be complete this long after the connection opened or
 *                              the previous response ended; zero never
 * @param httpCompliance        {@code strict} (RFC 9110/9112), {@code rfc7230} or {@code legacy}
 */
public record EdgeSpec(List<String> forwardedAllowIps, int limitRequestLine, int limitRequestFields, int limitRequestFieldSize,
                       Duration headerTimeout, String httpCompliance) {
    static final String PREFIX = "edge.";

    public EdgeSpec {
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
    }

    /** Gunicorn's defaults, for tests and tools that build a spec by hand. */
    public static EdgeSpec defaults() {
        return new EdgeSpec(List.of("127.0.0.1", "::1"), 4094, 100, 8190, Duration.ofSeconds(20), "strict");
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "forwarded-allow-ips", String.join(",", forwardedAllowIps));
        add(args, "limit-request-line", limitRequestLine);
        add(args, "limit-request-fields", limitRequestFields);
        add(args, "limit-request-field-size", limitRequestFieldSize);
        add(args, "header-timeout-ms", headerTimeout.toMillis());
        add(args, "http-compliance", httpCompliance);
        return args;
    }

    static EdgeSpec fromArgs(Map<String, List<String>> m) {
        String ips = need(m, "forwarded-allow-ips");
        return new EdgeSpec(ips.isEmpty() ? List.of() : Arrays.asList(ips.split(",")),
                Integer.parseInt(need(m, "limit-request-line")),
                Integer.parseInt(need(m, "limit-request-fields")),
                Integer.parseInt(need(m, "limit-request-field-size")),
                Duration.ofMillis(Long.parseLong(need(m, "header-timeout-ms"))),
                need(m, "http-compliance"));
    }

    private static void add(List<String> args, String key, Object value) {
        args.add("--" + PREFIX + key + "=" + value);
    }

    private static String need(Map<String, List<String>> m, String key) {
        List<String> v = m.get(PREFIX + key);
        if (v == null) throw new IllegalArgumentException("worker argument --" + PREFIX + key + " is missing");
        return v.getLast();
    }
}
