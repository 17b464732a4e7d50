package org.pressdav.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS's certificate and key, from PEM files ({@code certificate}, {@code key}) or a PKCS#12
 * {@code keystore}, and kept current: the files are looked at every few seconds and read again
 * when they change, as when an ACME client renews the certificate. Connections made after a
 * reload get the new certificate; those open keep theirs.
 */
public final class Tls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tls.class);

    private final Path certificate;
    private final Path key;
    private final Path keystore;
    private final String keystorePassword;
    private final SslContextFactory.Server context = new SslContextFactory.Server();
    private final ScheduledExecutorService watcher;
    private List<FileTime> seen;

    private Tls(Path certificate, Path key, Path keystore, String keystorePassword, java.time.Duration every) {
        this.certificate = certificate;
        this.key = key;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        configure(context);
        this.seen = times();
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pressdav-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From a PEM certificate chain and its unencrypted PKCS#8 key. */
    public static Tls pem(Path certificate, Path key, java.time.Duration every) {
        return new Tls(certificate, key, null, null, every);
    }

    /** From a PKCS#12 keystore. */
    public static Tls keystore(Path keystore, String password, java.time.Duration every) {
        return new Tls(null, null, keystore, password, every);
    }

    public SslContextFactory.Server context() {
        return context;
    }

    private void configure(SslContextFactory.Server factory) {
        if (keystore != null) {
            factory.setKeyStorePath(keystore.toString());
            factory.setKeyStoreType("PKCS12");
            factory.setKeyStorePassword(keystorePassword);
        } else {
            factory.setKeyStore(TlsKeys.fromPem(certificate, key));
            factory.setKeyStorePassword(new String(TlsKeys.IN_MEMORY));
        }
        // A certificate for a LAN name may be reached by its address: the name a client sends (SNI) is not checked.
        factory.setSniRequired(false);
    }

    private List<FileTime> times() {
        return (keystore != null ? List.of(keystore) : List.of(certificate, key)).stream().map(Tls::modified).toList();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private void reloadIfChanged() {
        List<FileTime> now = times();
        if (now.equals(seen)) {
            return;
        }
        try {
            context.reload(factory -> configure((SslContextFactory.Server) factory));
            seen = now;
            log.info("TLS certificate read again from {}", keystore != null ? keystore : certificate);
        } catch (Exception e) {
            // Half-written files (a renewal in progress): the old certificate stays, and the next look tries again.
            log.warn("TLS certificate not reloaded: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
