package org.pressdav.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * pressdav's settings once loaded and checked; see {@link Setting} for what each means. Either one site at the root
 * ({@code wordpressUrl}) or several under {@code sites/} ({@code sites} and/or {@code network}), never both.
 */
public record PressdavConfig(
        HttpUrl wordpressUrl,
        List<SiteAddress> sites,
        HttpUrl network,
        Set<String> anonymousSites,
        HttpUrl wordpressConnectUrl,
        String host,
        int port,
        String pathPrefix,
        int httpsPort,
        Path tlsCert,
        Path tlsKey,
        Path tlsKeystore,
        String tlsKeystorePassword,
        boolean plainHttp,
        Path dataDir,
        Path uploadsDir,
        Duration cacheTtl,
        Duration feedCacheTtl,
        Duration changePoll,
        Duration typesRefresh,
        Duration loginCacheTtl,
        boolean anonymousRead,
        boolean trustForwardedHeaders,
        long scratchMaxBytes,
        long scratchTotalMaxBytes,
        Duration scratchTtl,
        long maxUploadBytes,
        long incomingMaxBytes,
        int maxWordpressRequests,
        Duration wordpressTimeout,
        Duration wordpressKeepAlive,
        long maxWordpressAnswerBytes,
        int maxFolderEntries,
        Duration idleTimeout,
        String metricsPath,
        String metricsToken,
        String redisUrl,
        String instanceName,
        String logLevel) {

    public PressdavConfig {
        sites = sites == null ? List.of() : List.copyOf(sites);
        anonymousSites = anonymousSites == null ? Set.of() : Set.copyOf(anonymousSites);
    }

    /** Whether the drive is {@code sites/<name>/}, one folder a site, rather than one site at the root. */
    public boolean servesSites() {
        return wordpressUrl == null;
    }

    /** Whether visitors without a login may read the site of this name under {@code sites/} (all sites with --anonymous-read true). */
    public boolean anonymousReadOf(String site) {
        return anonymousRead || anonymousSites.contains(site);
    }

    /**
     * The settings of one site under {@code sites/}: its URL and address, its own folder of the data directory
     * ({@code sites/<name>}), whether visitors may read it; everything else as set for pressdav.
     */
    public PressdavConfig forSite(String name, HttpUrl url, HttpUrl connectUrl, boolean anonymous) {
        return new PressdavConfig(
                url,
                List.of(),
                null,
                Set.of(),
                connectUrl,
                host,
                port,
                pathPrefix,
                httpsPort,
                tlsCert,
                tlsKey,
                tlsKeystore,
                tlsKeystorePassword,
                plainHttp,
                dataDir.resolve("sites").resolve(name),
                null,
                cacheTtl,
                feedCacheTtl,
                changePoll,
                typesRefresh,
                loginCacheTtl,
                anonymous,
                trustForwardedHeaders,
                scratchMaxBytes,
                scratchTotalMaxBytes,
                scratchTtl,
                maxUploadBytes,
                incomingMaxBytes,
                maxWordpressRequests,
                wordpressTimeout,
                wordpressKeepAlive,
                maxWordpressAnswerBytes,
                maxFolderEntries,
                idleTimeout,
                metricsPath,
                metricsToken,
                redisUrl,
                instanceName,
                logLevel);
    }
}
