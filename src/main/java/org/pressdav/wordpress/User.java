package org.pressdav.wordpress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A WordPress user; {@code username}, {@code email}, {@code roles}, {@code capabilities} only come with the right to edit them. */
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
        Map<String, Boolean> capabilities) {

    /** This user with a login, for a listing that did not carry it. */
    public User withUsername(String login) {
        return new User(id, login, name, firstName, lastName, email, url, description, link, slug, nickname, registeredDate, roles,
                capabilities);
    }
}
