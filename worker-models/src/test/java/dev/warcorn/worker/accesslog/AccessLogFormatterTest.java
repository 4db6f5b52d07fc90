package dev.warcorn.worker.accesslog;

import dev.warcorn.logging.AccessLogFormat;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every Gunicorn atom against one known request. */
class AccessLogFormatterTest {
    private static final ZoneId ZONE = ZoneOffset.ofHours(-7);
    private static final long AT = OffsetDateTime.of(2000, 10, 10, 13, 55, 36, 250_000_000, ZoneOffset.ofHours(-7)).toInstant().toEpochMilli();
    private static final long PID = 4711;

    private static Exchange exchange(String authenticatedUser, long bytes, HttpFields requestHeaders) {
        return new Exchange("192.0.2.7", authenticatedUser, AT, "GET", HttpURI.from("/a%20b/c?x=1&y=2"), "HTTP/1.1", 200, bytes,
                requestHeaders, HttpFields.build().add("Content-Type", "text/plain").add("X-Out", "o"), 1_234_567_890L);
    }

    private static Exchange exchange() {
        return exchange(null, 1234, HttpFields.build().add("Referer", "http://example.test/").add("User-Agent", "curl/8.5.0")
                .add("X-Request-Id", "abc"));
    }

    private static String format(String format, Exchange e) {
        return AccessLogFormatter.compile(format, PID, ZONE).format(e);
    }

    private static String format(String format) {
        return format(format, exchange());
    }

    @Test
    void the_default_format_is_apaches_combined_log_format() {
        assertEquals("192.0.2.7 - - [10/Oct/2000:13:55:36 -0700] \"GET /a%20b/c?x=1&y=2 HTTP/1.1\" 200 1234 \"http://example.test/\" \"curl/8.5.0\"",
                format(AccessLogFormat.DEFAULT));
    }

    @Test
    void request_atoms() {
        assertEquals("192.0.2.7", format("%(h)s"));
        assertEquals("-", format("%(l)s"));
        assertEquals("GET /a%20b/c?x=1&y=2 HTTP/1.1", format("%(r)s"));
        assertEquals("GET", format("%(m)s"));
        assertEquals("/a b/c", format("%(U)s"), "the path is decoded, as Gunicorn's PATH_INFO");
        assertEquals("x=1&y=2", format("%(q)s"));
        assertEquals("HTTP/1.1", format("%(H)s"));
        assertEquals("http://example.test/", format("%(f)s"));
        assertEquals("curl/8.5.0", format("%(a)s"));
    }

    @Test
    void response_atoms() {
        assertEquals("200", format("%(s)s"));
        assertEquals("1234", format("%(B)s"));
        assertEquals("1234", format("%(b)s"));
    }

    @Test
    void an_empty_body_is_0_for_B_and_a_dash_for_b() {
        Exchange empty = exchange(null, 0, HttpFields.build());
        assertEquals("0", format("%(B)s", empty));
        assertEquals("-", format("%(b)s", empty));
    }

    @Test
    void time_atoms_give_the_request_time_in_seconds_milliseconds_microseconds_and_decimal_seconds() {
        assertEquals("[10/Oct/2000:13:55:36 -0700]", format("%(t)s"));
        assertEquals("1", format("%(T)s"));
        assertEquals("1234", format("%(M)s"));
        assertEquals("1234567", format("%(D)s"));
        assertEquals("1.234567", format("%(L)s"));
    }

    @Test
    void decimal_seconds_keep_six_digits_for_a_fast_request() {
        Exchange fast = new Exchange(null, null, AT, "GET", HttpURI.from("/"), "HTTP/1.1", 200, 0, HttpFields.build(), HttpFields.build(), 42_000);
        assertEquals("0.000042", format("%(L)s", fast));
    }

    @Test
    void the_timestamp_follows_the_clock_across_seconds() {
        AccessLogFormatter f = AccessLogFormatter.compile("%(t)s", PID, ZONE);
        Exchange later = new Exchange(null, null, AT + 61_000, "GET", HttpURI.from("/"), "HTTP/1.1", 200, 0, HttpFields.build(), HttpFields.build(), 0);
        assertEquals("[10/Oct/2000:13:55:36 -0700]", f.format(exchange()));
        assertEquals("[10/Oct/2000:13:56:37 -0700]", f.format(later));
        assertEquals("[10/Oct/2000:13:55:36 -0700]", f.format(exchange()));
    }

    @Test
    void p_is_the_worker_pid_in_angle_brackets_as_gunicorn_writes_it() {
        assertEquals("<4711>", format("%(p)s"));
    }

    @Test
    void header_atoms_read_request_and_response_headers_in_any_case() {
        assertEquals("abc", format("%({x-request-id}i)s"));
        assertEquals("abc", format("%({X-Request-ID}i)s"));
        assertEquals("text/plain", format("%({content-type}o)s"));
        assertEquals("o", format("%({X-OUT}o)s"));
    }

    @Test
    void a_missing_header_or_referer_or_user_agent_prints_a_dash() {
        Exchange bare = exchange(null, 1, HttpFields.build());
        assertEquals("- - -", format("%({x-missing}i)s %(f)s %(a)s", bare));
        assertEquals("-", format("%({x-missing}o)s", bare));
    }

    @Test
    void an_unknown_atom_prints_a_dash_as_in_gunicorn() {
        assertEquals("[-] [-] [-] [-]", format("[%(z)s] [%(host)s] [%({PATH}e)s] [%({x}z)s]"));
    }

    @Test
    void u_is_the_authenticated_user_else_the_basic_credentials_user_else_a_dash() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cr:et".getBytes(StandardCharsets.UTF_8));
        assertEquals("-", format("%(u)s"));
        assertEquals("alice", format("%(u)s", exchange(null, 1, HttpFields.build().add("Authorization", basic))));
        assertEquals("bob", format("%(u)s", exchange("bob", 1, HttpFields.build().add("Authorization", basic))));
        assertEquals("-", format("%(u)s", exchange(null, 1, HttpFields.build().add("Authorization", "Bearer abc.def"))));
        assertEquals("-", format("%(u)s", exchange(null, 1, HttpFields.build().add("Authorization", "Basic !!not-base64"))));
    }

    @Test
    void literal_text_and_double_percent_are_kept() {
        assertEquals("status=200 100% pid <4711>", format("status=%(s)s 100%% pid %(p)s"));
    }

    @Test
    void other_python_conversions_print_the_value_too() {
        assertEquals("200 1234567 1234", format("%(s)d %(D)i %(M)r"));
    }

    @Test
    void control_characters_are_escaped_so_a_request_stays_one_line() {
        Exchange e = new Exchange(null, null, AT, "GET", HttpURI.from("/a%0Ab"), "HTTP/1.1", 200, 0,
                HttpFields.build().add("X-Tab", "a\tb"), HttpFields.build(), 0);
        assertEquals("/a\\x0ab a\\x09b", format("%(U)s %({x-tab}i)s", e));
    }

    @Test
    void a_unix_socket_client_has_no_address() {
        Exchange e = new Exchange(null, null, AT, "GET", HttpURI.from("/"), "HTTP/1.1", 200, 0, HttpFields.build(), HttpFields.build(), 0);
        assertEquals("-", format("%(h)s", e));
    }

    @Test
    void a_format_python_cannot_apply_is_refused_when_compiled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessLogFormatter.compile("%(h)s %s", PID, ZONE));
        assertEquals("'%' at column 7: expected an atom such as %(h)s, or %% for a percent sign", e.getMessage());
    }
}
