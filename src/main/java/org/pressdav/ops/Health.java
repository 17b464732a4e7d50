package org.pressdav.ops;

import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health/ready} tells: why pressdav cannot serve now (null: it can) and, with several sites, each site's
 * state by name (null: it answers). With several sites pressdav is ready while one of them answers: a balancer must not
 * take an instance away from every site because one WordPress is down; that site's folder answers 503 meanwhile.
 */
public record Health(String problem, Map<String, String> sites) {
    public Health {
        sites = sites == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    }

    /** One site at the root: ready when its WordPress (and any shared Redis) answers. */
    public static Health of(String problem) {
        return new Health(problem, Map.of());
    }

    /** Several sites: ready while any answers, each one's state told. */
    public static Health ofSites(Map<String, String> sites) {
        boolean anyReady = sites.values().stream().anyMatch(Objects::isNull);
        return new Health(anyReady ? null : "no site answers: " + String.join("; ", sites.values().stream()
                .map(String::valueOf).toList()), sites);
    }
}
