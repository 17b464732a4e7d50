package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A WordPress user; {@code username}, {@code email}, {@code roles}, {@code capabilities} only come with the right to edit them.
 * {@code meta}: the registered user meta WordPress shows in REST, as {@link Post#meta()}; null where the read did not carry it.
 */
public record User(
        long id,
        String username,
        String name,
        String firstName,
        String lastName,
        String email,
        String url,
        String description,
        String link,
        String slug,
        String nickname,
        Instant registeredDate,
        List<String> roles,
        Map<String, Boolean> capabilities,
        JsonNode meta) {

    /** A user read without their meta. */
    public User(long id, String username, String name, String firstName, String lastName, String email, String url, String description,
            String link, String slug, String nickname, Instant registeredDate, List<String> roles, Map<String, Boolean> capabilities) {
        this(id, username, name, firstName, lastName, email, url, description, link, slug, nickname, registeredDate, roles, capabilities, null);
    }

    /** This user with a login, for a listing that did not carry it. */
    public User withUsername(String login) {
        return new User(id, login, name, firstName, lastName, email, url, description, link, slug, nickname, registeredDate, roles,
                capabilities, meta);
    }

    /** This user with these meta values. */
    public User withMeta(JsonNode values) {
        return new User(id, username, name, firstName, lastName, email, url, description, link, slug, nickname, registeredDate, roles,
                capabilities, values);
    }
}
