package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.cli.CommandLine.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad value is a usage error whose text names the flag, the value, the rule and the way out. */
class CommandLineErrorsTest {
    /** An empty working directory and no WARCORN_CMD_ARGS, so only the arguments count. */
    @TempDir
    Path workingDir;

    private Outcome.Exit exit(String... args) {
        Outcome outcome = CommandLine.parse(Map.of(), workingDir, args);
        return assertInstanceOf(Outcome.Exit.class, outcome, outcome::toString);
    }

    private void rejects(String expectedText, String... args) {
        Outcome.Exit e = exit(args);
        assertEquals(ExitCode.USAGE, e.code(), e.text());
        assertEquals(expectedText, e.text());
    }

    @Test
    void metrics_bind_on_a_unix_socket() {
        rejects("warcorn: --metrics-bind=unix:/run/m.sock: only HOST:PORT is supported (the JDK's HTTP server listens on TCP only), e.g. 127.0.0.1:9100",
                "--metrics-bind", "unix:/run/m.sock", "app.war");
    }

    @Test
    void metrics_bind_without_a_port() {
        rejects("warcorn: --metrics-bind=9100: expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000", "--metrics-bind", "9100", "app.war");
    }

    @Test
    void statsd_host_without_a_port() {
        rejects("warcorn: --statsd-host=127.0.0.1:0: port 0 names no server; give the statsd port, e.g. 127.0.0.1:8125",
                "--statsd-host", "127.0.0.1:0", "app.war");
    }

    @Test
    void statsd_prefix_with_a_separator() {
        rejects("warcorn: --statsd-prefix=my|app: only letters, digits, '.', '-' and '_' (statsd lines use ':' and '|' as separators), e.g. myapp",
                "--statsd-prefix", "my|app", "app.war");
    }

    @Test
    void an_openssl_cipher_name() {
        rejects("warcorn: --ciphers=TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256: ECDHE-RSA-AES128-GCM-SHA256 is not a cipher suite this JDK supports;"
                + " use JSSE names such as TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (OpenSSL names like ECDHE-RSA-AES128-GCM-SHA256"
                + " are not read), or leave --ciphers out", "--ciphers", "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256", "app.war");
    }

    @Test
    void an_ssl_version_older_than_tls_1_2() {
        rejects("warcorn: --ssl-version=TLSv1.1: expected TLSv1.2 (1.2 and 1.3) or TLSv1.3 (1.3 only); older versions are not offered",
                "--ssl-version", "TLSv1.1", "app.war");
    }

    @Test
    void an_insecure_bind_that_is_no_address() {
        rejects("warcorn: --insecure-bind=8080: expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000", "--insecure-bind", "8080", "app.war");
    }

    @Test
    void zero_workers() {
        rejects("warcorn: --workers=0: must be at least 1", "-w", "0", "app.war");
    }

    @Test
    void workers_that_are_not_a_number() {
        rejects("warcorn: --workers=two: not a whole number", "--workers", "two", "app.war");
    }

    @Test
    void unknown_worker_class() {
        rejects("warcorn: --worker-class=vthreads: unknown; expected sync, virtual, async or a fully-qualified class name",
                "-k", "vthreads", "app.war");
    }

    @Test
    void worker_class_that_is_not_a_class_name() {
        rejects("warcorn: --worker-class=com.example.: unknown; expected sync, virtual, async or a fully-qualified class name",
                "-k", "com.example.", "app.war");
    }

    @Test
    void a_worker_lifetime_below_one_second() {
        rejects("warcorn: --max-worker-lifetime=500ms: must be 0 (off) or at least 1 s", "--max-worker-lifetime", "500ms", "app.war");
    }

    @Test
    void a_hook_with_an_unclosed_quote() {
        rejects("warcorn: --on-exit=sh -c 'echo bye: a quote is not closed; close it, or quote the whole value in the config file",
                "--on-exit", "sh -c 'echo bye", "app.war");
    }

    @Test
    void an_empty_hook() {
        rejects("warcorn: --when-ready= : empty; give a command, e.g. /usr/local/bin/notify or sh -c 'echo $WARCORN_HOOK >> /tmp/hooks'",
                "--when-ready", " ", "app.war");
    }

