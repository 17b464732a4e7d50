package org.pressdav.wordpress;

/**
 * A REST collection and the record its items read into. {@code trashable}: a plain DELETE
 * moves the object to the trash; the others are only ever deleted for real ({@code force=true}).
 * {@code objectType}: WordPress's name of what the collection holds (a post type, a taxonomy,
 * {@code user}, {@code comment}), as the companion plugin's index and change feed name it.
 * The constants are the collections every WordPress has; a post type's or a taxonomy's collection
 * found at run time is made by {@link #ofPostType} or {@link #ofTaxonomy}.
 */
public record Endpoint<T>(String route, Class<T> type, boolean trashable, String objectType) {
    public static final Endpoint<Post> POSTS = ofPostType("wp/v2", "posts", "post");
    public static final Endpoint<Post> PAGES = ofPostType("wp/v2", "pages", "page");
    public static final Endpoint<Media> MEDIA = new Endpoint<>("wp/v2/media", Media.class, false, "attachment");
    public static final Endpoint<User> USERS = new Endpoint<>("wp/v2/users", User.class, false, "user");
    public static final Endpoint<Term> CATEGORIES = ofTaxonomy("wp/v2", "categories", "category");
    public static final Endpoint<Term> TAGS = ofTaxonomy("wp/v2", "tags", "post_tag");
    public static final Endpoint<Comment> COMMENTS = new Endpoint<>("wp/v2/comments", Comment.class, true, "comment");

    /** The collection of a post type ({@code wp/v2}, {@code books}, {@code book}): its objects go to the trash first. */
    public static Endpoint<Post> ofPostType(String namespace, String restBase, String postType) {
        return new Endpoint<>(namespace + "/" + restBase, Post.class, true, postType);
    }

    /** The collection of a taxonomy's terms ({@code wp/v2}, {@code genres}, {@code genre}): terms have no trash. */
    public static Endpoint<Term> ofTaxonomy(String namespace, String restBase, String taxonomy) {
        return new Endpoint<>(namespace + "/" + restBase, Term.class, false, taxonomy);
    }

    /**
     * The collection of a template type ({@code wp/v2}, {@code templates}, {@code wp_template}): its objects have string
     * ids ({@code theme//slug}), so they are saved and deleted by {@link WordPressClient#saveTemplate} and
     * {@link WordPressClient#revertTemplate}; a user's copy is deleted for good.
     */
    public static Endpoint<Template> ofTemplates(String namespace, String restBase, String templateType) {
        return new Endpoint<>(namespace + "/" + restBase, Template.class, false, templateType);
    }

    /** The collection of one post's revisions ({@code wp/v2/posts/12/revisions}). */
    public static Endpoint<Post> revisionsOf(Endpoint<Post> posts, long id) {
        return new Endpoint<>(posts.itemRoute(id) + "/revisions", Post.class, false, "revision");
    }

    /** The last part of the route, WordPress's {@code rest_base}: {@code posts}, {@code categories}. */
    public String restBase() {
        return route.substring(route.lastIndexOf('/') + 1);
    }

    String itemRoute(long id) {
        return route + "/" + id;
    }

    /** A template's route: its id keeps its {@code //} ({@code wp/v2/templates/twentytwentyfour//index}), as WordPress documents. */
    String itemRoute(String id) {
        return route + "/" + id;
    }
}
