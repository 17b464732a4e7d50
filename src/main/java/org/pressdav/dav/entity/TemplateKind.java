package org.pressdav.dav.entity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Template;

/**
 * The block templates of the active theme ({@code templates/index/content.html}) or its template parts
 * ({@code template-parts/header/}), one folder per template named by its slug, as WordPress's templates controller
 * gives them to those who may {@code edit_theme_options} (everyone else is refused the listing, and is never shown
 * the folder). A save makes WordPress keep a user's copy of a theme's template ({@code source.txt} then says
 * {@code custom}); deleting the folder deletes that copy, so the theme's own shows again.
 */
public final class TemplateKind implements ObjectKind<Template> {
    private static final ListQuery ALL = ListQuery.all().withContext(Context.EDIT);

    private final String folderName;
    private final Endpoint<Template> endpoint;
    private final FirstSeen firstSeen;
    private final List<Field<Template>> fields;

    /** The templates of {@code endpoint} in the top folder {@code folderName}; parts ({@code parts}) have {@code area.txt} too. */
    public TemplateKind(String folderName, Endpoint<Template> endpoint, boolean parts, FirstSeen firstSeen) {
        this.folderName = folderName;
        this.endpoint = endpoint;
        this.firstSeen = firstSeen;
        List<Field<Template>> f = new java.util.ArrayList<>(List.of(
                Field.<Template>of("content.html", (s, t) -> t.content() == null ? "" : t.content().text()).writes(saving("content"))
                        .holding(Field.DOCUMENT_BYTES),
                Field.<Template>of("title.txt", (s, t) -> t.title() == null ? "" : t.title().text()).writes(saving("title")),
                Field.<Template>of("description.txt", (s, t) -> t.description() == null ? "" : t.description()).writes(saving("description"))
                        .holding(Field.PARAGRAPH_BYTES),
                Field.<Template>of("source.txt", (s, t) -> t.source())));
        if (parts) {
            f.add(Field.<Template>of("area.txt", (s, t) -> t.area() == null ? "" : t.area()));
        }
        this.fields = List.copyOf(f);
    }

    /** A save of one field, exactly as written: WordPress keeps a user's copy of the template with it. */
    private Field.Updater<Template> saving(String restField) {
        return (s, template, text) -> s.wordpress().saveTemplate(s.credentials(), endpoint, template.id(), Map.of(restField, text));
    }

    @Override
    public String folderName() {
        return folderName;
    }

    /** In the edit context, content and all: templates are few, and WordPress lists them only to those who may edit them. */
    @Override
    public List<Template> list(DavSession session) {
        return session.wordpress().list(session.credentials(), endpoint, ALL).items();
    }

    /** The slug, unique among the active theme's templates (WordPress lists no other theme's). */
    @Override
    public String name(Template template) {
        String name = Names.safe(template.slug() == null ? "" : template.slug());
        return name.isEmpty() ? Names.safe(template.id()) : name;
    }

    /**
     * Templates have no number (a theme's has no post), but the drive's stores key an object's folder by one: a number
     * drawn from WordPress's string id, the same for every instance and every start.
     */
    @Override
    public long id(Template template) {
        return UUID.nameUUIDFromBytes(template.id().getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() & Long.MAX_VALUE;
    }

    @Override
    public Endpoint<Template> endpoint() {
        return endpoint;
    }

    /** Whoever WordPress lists templates to may edit them all: both need {@code edit_theme_options}. */
    @Override
    public boolean mayEdit(DavSession session, Template template) {
        return true;
    }

    @Override
    public String editRefusal() {
        return "Sorry, you are not allowed to access the templates on this site.";
    }

    @Override
    public boolean deletable() {
        return true;
    }

    /** Deleting a user's copy reverts to the theme's template; a theme's template as it is has nothing to delete. */
    @Override
    public void delete(DavSession session, Template template) {
        if (!template.isCustom()) {
            throw new DavError.Forbidden(folderName + "/" + name(template) + "/ is the theme's own template, unchanged: only a saved copy"
                    + " (source.txt custom) can be deleted, which brings the theme's back");
        }
        session.wordpress().revertTemplate(session.credentials(), endpoint, template.id());
    }

    @Override
    public Instant modified(DavSession session, Template template) {
        return firstSeen.of(folderName, id(template));
    }

    @Override
    public Instant created(DavSession session, Template template) {
        return modified(session, template);
    }

    @Override
    public List<Dates> dates(DavSession session, List<Template> templates) {
        return SeenDates.of(firstSeen, folderName, templates, this::id);
    }

    @Override
    public List<Field<Template>> fields() {
        return fields;
    }
}