    @Test
    void a_proc_name_too_long_for_the_kernels_fifteen_bytes() {
        rejects("warcorn: --proc-name=my-shop-api: 1 to 8 letters, digits, '.', '_' or '-'; the kernel keeps 15 bytes of a process name and -worker-N takes the rest",
                "--proc-name", "my-shop-api", "app.war");
    }

    @Test
    void a_reload_extra_file_that_does_not_exist() {
        Outcome.Exit e = exit("--reload-extra-file", "/no/such/file", "app.war");
        assertEquals(ExitCode.USAGE, e.code());
        assertTrue(e.text().startsWith("warcorn: --reload-extra-file=/no/such/file: "), e.text());
    }

    @Test
    void a_hook_timeout_of_zero() {
        rejects("warcorn: --hook-timeout=0: must be more than 0", "--hook-timeout", "0", "app.war");
    }

    @Test
    void timeout_that_is_not_a_duration() {
        rejects("warcorn: --timeout=abc: not a duration; give seconds (30) or a number with ms, s, m or h",
                "--timeout", "abc", "app.war");
    }

    @Test
    void negative_timeout() {
        rejects("warcorn: --timeout=-5: not a duration; give seconds (30) or a number with ms, s, m or h",
                "--timeout=-5", "app.war");
    }

    @Test
    void zero_boot_timeout() {
        rejects("warcorn: --boot-timeout=0: must be more than 0", "--boot-timeout", "0", "app.war");
    }

    @Test
    void zero_keep_alive() {
        rejects("warcorn: --keep-alive=0s: must be more than 0", "--keep-alive", "0s", "app.war");
    }

    @Test
    void heap_too_small() {
        rejects("warcorn: --heap=1k: must be at least 16m", "--heap", "1k", "app.war");
    }

    @Test
    void heap_that_is_not_a_size() {
        rejects("warcorn: --heap=lots: not a size; give bytes or a number with k, m or g (512m)", "--heap", "lots", "app.war");
    }

    @Test
    void context_path_without_leading_slash() {
        rejects("warcorn: --context-path=app: must start with /, e.g. / or /app", "--context-path", "app", "app.war");
    }

    @Test
    void context_path_with_trailing_slash() {
        rejects("warcorn: --context-path=/app/: must not end with / (except the root /)", "--context-path", "/app/", "app.war");
    }

    @Test
    void bind_without_a_port() {
        rejects("warcorn: --bind=nocolon: expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000", "-b", "nocolon", "app.war");
    }

    @Test
    void bind_with_a_port_out_of_range() {
        rejects("warcorn: --bind=127.0.0.1:70000: port must be 0 to 65535 (0 picks a free port)", "-b", "127.0.0.1:70000", "app.war");
    }

    @Test
    void bind_with_a_service_name_for_a_port() {
        rejects("warcorn: --bind=127.0.0.1:http: port is not a number; expected HOST:PORT, e.g. 127.0.0.1:8000",
                "-b", "127.0.0.1:http", "app.war");
    }

    @Test
    void bind_to_an_empty_unix_path_or_a_bad_fd() {
        rejects("warcorn: --bind=unix:: expected unix:PATH, e.g. unix:/run/warcorn/http.sock", "-b", "unix:", "app.war");
        rejects("warcorn: --bind=fd://x: expected fd://N with N an open listening socket's number, e.g. fd://3", "-b", "fd://x", "app.war");
    }

    @Test
    void unknown_servlet_environment() {
        rejects("warcorn: --ee=ee12: unknown; expected ee8, ee9, ee10 or ee11", "--ee", "ee12", "app.war");
    }

    @Test
    void a_bad_value_is_reported_even_when_a_good_one_follows_on_another_flag() {
        rejects("warcorn: --backlog=0: must be at least 1", "--backlog", "0", "-w", "2", "app.war");
    }

