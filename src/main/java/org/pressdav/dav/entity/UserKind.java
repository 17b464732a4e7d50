package org.pressdav.dav.entity;

import java.time.Instant;
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
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.User;

/**
 * {@code users/<login>/}. Those who may list users see every login; everyone else sees what
 * WordPress shows the public (authors of published posts, by their slug).
 */
public final class UserKind implements ObjectKind<User> {
    private static final List<Field<User>> FIELDS = List.of(
            Field.<User>of("display-name.txt", (s, u) -> u.name()).writes(Updates.exact(Endpoint.USERS, User::id, "name")),
            Field.<User>of("first-name.txt", (s, u) -> u.firstName()).writes(Updates.exact(Endpoint.USERS, User::id, "first_name")),
            Field.<User>of("last-name.txt", (s, u) -> u.lastName()).writes(Updates.exact(Endpoint.USERS, User::id, "last_name")),
            Field.<User>of("description.txt", (s, u) -> u.description()).writes(Updates.exact(Endpoint.USERS, User::id, "description"))
                    .holding(Field.PARAGRAPH_BYTES),
            Field.<User>of("url.txt", (s, u) -> u.url()).writes(Updates.trimmed(Endpoint.USERS, User::id, "url")),
            Field.<User>of("email.txt", (s, u) -> u.email()),
            Field.<User>of("nice-name.txt", (s, u) -> u.slug()),
            Field.<User>of("registered.txt", (s, u) -> u.registeredDate() == null ? null : u.registeredDate().toString()),
            Field.<User>of("roles.txt", (s, u) -> u.roles() == null ? null : String.join("\n", u.roles())),
            Field.<User>of("id.txt", (s, u) -> String.valueOf(u.id())));

    private final boolean fromIndex;
    private final FirstSeen firstSeen;

    /** Users, listed from the companion plugin's index ({@code fromIndex}) or from core REST. */
    public UserKind(boolean fromIndex, FirstSeen firstSeen) {
        this.firstSeen = firstSeen;
        this.fromIndex = fromIndex;
    }

    @Override
    public String folderName() {
        return "users";
    }

    @Override
    public List<User> list(DavSession session) {
        List<User> users = fromIndex ? session.wordpress().index(session.credentials(), Endpoint.USERS)
                : session.wordpress().list(session.credentials(), Endpoint.USERS,
                        session.can("list_users") ? ListQuery.all().withContext(Context.EDIT) : ListQuery.all()).items();
        if (session.isAnonymous()) {
            return users;
        }
        // Everyone knows their own login and has their own folder (their profile is theirs to edit),
        // even where WordPress lists only authors of published posts.
        User me = session.user();
        List<User> shown = new java.util.ArrayList<>(users.stream()
                .map(u -> u.id() == me.id() && u.username() == null ? u.withUsername(me.username()) : u).toList());
        if (shown.stream().noneMatch(u -> u.id() == me.id())) {
            shown.add(me);
        }
        return shown;
    }

    @Override
    public String name(User user) {
        return nameOf(user);
    }

    static String nameOf(User user) {
        String name = user.username() != null ? user.username() : user.slug();
        name = Names.safe(name == null ? "" : name);
        return name.isEmpty() ? String.valueOf(user.id()) : name;
    }

    /** By the first letter of their names: {@code users/A/}. */
    @Override
    public Shelving shelving() {
        return Shelving.BY_INITIAL;
    }

    @Override
    public long id(User user) {
        return user.id();
    }

    @Override
    public Instant modified(DavSession session, User user) {
        return firstSeen.of("user", user.id());
    }

    @Override
    public Instant created(DavSession session, User user) {
        return user.registeredDate() != null ? user.registeredDate() : modified(session, user);
    }

    @Override
    public List<Dates> dates(DavSession session, List<User> users) {
        Map<Long, Instant> seen = firstSeen.of("user", users.stream().map(User::id).toList());
        return users.stream().map(user -> new Dates(seen.get(user.id()),
                user.registeredDate() != null ? user.registeredDate() : seen.get(user.id()))).toList();
    }

    @Override
    public Endpoint<User> endpoint() {
        return Endpoint.USERS;
    }

    @Override
    public String editRefusal() {
        return "Sorry, you are not allowed to edit this user.";
    }

    @Override
    public User load(DavSession session, User listed) {
        return Reads.object(session, Endpoint.USERS, listed.id());
    }

    @Override
    public List<Field<User>> fields() {
        return FIELDS;
    }

    @Override
    public Set<String> folderNames() {
        return Set.of(MetaFolder.NAME);
    }

    /** {@code meta/} where the site has user meta in REST. */
    @Override
    public List<Folder> folders(DavSession session, User loaded, String objectKey) {
        return MetaFolder.of(session, this, User::meta, loaded, objectKey);
    }
}
