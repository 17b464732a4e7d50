package org.pressdav.server;

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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pressdav.config.ConfigException;

/**
 * The server's certificate and key as Jetty wants them, a {@link KeyStore}: read from PEM files
 * (the certificate chain, and an unencrypted PKCS#8 key, RSA or EC, as ACME clients and openssl
 * write them) or from a PKCS#12 keystore.
 */
final class TlsKeys {
    static final char[] IN_MEMORY = "pressdav".toCharArray();
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private TlsKeys() {
    }

    /** A keystore of one entry, {@code pressdav}, protected by {@link #IN_MEMORY}. */
    static KeyStore fromPem(Path certificate, Path key) {
        try {
            List<Certificate> chain = new ArrayList<>();
            try (InputStream in = Files.newInputStream(certificate)) {
                chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new ConfigException("--tls-cert " + certificate + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("pressdav", privateKey(key), IN_MEMORY, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the TLS certificate " + certificate + " and key " + key + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path key) throws IOException, GeneralSecurityException {
        Matcher pem = PEM.matcher(Files.readString(key, StandardCharsets.US_ASCII));
        while (pem.find()) {
            if (pem.group(1).equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(2)));
                for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (GeneralSecurityException notThisOne) {
                        // the next algorithm
                    }
                }
                throw new ConfigException("--tls-key " + key + " is neither an RSA, an EC nor an Ed25519 key");
            }
            if (pem.group(1).endsWith("PRIVATE KEY")) {
                throw new ConfigException("--tls-key " + key + " is a " + pem.group(1)
                        + ": give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem)");
            }
        }
        throw new ConfigException("--tls-key " + key + " holds no PEM private key");
    }
}
