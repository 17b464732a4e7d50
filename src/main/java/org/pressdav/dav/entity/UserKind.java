package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.List;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Field;
import org.pressdav.dav.Names;
import org.pressdav.dav.ObjectKind;
import org.pressdav.dav.Reads;
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
            Field.of("display-name.txt", (s, u) -> u.name()),
            Field.of("first-name.txt", (s, u) -> u.firstName()),
            Field.of("last-name.txt", (s, u) -> u.lastName()),
            Field.of("description.txt", (s, u) -> u.description()),
            Field.of("url.txt", (s, u) -> u.url()),
            Field.of("email.txt", (s, u) -> u.email()),
            Field.of("nice-name.txt", (s, u) -> u.slug()),
            Field.of("registered.txt", (s, u) -> u.registeredDate() == null ? null : u.registeredDate().toString()),
            Field.of("roles.txt", (s, u) -> u.roles() == null ? null : String.join("\n", u.roles())),
            Field.of("id.txt", (s, u) -> String.valueOf(u.id())));

    @Override
    public String folderName() {
        return "users";
    }

    @Override
    public List<User> list(DavSession session) {
        ListQuery query = session.can("list_users") ? ListQuery.all().withContext(Context.EDIT) : ListQuery.all();
        return session.wordpress().list(session.credentials(), Endpoint.USERS, query).items();
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

    @Override
    public Instant modified(DavSession session, User user) {
        return session.firstSeen().of("user", user.id());
    }

    @Override
    public Instant created(DavSession session, User user) {
        return user.registeredDate() != null ? user.registeredDate() : modified(session, user);
    }

    @Override
    public User load(DavSession session, User listed) {
        return Reads.object(session, Endpoint.USERS, listed.id());
    }

    @Override
    public List<Field<User>> fields() {
        return FIELDS;
    }
}
