package dev.warcorn.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate and key files of --certfile/--keyfile, read into a {@link KeyStore}: PEM as Gunicorn
 * takes them (a certificate chain, and an unencrypted PKCS#8 or PKCS#1 RSA key), or a PKCS#12 keystore
 * ({@code .p12}, {@code .pfx}). The master reads them once before it spawns a worker, so that a bad file
 * is a start-up error with the rule; each worker reads them again when it boots, which is how HUP picks
 * up a renewed certificate. The JDK reads PEM certificates but not PEM keys, so keys are decoded here.
 */
public final class TlsFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private TlsFiles() {
    }

    /** The first line of --keystore-password-file, or an empty password. */
    public static char[] password(Optional<Path> passwordFile) {
        if (passwordFile.isEmpty()) return new char[0];
        try {
            return Files.readString(passwordFile.get(), StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("keystore-password-file=" + passwordFile.get() + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Whether {@code certfile} is a PKCS#12 keystore rather than PEM, by its name. */
    public static boolean isPkcs12(Path certfile) {
        String name = certfile.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /**
     * The server's key and certificate chain under alias {@code server}, password {@code password}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyStore keyStore(Path certfile, Optional<Path> keyfile, char[] password) {
        try {
            if (isPkcs12(certfile)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(certfile)) {
                    ks.load(in, password);
                } catch (IOException e) {
                    throw new IllegalArgumentException("certfile=" + certfile + ": cannot read the PKCS#12 keystore (" + e.getMessage()
                            + "); check the file and --keystore-password-file");
                }
                if (java.util.Collections.list(ks.aliases()).stream().noneMatch(a -> isKeyEntry(ks, a)))
                    throw new IllegalArgumentException("certfile=" + certfile + ": the PKCS#12 keystore holds no private key; "
                            + "export it with its key (openssl pkcs12 -export -inkey KEY -in CERT)");
                return ks;
            }
            List<Certificate> chain = certificates(certfile, "certfile");
            if (keyfile.isEmpty())
                throw new IllegalArgumentException("certfile=" + certfile + ": a PEM certificate needs --keyfile with its private key");
            PrivateKey key = privateKey(keyfile.get());
            if (!belongTogether(key, (X509Certificate) chain.getFirst()))
                throw new IllegalArgumentException("keyfile=" + keyfile.get() + ": the key does not belong to the first certificate of certfile="
                        + certfile + "; give the key the certificate was issued for (a renewal replaces both files)");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            return ks;
        } catch (java.nio.file.NoSuchFileException e) {
            String setting = keyfile.isPresent() && keyfile.get().toString().equals(e.getFile()) ? "keyfile" : "certfile";
            throw new IllegalArgumentException(setting + "=" + e.getFile() + ": no such file; write the certificate and its key there (a renewal replaces both)");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("certfile=" + certfile + ": " + e.getMessage());
        }
    }

    private static boolean isKeyEntry(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Whether {@code key} is the private half of the certificate's public key: a signature made with one checks
     * with the other. The JDK would accept the pair and fail every handshake instead.
     */
    static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) return true; // RSASSA-PSS needs parameters; the handshake will tell
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm()) && !algorithm.equals("Ed25519")) return false;
        try {
            byte[] probe = "warcorn key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature sign = java.security.Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The --ca-certs file's certificates, as a trust store. */
    public static KeyStore trustStore(Path caCerts) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caCerts, "ca-certs")) ks.setCertificateEntry("ca-" + i++, c);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("ca-certs=" + caCerts + ": " + e.getMessage());
        }
    }

    /** The serial number of the first certificate, for the log line that tells which certificate a worker serves. */
    public static String describe(KeyStore ks) {
        try {
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x)
                    return x.getSubjectX500Principal().getName() + " serial " + x.getSerialNumber().toString(16) + ", valid until " + x.getNotAfter().toInstant();
            }
        } catch (GeneralSecurityException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        return "(no certificate)";
    }

    private static List<Certificate> certificates(Path file, String setting) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": not a PEM certificate (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) throw new IllegalArgumentException(setting + "=" + file + ": no certificate in the file");
        return new ArrayList<>(certs);
    }

    private static PrivateKey privateKey(Path keyfile) throws IOException {
        String text = Files.readString(keyfile, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(keyfile, der);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(keyfile, Pkcs1.toPkcs8(der));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("keyfile=" + keyfile
                        + ": the key is encrypted; decrypt it (openssl pkcs8 -in KEY -out KEY.plain) or use a PKCS#12 --certfile");
                case "EC PRIVATE KEY" -> throw new IllegalArgumentException("keyfile=" + keyfile
                        + ": SEC1 EC keys are not read; convert it with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
                default -> {
                    // a certificate or parameters block beside the key: skip it
                }
            }
        }
        throw new IllegalArgumentException("keyfile=" + keyfile + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in the file");
    }

    private static PrivateKey pkcs8(Path keyfile, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("keyfile=" + keyfile + ": not an RSA, EC or Ed25519 private key");
    }
}
