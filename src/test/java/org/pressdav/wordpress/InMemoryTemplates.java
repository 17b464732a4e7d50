package org.pressdav.wordpress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block templates and parts of the active theme as WordPress's templates controller serves them, for the
 * in-memory double: the theme's files (source {@code theme}, no post) and the users' saved copies (source
 * {@code custom}, a post of their own), a copy hiding the theme's file of the same slug. Everything asks for
 * {@code edit_theme_options} (401 to visitors, 403 to others, {@code rest_cannot_manage_templates}); a save of a
 * theme's template makes a copy, a delete of a copy brings the theme's back, a delete of a theme's template is 400
 * {@code rest_invalid_template}, as WordPress answers.
 */
public final class InMemoryTemplates {
    public static final String THEME = "in-memory-blocks";
    /** The template types as WordPress registers them ({@code wp/v2/types}): edited by those who may edit the theme. */
    public static final PostType TEMPLATE_TYPE = new PostType(Endpoint.ofPostType("wp/v2", "templates", "wp_template"), false,
            "edit_theme_options", List.of());
    public static final PostType PART_TYPE = new PostType(Endpoint.ofPostType("wp/v2", "template-parts", "wp_template_part"), false,
            "edit_theme_options", List.of());

    /** The theme's files, by type and slug, in the theme's order. */
    private final Map<String, Map<String, Template>> theme = new ConcurrentHashMap<>();
    /** The users' copies, by id ({@code theme//slug}). */
    private final Map<String, Template> custom = new ConcurrentHashMap<>();
    private final AtomicLong postIds;

    InMemoryTemplates(AtomicLong postIds) {
        this.postIds = postIds;
    }

    /** A file of the theme's: {@code templates/<slug>.html} ({@code wp_template}) or {@code parts/<slug>.html} with an area. */
    public InMemoryTemplates addThemeFile(String type, String slug, String title, String content, String area) {
        Template file = new Template(THEME + "//" + slug, THEME, slug, "theme", type, new Rendered(content, null, false),
                new Rendered(title, title, false), "", "publish", 0, true, type.equals(PART_TYPE.name()) ? area : null);
        theme.computeIfAbsent(type, t -> java.util.Collections.synchronizedMap(new LinkedHashMap<>())).put(slug, file);
        return this;
    }

    /** The template as WordPress holds it now (a user's copy, else the theme's), as a test checks it. */
    public Template template(String type, String slug) {
        return current(type, THEME + "//" + slug);
    }

    List<Template> list(InMemoryWordPress.Account who, Endpoint<?> endpoint) {
        permitted(who);
        List<Template> all = new ArrayList<>();
        Map<String, Template> files = theme.getOrDefault(endpoint.objectType(), Map.of());
        synchronized (files) {
            files.values().forEach(file -> all.add(custom.getOrDefault(file.id(), file)));
        }
        custom.values().stream().filter(copy -> copy.type().equals(endpoint.objectType()) && !files.containsKey(copy.slug())).forEach(all::add);
        return all;
    }

    Template save(InMemoryWordPress.Account who, Endpoint<Template> endpoint, String id, Map<String, ?> fields) {
        permitted(who);
        Template now = found(endpoint, id);
        String content = fields.containsKey("content") ? String.valueOf(fields.get("content")) : now.content().raw();
        String title = fields.containsKey("title") ? String.valueOf(fields.get("title")) : now.title().raw();
        String description = fields.containsKey("description") ? String.valueOf(fields.get("description")) : now.description();
        Template copy = new Template(now.id(), now.theme(), now.slug(), "custom", now.type(), new Rendered(content, null, false),
                new Rendered(title, title, false), description, "publish", now.isCustom() ? now.wpId() : postIds.incrementAndGet(),
                now.hasThemeFile(), now.area());
        custom.put(copy.id(), copy);
        return copy;
    }

    void revert(InMemoryWordPress.Account who, Endpoint<Template> endpoint, String id) {
        permitted(who);
        Template now = found(endpoint, id);
        if (!now.isCustom()) {
            throw new WordPressException(400, "rest_invalid_template", "Templates based on theme files can't be removed.");
        }
        custom.remove(id);
    }

    private Template found(Endpoint<?> endpoint, String id) {
        Template now = current(endpoint.objectType(), id);
        if (now == null) {
            throw new WordPressException(404, "rest_template_not_found", "No templates exist with that id.");
        }
        return now;
    }

    private Template current(String type, String id) {
        Template copy = custom.get(id);
        if (copy != null && copy.type().equals(type)) {
            return copy;
        }
        return theme.getOrDefault(type, Map.of()).values().stream().filter(file -> file.id().equals(id)).findFirst().orElse(null);
    }

    private static void permitted(InMemoryWordPress.Account who) {
        if (!InMemoryWordPress.can(who, "edit_theme_options")) {
            throw InMemoryWordPress.forbidden(who, "rest_cannot_manage_templates", "Sorry, you are not allowed to access the templates on this site.");
        }
    }
}
