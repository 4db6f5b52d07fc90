package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real nginx in front, configured by config-examples/nginx/warcorn.conf itself (its upstream keepalive and proxy
 * headers), terminating TLS with a certificate openssl makes here. The client connects from 127.0.0.2, so
 * that its address differs from nginx's (127.0.0.1, a trusted --forwarded-allow-ips peer by default).
 * nginx (Debian: nginx-light) must be installed; .ci/run does.
 */
class NginxIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final Path EXAMPLE = Path.of(System.getProperty("warcorn.config-examples", "../config-examples")).resolve("nginx/warcorn.conf");
    static final String CLIENT = "127.0.0.2";
    static final String PUBLIC_HOST = "shop.example.test";

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The example with a TLS listen on {@code port} and warcorn's port as the upstream; fails if the example no longer has those lines. */
    static String site(int port, int upstream, Path dir) throws Exception {
        String conf = Files.readString(EXAMPLE);
        for (String line : List.of("server 127.0.0.1:8000 fail_timeout=0;", "listen 80;", "listen [::]:80;"))
            assertTrue(conf.contains(line), EXAMPLE + " no longer has '" + line + "'; update this test with it");
        return conf.replace("server 127.0.0.1:8000 fail_timeout=0;", "server 127.0.0.1:" + upstream + " fail_timeout=0;")
                .replace("listen [::]:80;", "")
                .replace("listen 80;", "listen 127.0.0.1:" + port + " ssl;\n    ssl_certificate " + dir.resolve("cert.pem")
                        + ";\n    ssl_certificate_key " + dir.resolve("key.pem") + ";");
    }

    static Process startNginx(Path dir, String site) throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) nginx = Path.of("nginx");
        Path siteFile = Files.writeString(dir.resolve("site.conf"), site);
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %2$s;
                }
                """.formatted(dir, siteFile));
        try {
            return new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("nginx is needed by this test and was not found (" + e.getMessage() + "); install Debian's nginx-light (.ci/run does)");
        }
    }

    /** One HTTPS request through nginx from {@link #CLIENT}, with the public Host; the whole answer. */
    static String get(int port, String path) throws Exception {
        try (Socket plain = new Socket("127.0.0.1", port, InetAddress.getByName(CLIENT), 0);
             SSLSocket s = (SSLSocket) TlsIT.trustAll().getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + PUBLIC_HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void behind_nginx_terminating_tls_redirects_stay_on_https_and_the_public_host_and_the_client_is_the_client(@TempDir Path dir) throws Exception {
        TlsIT.makeCertificate(dir);
        Path access = dir.resolve("access.log");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--keep-alive", "5", "--access-logfile", access.toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = freePort();
            Process nginx = startNginx(dir, site(port, w.port(), dir));
            try {
                Warcorn.poll(Duration.ofSeconds(30), "nginx answering on " + port + " (" + dir.resolve("error.log") + ")", () -> {
                    try {
                        return get(port, "/hello").contains("Hello, World!");
                    } catch (Exception e) {
                        if (!nginx.isAlive()) throw new AssertionError("nginx exited: " + read(dir.resolve("nginx.out")) + read(dir.resolve("error.log")));
                        return false;
                    }
                });
                String whoami = get(port, "/whoami");
                assertTrue(whoami.startsWith("HTTP/1.1 200 "), whoami);
                assertTrue(whoami.contains("scheme=https\nsecure=true\nremote=" + CLIENT + "\nhost=" + PUBLIC_HOST + "\nport=" + port + "\n"), whoami);

                String redirect = get(port, "/whoami/redirect");
                assertTrue(redirect.startsWith("HTTP/1.1 302 "), redirect);
                assertTrue(redirect.contains("\r\nLocation: https://" + PUBLIC_HOST + ":" + port + "/hello\r\n"), redirect);

                Warcorn.poll(Duration.ofSeconds(10), "access log lines", () -> read(access).lines().count() >= 3);
                List<String> lines = read(access).lines().toList();
                assertTrue(lines.stream().allMatch(l -> l.startsWith(CLIENT + " - - [")), "%(h)s is the client, not nginx:\n" + lines);
                assertTrue(read(dir.resolve("error.log")).lines().noneMatch(l -> l.contains("[error]") || l.contains("[crit]")), read(dir.resolve("error.log")));
            } finally {
                nginx.destroy();
                nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                nginx.destroyForcibly();
            }
        }
    }

    @Test
    void the_same_headers_from_a_peer_outside_forwarded_allow_ips_change_nothing(@TempDir Path dir) throws Exception {
        TlsIT.makeCertificate(dir);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--forwarded-allow-ips", "10.0.0.1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = freePort();
            Process nginx = startNginx(dir, site(port, w.port(), dir));
            try {
                Warcorn.poll(Duration.ofSeconds(30), "nginx answering on " + port, () -> {
                    try {
                        return get(port, "/hello").contains("Hello, World!");
                    } catch (Exception e) {
                        return false;
                    }
                });
                String whoami = get(port, "/whoami");
                Matcher m = Pattern.compile("scheme=http\nsecure=false\nremote=127\\.0\\.0\\.1\n").matcher(whoami);
                assertTrue(m.find(), "nginx's headers ignored: the peer is nginx on 127.0.0.1, plain HTTP:\n" + whoami);
                assertEquals(-1, whoami.indexOf("remote=" + CLIENT), whoami);
            } finally {
                nginx.destroy();
                nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                nginx.destroyForcibly();
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
