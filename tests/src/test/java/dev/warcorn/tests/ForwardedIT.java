package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --forwarded-allow-ips: a proxy's X-Forwarded-* and Forwarded headers count only when the proxy is trusted. */
class ForwardedIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final String FORWARDED = "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: shop.example.com\r\n";

    static RawHttp.Reply get(int port, String path, String headers) throws Exception {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Connection: close\r\n\r\n");
    }

    @Test
    void from_loopback_a_proxy_sets_the_client_address_the_scheme_and_the_host(@TempDir Path dir) throws Exception {
        Path access = dir.resolve("access.log");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--access-logfile", access.toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            String seen = get(port, "/whoami", FORWARDED).body();
            assertTrue(seen.contains("scheme=https\nsecure=true\nremote=203.0.113.7\nhost=shop.example.com\nport=443\n"), seen);

            RawHttp.Reply redirect = get(port, "/whoami/redirect", FORWARDED);
            assertEquals(302, redirect.status(), redirect.text());
            assertTrue(redirect.text().contains("\r\nLocation: https://shop.example.com/hello\r\n"), redirect.text());

            String rfc7239 = get(port, "/whoami", "Forwarded: for=198.51.100.9;proto=https;host=api.example.org\r\n").body();
            assertTrue(rfc7239.contains("scheme=https\nsecure=true\nremote=198.51.100.9\nhost=api.example.org\n"), rfc7239);

            Warcorn.poll(Duration.ofSeconds(10), "access log lines", () -> lines(access) >= 3);
            String log = Files.readString(access);
            assertEquals(2, log.lines().filter(l -> l.startsWith("203.0.113.7 - - [")).count(), "%(h)s is the client:\n" + log);
            assertEquals(1, log.lines().filter(l -> l.startsWith("198.51.100.9 - - [")).count(), "%(h)s is the client:\n" + log);
        }
    }

    @Test
    void from_a_peer_outside_forwarded_allow_ips_the_headers_change_nothing(@TempDir Path dir) throws Exception {
        Path access = dir.resolve("access.log");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--forwarded-allow-ips", "10.0.0.1", "--access-logfile", access.toString(),
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            String seen = get(port, "/whoami", FORWARDED + "Forwarded: for=198.51.100.9;proto=https\r\n").body();
            assertTrue(seen.contains("scheme=http\nsecure=false\nremote=127.0.0.1\nhost=127.0.0.1\nport=" + port + "\n"), seen);
            RawHttp.Reply redirect = get(port, "/whoami/redirect", FORWARDED);
            assertTrue(redirect.text().contains("\r\nLocation: http://127.0.0.1:" + port + "/hello\r\n"), redirect.text());
            Warcorn.poll(Duration.ofSeconds(10), "access log lines", () -> lines(access) >= 2);
            String log = Files.readString(access);
            assertTrue(log.lines().allMatch(l -> l.startsWith("127.0.0.1 - - [")), "%(h)s is the peer:\n" + log);
        }
    }

    @Test
    void a_bad_address_in_forwarded_allow_ips_is_refused_with_the_rule() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "--forwarded-allow-ips", "127.0.0.1,proxy.example.com", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode(), w.output());
        assertTrue(w.output().contains("--forwarded-allow-ips=127.0.0.1,proxy.example.com: proxy.example.com is not an IP address or CIDR network"),
                w.output());
    }

    static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
