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
}
