package org.pressdav.wordpress;

/**
 * A REST collection and the record its items read into. {@code trashable}: a plain DELETE
 * moves the object to the trash; the others are only ever deleted for real ({@code force=true}).
 */
public record Endpoint<T>(String route, Class<T> type, boolean trashable) {
    public static final Endpoint<Post> POSTS = new Endpoint<>("wp/v2/posts", Post.class, true);
    public static final Endpoint<Post> PAGES = new Endpoint<>("wp/v2/pages", Post.class, true);
    public static final Endpoint<Media> MEDIA = new Endpoint<>("wp/v2/media", Media.class, false);
    public static final Endpoint<User> USERS = new Endpoint<>("wp/v2/users", User.class, false);
    public static final Endpoint<Term> CATEGORIES = new Endpoint<>("wp/v2/categories", Term.class, false);
    public static final Endpoint<Term> TAGS = new Endpoint<>("wp/v2/tags", Term.class, false);
    public static final Endpoint<Comment> COMMENTS = new Endpoint<>("wp/v2/comments", Comment.class, true);

    String itemRoute(long id) {
        return route + "/" + id;
    }
}
