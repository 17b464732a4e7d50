package org.pressdav.server;

import java.net.HttpURLConnection;
import java.net.URL;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The image's HEALTHCHECK: exit 0 when pressdav on this machine answers {@code /health}, 1 when
 * not. It asks the plain HTTP port ({@code PRESSDAV_PORT}), or, with plain HTTP off, the HTTPS
 * port, whose certificate it does not check (it only talks to itself).
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static void main(String[] args) throws Exception {
        boolean plain = !"false".equalsIgnoreCase(System.getenv().getOrDefault("PRESSDAV_PLAIN_HTTP", "true"));
        String port = plain ? System.getenv().getOrDefault("PRESSDAV_PORT", "8080") : System.getenv().getOrDefault("PRESSDAV_HTTPS_PORT", "8443");
        URL url = new URL((plain ? "http" : "https") + "://127.0.0.1:" + port + "/health");
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        if (connection instanceof HttpsURLConnection https) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String type) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String type) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            https.setSSLSocketFactory(context.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setConnectTimeout(3000);
        connection.setReadTimeout(3000);
        try {
            System.exit(connection.getResponseCode() == 200 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.err.println("pressdav does not answer on " + url + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
