package org.pressdav.wordpress;

import java.util.List;

/** What the companion plugin says of itself ({@code pressdav/v1/status}): its version, schema, features and the feed's head. */
public record Companion(String plugin, String version, int schema, List<String> features, long head) {
    public Companion {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public boolean offers(String feature) {
        return features.contains(feature);
    }

    /** Whether its index lists this collection (feature {@code index:<object type>}, for example {@code index:attachment}). */
    public boolean indexes(Endpoint<?> endpoint) {
        return offers("index:" + endpoint.objectType());
    }
}