    @Test
    void check_config_names_every_problem_of_the_config_file_and_of_the_command_line() throws Exception {
        Path conf = Files.writeString(workingDir.resolve("shop.conf"), "war = shop.war\nworkers = zero\nbogus_key = 1\nheap = lots\n");
        rejects("warcorn: --backlog=0: must be at least 1\n"
                + "warcorn: " + conf + " line 2: workers=zero: not a whole number\n"
                + "warcorn: " + conf + " line 3: unknown key bogus_key\n"
                + "warcorn: " + conf + " line 4: heap=lots: not a size; give bytes or a number with k, m or g (512m)",
                "--check-config", "--backlog", "0", "-c", conf.toString());
    }

    @Test
    void a_config_file_with_problems_and_no_war_anywhere_names_both() throws Exception {
        Path conf = Files.writeString(workingDir.resolve("shop.conf"), "workers = zero\n");
        rejects("warcorn: " + conf + " line 1: workers=zero: not a whole number\n"
                + "warcorn: WAR: missing; give the path of a .war file or an exploded WAR directory (or war = in the config file)",
                "--check-config", "-c", conf.toString());
    }

    @Test
    void missing_war() {
        rejects("""
                warcorn: WAR: missing; give the path of a .war file or an exploded WAR directory (or war = in the config file)
                Try 'warcorn --help' for the options and their defaults.""", "-w", "2");
    }

    @Test
    void unknown_option() {
        Outcome.Exit e = exit("--wokers", "2", "app.war");
        assertEquals(ExitCode.USAGE, e.code());
        assertTrue(e.text().contains("--wokers"), e.text());
        assertTrue(e.text().endsWith("Try 'warcorn --help' for the options and their defaults."), e.text());
    }

    @Test
    void option_without_its_value() {
        Outcome.Exit e = exit("app.war", "--workers");
        assertEquals(ExitCode.USAGE, e.code());
        assertTrue(e.text().contains("--workers"), e.text());
    }

    @Test
    void two_wars() {
        assertEquals(ExitCode.USAGE, exit("a.war", "b.war").code());
    }

    @Test
    void durations_beyond_a_day_are_refused_instead_of_overflowing() {
        rejects("warcorn: --timeout=9999999999999999h: too large; at most 24h", "--timeout", "9999999999999999h", "app.war");
        rejects("warcorn: --keep-alive=9223372036854775807: too large; at most 24h", "--keep-alive", "9223372036854775807", "app.war");
    }

    @Test
    void sizes_that_overflow_are_refused() {
        rejects("warcorn: --heap=17179869185g: too large", "--heap", "17179869185g", "app.war");
        rejects("warcorn: --heap=99999999999999999999: too large", "--heap", "99999999999999999999", "app.war");
    }

    @Test
    void a_timeout_below_one_second_is_refused() {
        rejects("warcorn: --timeout=100ms: must be 0 (off) or at least 1 s", "-t", "100ms", "app.war");
    }

    @Test
    void ipv6_without_brackets_is_refused() {
        rejects("warcorn: --bind=::1:8000: an IPv6 address needs brackets, e.g. [::1]:8000", "-b", "::1:8000", "app.war");
    }

    @Test
    void forwarded_allow_ips_with_a_host_name() {
        rejects("warcorn: --forwarded-allow-ips=127.0.0.1,proxy.local: proxy.local is not an IP address or CIDR network;"
                + " give e.g. 10.0.0.1, 10.0.0.0/8, ::1 or *", "--forwarded-allow-ips", "127.0.0.1,proxy.local", "app.war");
    }

    @Test
    void forwarded_allow_ips_with_a_bad_prefix() {
        rejects("warcorn: --forwarded-allow-ips=10.0.0.0/33: 10.0.0.0/33: the prefix length must be 0 to 32",
                "--forwarded-allow-ips", "10.0.0.0/33", "app.war");
    }

    @Test
    void too_many_request_fields() {
        rejects("warcorn: --limit-request-fields=40000: must be at most 32768", "--limit-request-fields", "40000", "app.war");
    }

    @Test
    void unknown_http_compliance() {
        rejects("warcorn: --http-compliance=loose: unknown; expected strict, rfc9110, rfc7230 or legacy",
                "--http-compliance", "loose", "app.war");
    }
}
