package org.pressdav.config;

import java.nio.file.Path;
import java.time.Duration;
import okhttp3.HttpUrl;

/** pressdav's settings once loaded and checked; see {@link Setting} for what each means. */
public record PressdavConfig(
        HttpUrl wordpressUrl,
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
        Duration idleTimeout,
        String metricsPath,
        String metricsToken,
        String redisUrl,
        String instanceName,
        String logLevel) {
}
