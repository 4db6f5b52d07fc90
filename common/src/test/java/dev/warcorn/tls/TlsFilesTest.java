package dev.warcorn.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks the master makes at start and again on HUP, on files made by openssl as an operator makes them. */
class TlsFilesTest {
    private static void openssl(Path dir, String name, String... keyType) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl", "req", "-x509", "-newkey"));
        command.addAll(java.util.List.of(keyType));
        command.addAll(java.util.List.of("-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".pem").toString(), "-days", "2", "-subj", "/CN=localhost"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl (needed by this test) failed:\n" + out);
    }

    @Test
    void a_matching_rsa_or_ec_pair_loads(@TempDir Path dir) throws Exception {
        openssl(dir, "rsa", "rsa:2048");
        openssl(dir, "ec", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
        for (String name : java.util.List.of("rsa", "ec")) {
            KeyStore ks = TlsFiles.keyStore(dir.resolve(name + ".pem"), Optional.of(dir.resolve(name + ".key")), "pw".toCharArray());
            assertTrue(ks.isKeyEntry("server"), name);
            assertTrue(TlsFiles.describe(ks).startsWith("CN=localhost serial "), TlsFiles.describe(ks));
        }
    }

    @Test
    void a_key_of_another_certificate_is_refused_with_both_file_names(@TempDir Path dir) throws Exception {
        openssl(dir, "old", "rsa:2048");
        openssl(dir, "new", "rsa:2048");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.keyStore(dir.resolve("new.pem"), Optional.of(dir.resolve("old.key")), "pw".toCharArray()));
        assertEquals("keyfile=" + dir.resolve("old.key") + ": the key does not belong to the first certificate of certfile=" + dir.resolve("new.pem")
                + "; give the key the certificate was issued for (a renewal replaces both files)", e.getMessage());
    }

    @Test
    void an_empty_certificate_file_is_refused(@TempDir Path dir) throws Exception {
        openssl(dir, "a", "rsa:2048");
        Files.writeString(dir.resolve("a.pem"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.keyStore(dir.resolve("a.pem"), Optional.of(dir.resolve("a.key")), "pw".toCharArray()));
        assertTrue(e.getMessage().startsWith("certfile=" + dir.resolve("a.pem") + ": "), e.getMessage());
    }
}
