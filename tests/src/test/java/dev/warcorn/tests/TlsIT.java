package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS from PEM files or a PKCS#12 keystore, HTTP/2 by ALPN and h2c, and a renewed certificate picked up on HUP. */
class TlsIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    /** A self-signed certificate for 127.0.0.1 made by openssl: cert.pem and key.pem (PKCS#8) in {@code dir}. */
    static void makeCertificate(Path dir) throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }

    static HttpClient client(Path cert, HttpClient.Version version) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(version).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static BigInteger serial(HttpResponse<?> r) throws Exception {
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    /** Trusts any server certificate: for clients that must see a renewed certificate as well as the first one. */
    static SSLContext trustAll() throws Exception {
        javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[]{any}, null);
        return context;
    }

    /** The ports of the log's "Listening at: SCHEME://127.0.0.1:PORT" lines with that scheme. */
    static java.util.List<Integer> ports(Warcorn w, String scheme) {
        java.util.List<Integer> ports = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Listening at: " + scheme + "://127\\.0\\.0\\.1:(\\d+) ").matcher(w.output());
        while (m.find()) ports.add(Integer.parseInt(m.group(1)));
        return ports;
    }

    /** Whether a TLS handshake with only {@code protocol} and {@code suite} enabled succeeds; the suite negotiated when it does. */
    static java.util.Optional<String> handshake(int port, String protocol, String suite) throws Exception {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[]{protocol});
            s.setEnabledCipherSuites(new String[]{suite});
            s.startHandshake();
            return java.util.Optional.of(s.getSession().getCipherSuite());
        } catch (javax.net.ssl.SSLException e) {
            return java.util.Optional.empty();
        }
    }

    static BigInteger serialOf(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    @Test
    void pem_files_serve_https_with_h2_by_alpn_and_hup_serves_a_renewed_certificate(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Path cert = dir.resolve("cert.pem");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--certfile", cert.toString(), "--keyfile", dir.resolve("key.pem").toString(),
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            HttpResponse<String> r = get(client(cert, HttpClient.Version.HTTP_2), "https://127.0.0.1:" + port + "/whoami");
            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "h2 negotiated by ALPN");
            assertTrue(r.body().contains("scheme=https\nsecure=true\n"), r.body());
            assertEquals(serialOf(cert), serial(r));
            BigInteger before = serial(r);

            makeCertificate(dir); // the renewal: new files, new serial, same paths
            BigInteger renewed = serialOf(cert);
            assertNotEquals(before, renewed);
            w.signal("HUP");
            w.awaitReady(2, BOOT);
            Warcorn.poll(BOOT, "the old worker gone", () -> w.workers().size() == 1);
            HttpResponse<String> after = get(client(cert, HttpClient.Version.HTTP_2), "https://127.0.0.1:" + port + "/hello");
            assertEquals(200, after.statusCode());
            assertEquals(renewed, serial(after), "the certificate served after HUP");
        }
    }

    @Test
    void a_pkcs12_keystore_serves_https_and_http_1_turns_http2_off(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("server.p12");
        Files.writeString(dir.resolve("password"), "s3cret\n");
        run("keytool", "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "s3cret", "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1", "-validity", "2");
        Path cert = dir.resolve("exported.pem");
        run("keytool", "-exportcert", "-rfc", "-keystore", p12.toString(), "-storepass", "s3cret", "-alias", "server", "-file", cert.toString());
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--certfile", p12.toString(), "--keystore-password-file",
                dir.resolve("password").toString(), "--http", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            HttpResponse<String> r = get(client(cert, HttpClient.Version.HTTP_2), "https://127.0.0.1:" + w.port() + "/whoami");
            assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "--http 1: no h2 offered");
            assertTrue(r.body().contains("scheme=https\nsecure=true\n"), r.body());
        }
    }

    @Test
    void a_plain_bind_speaks_h2c() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            get(h2, "http://127.0.0.1:" + w.port() + "/hello"); // the first request upgrades (Upgrade: h2c)
            HttpResponse<String> r = get(h2, "http://127.0.0.1:" + w.port() + "/whoami");
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertTrue(r.body().contains("protocol=HTTP/2.0"), r.body());
        }
    }

    @Test
    void a_keyfile_without_a_key_stops_the_master_before_any_worker_with_the_rule(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Path cert = dir.resolve("cert.pem");
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "127.0.0.1:0", "--certfile", cert.toString(), "--keyfile", cert.toString(),
                Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode(), w.output());
        assertTrue(w.output().contains("keyfile=" + cert + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in the file"), w.output());
        assertTrue(!w.output().contains("booting"), "no worker was spawned:\n" + w.output());
    }

    @Test
    void an_insecure_bind_stays_plain_beside_a_tls_bind(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Path cert = dir.resolve("cert.pem");
        try (Warcorn w = Warcorn.start("--bind", "127.0.0.1:0", "--insecure-bind", "127.0.0.1:0", "--certfile", cert.toString(),
                "--keyfile", dir.resolve("key.pem").toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            java.util.List<Integer> tls = ports(w, "https");
            java.util.List<Integer> plain = ports(w, "http");
            assertEquals(1, tls.size(), w.output());
            assertEquals(1, plain.size(), w.output());
            HttpResponse<String> secure = get(client(cert, HttpClient.Version.HTTP_1_1), "https://127.0.0.1:" + tls.getFirst() + "/whoami");
            assertTrue(secure.body().contains("scheme=https\nsecure=true\n"), secure.body());
            Http.Response clear = Http.get(plain.getFirst(), "/whoami");
            assertEquals(200, clear.status(), clear.body());
            assertTrue(clear.body().contains("scheme=http\nsecure=false\n"), clear.body());
            assertTrue(handshake(plain.getFirst(), "TLSv1.3", "TLS_AES_128_GCM_SHA256").isEmpty(), "no TLS on the --insecure-bind port");
        }
    }

    @Test
    void hup_with_a_key_that_does_not_match_or_a_missing_certificate_keeps_the_old_workers_serving(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path other = Files.createDirectory(dir.resolve("other"));
        makeCertificate(other);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--certfile", cert.toString(), "--keyfile", key.toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            BigInteger served = serialOf(cert);
            java.util.List<ProcessHandle> before = w.workers();

            Files.copy(other.resolve("key.pem"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // half a renewal: the key only
            w.signal("HUP");
            w.await("reload \\(SIGHUP\\) refused: keyfile=" + java.util.regex.Pattern.quote(key.toString())
                    + ": the key does not belong to the first certificate of certfile=.*; keeping the current workers", BOOT);
            Files.delete(cert);
            w.signal("HUP");
            w.await("refused: certfile=" + java.util.regex.Pattern.quote(cert.toString()) + ": no such file", BOOT);
            assertEquals(before, w.workers(), "no worker replaced:\n" + w.output());
            assertEquals(1, w.output().split(" booting", -1).length - 1, "only the first worker ever booted:\n" + w.output());
            HttpResponse<String> still = get(HttpClient.newBuilder().sslContext(trustAll()).build(), "https://127.0.0.1:" + port + "/hello");
            assertEquals(200, still.statusCode());
            assertEquals(served, serial(still), "the old certificate is still served");

            Files.copy(other.resolve("cert.pem"), cert); // the renewal completed
            w.signal("HUP");
            w.awaitReady(2, BOOT);
            Warcorn.poll(BOOT, "the old worker gone", () -> w.workers().size() == 1 && !w.workers().equals(before));
            HttpResponse<String> after = get(HttpClient.newBuilder().sslContext(trustAll()).build(), "https://127.0.0.1:" + port + "/hello");
            assertEquals(serialOf(other.resolve("cert.pem")), serial(after));
        }
    }

    @Test
    void a_renewal_under_keep_alive_https_load_fails_no_request_and_no_handshake(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Path cert = dir.resolve("cert.pem");
        BigInteger first = serialOf(cert);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--certfile", cert.toString(), "--keyfile", dir.resolve("key.pem").toString(),
                Warcorn.HELLO.toString())) {
            w.awaitReady(2, BOOT);
            BigInteger renewed;
            int ok;
            Load load = new Load(Load.Client.KEEP_ALIVE, w.port(), "/hello", 4, 2_000_000, trustAll()); // stopped by close(), the bound a backstop
            try {
                load.awaitMore(500, BOOT);
                makeCertificate(dir);
                renewed = serialOf(cert);
                w.signal("HUP");
                w.awaitReady(4, BOOT);
                Warcorn.poll(BOOT, "both old workers gone", () -> w.workers().size() == 2);
                load.awaitMore(500, BOOT);
                Warcorn.poll(BOOT, "a handshake presenting the renewed certificate " + renewed.toString(16) + " (seen " + load.serials() + ")",
                        () -> load.serials().contains(renewed));
            } finally {
                load.close();
            }
            ok = load.ok();
            System.out.println("TLS renewal under load: " + ok + " requests on " + load.connections() + " connections, failures " + load.failures());
            assertEquals(0, load.failed(), "failed requests or handshakes: " + load.failures());
            assertEquals(java.util.Set.of(first, renewed), load.serials(), "the old certificate before HUP, the renewed one after");
            assertTrue(ok >= 1000, "requests served: " + ok);
        }
    }

    @Test
    void ciphers_and_ssl_version_limit_what_a_client_can_negotiate(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        String[] tls = {"--certfile", dir.resolve("cert.pem").toString(), "--keyfile", dir.resolve("key.pem").toString()};
        try (Warcorn w = Warcorn.start(concat(new String[]{"-b", "127.0.0.1:0", "--ciphers", "TLS_AES_256_GCM_SHA384:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
                tls, Warcorn.HELLO.toString()))) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            assertEquals(java.util.Optional.of("TLS_AES_256_GCM_SHA384"), handshake(port, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
            assertEquals(java.util.Optional.empty(), handshake(port, "TLSv1.3", "TLS_AES_128_GCM_SHA256"), "a TLS 1.3 suite left out");
            assertEquals(java.util.Optional.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), handshake(port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            assertEquals(java.util.Optional.empty(), handshake(port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), "a TLS 1.2 suite left out");
        }
        try (Warcorn w = Warcorn.start(concat(new String[]{"-b", "127.0.0.1:0", "--ssl-version", "TLSv1.3"}, tls, Warcorn.HELLO.toString()))) {
            w.awaitReady(1, BOOT);
            assertTrue(handshake(w.port(), "TLSv1.3", "TLS_AES_128_GCM_SHA256").isPresent());
            assertEquals(java.util.Optional.empty(), handshake(w.port(), "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "TLS 1.2 is off");
        }
    }

    @Test
    void an_unknown_cipher_suite_is_a_usage_error_at_start(@TempDir Path dir) throws Exception {
        makeCertificate(dir);
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "127.0.0.1:0", "--certfile", dir.resolve("cert.pem").toString(),
                "--keyfile", dir.resolve("key.pem").toString(), "--ciphers", "TLS_AES_128_GCM_SHA256,ECDHE-RSA-AES128-GCM-SHA256", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode(), w.output());
        assertTrue(w.output().contains("--ciphers=TLS_AES_128_GCM_SHA256,ECDHE-RSA-AES128-GCM-SHA256: ECDHE-RSA-AES128-GCM-SHA256 is not a cipher suite this JDK supports;"
                + " use JSSE names such as TLS_AES_128_GCM_SHA256"), w.output());
        assertTrue(!w.output().contains("booting"), "no worker was spawned:\n" + w.output());
    }

    static String[] concat(String[] a, String[] b, String last) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length + 1);
        System.arraycopy(b, 0, all, a.length, b.length);
        all[all.length - 1] = last;
        return all;
    }
}
