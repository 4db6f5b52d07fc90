package dev.warcorn.launcher.process;

import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.tls.TlsFiles;

import java.util.Optional;

/**
 * Reads the TLS files once in the master before any worker is spawned, so that a wrong path, a key that is
 * not PEM or a PKCS#12 password that does not open the keystore stops warcorn at start (exit 2) with the
 * rule, instead of every worker failing to boot. HUP checks them again before any worker is replaced: a
 * renewal half done (a missing file, a key that does not match the certificate) keeps the old workers
 * serving (docs/http-edge.md).
 */
public final class TlsCheck {
    private TlsCheck() {
    }

    /** What is wrong with the TLS settings, or empty. */
    public static Optional<String> problem(Config config) {
        if (config.optional(Settings.CERTFILE).isEmpty()) {
            for (var s : java.util.List.of(Settings.KEYFILE, Settings.KEYSTORE_PASSWORD_FILE, Settings.CA_CERTS))
                if (config.optional(s).isPresent()) return Optional.of(s.name() + "=" + config.optional(s).get() + ": needs --certfile");
            if (config.optional(Settings.CIPHERS).isPresent())
                return Optional.of("ciphers=" + String.join(",", config.get(Settings.CIPHERS)) + ": needs --certfile");
            return Optional.empty();
        }
        if (!config.get(Settings.CERT_REQS).equals("none") && config.optional(Settings.CA_CERTS).isEmpty())
            return Optional.of("cert-reqs=" + config.get(Settings.CERT_REQS) + ": needs --ca-certs with the certificates client certificates chain to");
        try {
            TlsFiles.keyStore(config.get(Settings.CERTFILE), config.optional(Settings.KEYFILE), TlsFiles.password(config.optional(Settings.KEYSTORE_PASSWORD_FILE)));
            config.optional(Settings.CA_CERTS).ifPresent(TlsFiles::trustStore);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
