package org.pressdav.wordpress;

/**
 * A REST collection and the record its items read into. {@code trashable}: a plain DELETE
 * moves the object to the trash; the others are only ever deleted for real ({@code force=true}).
 * {@code objectType}: WordPress's name of what the collection holds (a post type, a taxonomy,
 * {@code user}, {@code comment}), as the companion plugin's index and change feed name it.
 */
public record Endpoint<T>(String route, Class<T> type, boolean trashable, String objectType) {
    public static final Endpoint<Post> POSTS = new Endpoint<>("wp/v2/posts", Post.class, true, "post");
    public static final Endpoint<Post> PAGES = new Endpoint<>("wp/v2/pages", Post.class, true, "page");
    public static final Endpoint<Media> MEDIA = new Endpoint<>("wp/v2/media", Media.class, false, "attachment");
    public static final Endpoint<User> USERS = new Endpoint<>("wp/v2/users", User.class, false, "user");
    public static final Endpoint<Term> CATEGORIES = new Endpoint<>("wp/v2/categories", Term.class, false, "category");
    public static final Endpoint<Term> TAGS = new Endpoint<>("wp/v2/tags", Term.class, false, "post_tag");
    public static final Endpoint<Comment> COMMENTS = new Endpoint<>("wp/v2/comments", Comment.class, true, "comment");

    /** Every collection the drive shows. */
    public static final java.util.List<Endpoint<?>> ALL = java.util.List.of(POSTS, PAGES, MEDIA, USERS, CATEGORIES, TAGS, COMMENTS);

    String itemRoute(long id) {
        return route + "/" + id;
    }
}
