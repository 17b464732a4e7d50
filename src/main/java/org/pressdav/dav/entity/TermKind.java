package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.node.Shelving;
import org.pressdav.dav.node.Reads;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.Term;

/** The terms of a taxonomy: {@code categories/<slug>/name.txt}, …; a hierarchical one (categories) adds {@code parent.txt}. */
public final class TermKind implements ObjectKind<Term> {
    private static final ListQuery ALL = ListQuery.all().with("hide_empty", "false");

    private final Endpoint<Term> endpoint;
    private final String folderName;
    private final boolean fromIndex;
    private final FirstSeen firstSeen;
    private final List<Field<Term>> fields;

    /** The terms of {@code taxonomy}, in the folder named by its {@code rest_base}, listed from the companion plugin's index ({@code fromIndex}) or from core REST. */
    public TermKind(Taxonomy taxonomy, boolean fromIndex, FirstSeen firstSeen) {
        this(taxonomy.restBase(), taxonomy, fromIndex, firstSeen);
    }

    /** The same in a folder of another name than the taxonomy's {@code rest_base} (where that name is taken: see the README). */
    public TermKind(String folderName, Taxonomy taxonomy, boolean fromIndex, FirstSeen firstSeen) {
        this.firstSeen = firstSeen;
        this.endpoint = taxonomy.endpoint();
        this.folderName = folderName;
        this.fromIndex = fromIndex;
        List<Field<Term>> f = new ArrayList<>(List.of(
                Field.<Term>of("name.txt", (s, t) -> t.name()).writes(Updates.exact(endpoint, Term::id, "name")),
                Field.<Term>of("description.txt", (s, t) -> t.description()).writes(Updates.exact(endpoint, Term::id, "description"))
                        .holding(Field.PARAGRAPH_BYTES)));
        if (taxonomy.hierarchical()) {
            f.add(Field.<Term>of("parent.txt", (s, t) -> Lookups.termSlug(s, endpoint, t.parent())).writes((s, t, text) -> {
                long parent = text.isBlank() ? 0 : Updates.termId(s, taxonomy, text.strip());
                return s.wordpress().update(s.credentials(), endpoint, t.id(), Map.of("parent", parent));
            }));
        }
        f.addAll(List.of(
                Field.<Term>of("count.txt", (s, t) -> String.valueOf(t.count())),
                Field.<Term>of("id.txt", (s, t) -> String.valueOf(t.id())),
                Field.<Term>of("slug.txt", (s, t) -> Names.slug(t.slug()))));
        this.fields = List.copyOf(f);
    }

    @Override
    public String folderName() {
        return folderName;
    }

    @Override
    public List<Term> list(DavSession session) {
        return fromIndex ? session.wordpress().index(session.credentials(), endpoint)
                : session.wordpress().list(session.credentials(), endpoint, ALL).items();
    }

    /** The slug, which WordPress keeps unique within a taxonomy. */
    @Override
    public String name(Term term) {
        String name = Names.safe(Names.slug(term.slug()));
        return name.isEmpty() ? String.valueOf(term.id()) : name;
    }

    /** By the first letter of their names: {@code tags/A/}. */
    @Override
    public Shelving shelving() {
        return Shelving.BY_INITIAL;
    }

    @Override
    public long id(Term term) {
        return term.id();
    }

    /** MKCOL: a term named by the folder; WordPress derives its slug (a name in use is 409). */
    @Override
    public Term create(DavSession session, String name) {
        return session.wordpress().create(session.credentials(), endpoint, java.util.Map.of("name", name));
    }

    @Override
    public Endpoint<Term> endpoint() {
        return endpoint;
    }

    @Override
    public String editRefusal() {
        return "Sorry, you are not allowed to edit this term.";
    }

    /** A folder's new name is the term's new name, and its slug as WordPress sanitises it. */
    @Override
    public void rename(DavSession session, Term term, String name, boolean isNew) {
        session.wordpress().update(session.credentials(), endpoint, term.id(), java.util.Map.of("name", name, "slug", name));
    }

    @Override
    public boolean deletable() {
        return true;
    }

    /** Terms have no trash: deleting is for good, where WordPress allows it to this user. */
    @Override
    public void delete(DavSession session, Term term) {
        session.wordpress().delete(session.credentials(), endpoint, term.id());
    }

    @Override
    public Instant modified(DavSession session, Term term) {
        return firstSeen.of(folderName, term.id());
    }

    @Override
    public Instant created(DavSession session, Term term) {
        return modified(session, term);
    }

    @Override
    public List<Dates> dates(DavSession session, List<Term> terms) {
        return SeenDates.of(firstSeen, folderName, terms, Term::id);
    }

    @Override
    public List<Field<Term>> fields() {
        return fields;
    }

    /** A term as listed, or read whole where the listing (the companion plugin's index) left out its meta. */
    @Override
    public Term load(DavSession session, Term listed) {
        return listed.meta() != null ? listed : Reads.object(session, endpoint, listed.id());
    }

    @Override
    public Set<String> folderNames() {
        return Set.of(MetaFolder.NAME);
    }

    /** {@code meta/} where the taxonomy has term meta in REST. */
    @Override
    public List<Folder> folders(DavSession session, Term loaded, String objectKey) {
        return MetaFolder.of(session, this, Term::meta, loaded, objectKey);
    }
}
