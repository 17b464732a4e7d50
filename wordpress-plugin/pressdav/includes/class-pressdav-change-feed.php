<?php
/**
 * The change feed: an append-only table of what changed (object type, id, action), written from
 * WordPress's own hooks: objects of every post type, terms of every taxonomy and what they are
 * assigned, users, comments, and the meta of each that core REST shows, each named by its post
 * type or taxonomy, as registered at the time (no list of types here). The changes of one
 * request are collected in a set (a post saved three times in one request is one row) and
 * written once, at the end of the request, each into the feed of the site it was made on (on a
 * network, a request may switch to other sites). The table is kept bounded: rows older than pressdav_feed_max_age_days (7) and all but the newest
 * pressdav_feed_max_rows (100,000) are removed as new rows are written. A reader further behind
 * than the oldest row kept is told to resync.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Change_Feed
{
    /** @var array<int, array<string, array{0: string, 1: int, 2: string}>> by site id */
    private static array $pending = [];
    private static bool $flushing_registered = false;

    /**
     * The site settings the drive shows: a change of one is a change of the site. A plugin activated or
     * deactivated and a theme switched are reported as a change of settings too (see listen()).
     */
    private const SETTINGS = ['blogname', 'blogdescription', 'home', 'siteurl', 'gmt_offset', 'timezone_string'];

    /** Post meta core REST shows as fields of the post (featured_media, template), registered or not. */
    private const POST_FIELDS_IN_META = ['_thumbnail_id', '_wp_page_template'];

    public static function listen(): void
    {
        add_action('save_post', static fn($id, $post) => self::post($post, 'saved'), 10, 2);
        add_action('transition_post_status', static function ($new, $old, $post): void {
            if ($new !== $old) {
                self::post($post, 'status');
            }
        }, 10, 3);
        add_action('trashed_post', static fn($id) => self::post(get_post($id), 'trashed'));
        add_action('untrashed_post', static fn($id) => self::post(get_post($id), 'untrashed'));
        add_action('deleted_post', static fn($id, $post = null) => self::post($post ?: get_post($id), 'deleted', (int) $id), 10, 2);
        add_action('add_attachment', static fn($id) => self::record('attachment', (int) $id, 'saved'));
        add_action('edit_attachment', static fn($id) => self::record('attachment', (int) $id, 'saved'));
        add_action('delete_attachment', static fn($id) => self::record('attachment', (int) $id, 'deleted'));
        add_filter('wp_update_attachment_metadata', static function ($data, $id) {
            self::record('attachment', (int) $id, 'saved');
            return $data;
        }, 10, 2);
        add_action('created_term', static fn($id, $tt, $taxonomy) => self::record($taxonomy, (int) $id, 'saved'), 10, 3);
        add_action('edited_term', static fn($id, $tt, $taxonomy) => self::record($taxonomy, (int) $id, 'saved'), 10, 3);
        add_action('delete_term', static fn($id, $tt, $taxonomy) => self::record($taxonomy, (int) $id, 'deleted'), 10, 3);
        add_action('set_object_terms', static function ($object_id, $terms, $tt_ids, $taxonomy): void {
            $post = get_post($object_id);
            if ($post) {
                self::post($post, 'terms');
            }
            self::record($taxonomy, 0, 'counts');
        }, 10, 4);
        add_action('user_register', static fn($id) => self::record('user', (int) $id, 'saved'));
        add_action('profile_update', static fn($id) => self::record('user', (int) $id, 'saved'));
        add_action('deleted_user', static fn($id) => self::record('user', (int) $id, 'deleted'));
        add_action('wp_insert_comment', static fn($id) => self::record('comment', (int) $id, 'saved'));
        add_action('edit_comment', static fn($id) => self::record('comment', (int) $id, 'saved'));
        add_action('transition_comment_status', static fn($new, $old, $comment) => self::record('comment', (int) $comment->comment_ID, 'status'), 10, 3);
        add_action('deleted_comment', static fn($id) => self::record('comment', (int) $id, 'deleted'));
        foreach (['post', 'term', 'user', 'comment'] as $meta_type) {
            foreach (['added', 'updated', 'deleted'] as $done) {
                add_action("{$done}_{$meta_type}_meta", static fn($meta_id, $object_id, $key) => self::meta($meta_type, (int) $object_id, (string) $key), 10, 3);
            }
        }
        add_action('updated_option', static function ($option): void {
            if (in_array($option, self::SETTINGS, true)) {
                self::record('settings', 0, 'saved');
            }
        });
        // A plugin or a theme may register post types and taxonomies: the drive reads them again at a change of settings.
        foreach (['activated_plugin', 'deactivated_plugin', 'switch_theme'] as $hook) {
            add_action($hook, static fn() => self::record('settings', 0, 'saved'));
        }
    }

    private static function post($post, string $action, int $id = 0): void
    {
        if (!$post) {
            if ($id > 0) {
                self::record('post', $id, $action);
            }
            return;
        }
        if (wp_is_post_revision($post) || $post->post_type === 'revision' || $post->post_status === 'auto-draft') {
            return;
        }
        self::record($post->post_type, (int) $post->ID, $action);
    }

    /**
     * A meta value of an object changed: a change of the object where core REST shows that key (registered
     * with show_in_rest, for the object's subtype or for all), or shows it as a field of its own (the featured
     * image, a page's template). Other keys (edit locks, session tokens, caches) change often and show nowhere.
     */
    private static function meta(string $meta_type, int $object_id, string $key): void
    {
        if ($object_id <= 0) {
            return;
        }
        switch ($meta_type) {
            case 'post':
                $post = get_post($object_id);
                if ($post && (in_array($key, self::POST_FIELDS_IN_META, true) || self::shown_meta('post', $post->post_type, $key))) {
                    self::post($post, 'meta');
                }
                return;
            case 'term':
                $term = get_term($object_id);
                if ($term instanceof WP_Term && self::shown_meta('term', $term->taxonomy, $key)) {
                    self::record($term->taxonomy, $object_id, 'meta');
                }
                return;
            default:
                if (self::shown_meta($meta_type, $meta_type, $key)) {
                    self::record($meta_type, $object_id, 'meta');
                }
        }
    }

    /** Whether core REST shows this meta key of an object of this subtype, as WP_REST_Meta_Fields finds it. */
    private static function shown_meta(string $meta_type, string $subtype, string $key): bool
    {
        $keys = get_registered_meta_keys($meta_type, $subtype) + get_registered_meta_keys($meta_type);
        return isset($keys[$key]) && !empty($keys[$key]['show_in_rest']);
    }

    /** Remembers a change; written once, at the end of the request. */
    public static function record(string $type, int $id, string $action): void
    {
        self::$pending[get_current_blog_id()][$type . ':' . $id] = [$type, $id, $action];
        if (!self::$flushing_registered) {
            self::$flushing_registered = true;
            add_action('shutdown', [self::class, 'flush'], 0);
        }
    }

    /** Writes the request's changes in one INSERT a site, then keeps each table within its bounds. */
    public static function flush(): void
    {
        $pending = self::$pending;
        self::$pending = [];
        foreach ($pending as $site => $changes) {
            if ($site === get_current_blog_id()) {
                self::write($changes);
                continue;
            }
            if (!get_site($site)) {
                continue; // deleted in this request, its tables with it
            }
            switch_to_blog($site);
            // A site of the network the plugin has not set up yet (no request there since it was made) has no feed and no reader.
            if (!Pressdav_Schema::outdated()) {
                self::write($changes);
            }
            restore_current_blog();
        }
    }

    /** @param array<string, array{0: string, 1: int, 2: string}> $changes */
    private static function write(array $changes): void
    {
        global $wpdb;
        $table = Pressdav_Schema::changes_table();
        $now = gmdate('Y-m-d H:i:s');
        $rows = [];
        $values = [];
        foreach ($changes as [$type, $id, $action]) {
            $rows[] = '(%s, %d, %s, %s)';
            array_push($values, $type, $id, $action, $now);
        }
        $wpdb->query($wpdb->prepare(
            "INSERT INTO {$table} (object_type, object_id, action, changed_gmt) VALUES " . implode(', ', $rows),
            $values
        ));
        self::prune();
    }

    private static function prune(): void
    {
        global $wpdb;
        $table = Pressdav_Schema::changes_table();
        $max_rows = max(1, (int) get_option('pressdav_feed_max_rows', 100000));
        $max_days = max(1, (int) get_option('pressdav_feed_max_age_days', 7));
        $head = (int) $wpdb->get_var("SELECT MAX(seq) FROM {$table}");
        $wpdb->query($wpdb->prepare("DELETE FROM {$table} WHERE seq <= %d", $head - $max_rows));
        $wpdb->query($wpdb->prepare("DELETE FROM {$table} WHERE changed_gmt < %s", gmdate('Y-m-d H:i:s', time() - $max_days * DAY_IN_SECONDS)));
    }

    /**
     * The changes after $since, at most $limit, as this caller may see them: an object the caller
     * may not read is named by its type alone (id 0: "something there changed"), never by its id.
     *
     * @return array{changes: list<array{seq: int, type: string, id: int, action: string}>, head: int, oldest: int}
     */
    public static function since(int $since, int $limit): array
    {
        global $wpdb;
        $table = Pressdav_Schema::changes_table();
        $head = (int) $wpdb->get_var("SELECT COALESCE(MAX(seq), 0) FROM {$table}");
        $oldest = (int) $wpdb->get_var("SELECT COALESCE(MIN(seq), 0) FROM {$table}");
        $rows = $wpdb->get_results($wpdb->prepare(
            "SELECT seq, object_type, object_id, action FROM {$table} WHERE seq > %d ORDER BY seq ASC LIMIT %d",
            $since,
            $limit
        ));
        $changes = [];
        foreach ($rows as $row) {
            $id = (int) $row->object_id;
            $changes[] = [
                'seq' => (int) $row->seq,
                'type' => $row->object_type,
                'id' => $id > 0 && self::visible($row->object_type, $id) ? $id : 0,
                'action' => $row->action,
            ];
        }
        return ['changes' => $changes, 'head' => $head, 'oldest' => $oldest];
    }

    /** The newest sequence number written, 0 for none. */
    public static function head(): int
    {
        global $wpdb;
        return (int) $wpdb->get_var('SELECT COALESCE(MAX(seq), 0) FROM ' . Pressdav_Schema::changes_table());
    }

    /** Whether this caller may read the object: core REST's own rule for its kind. */
    private static function visible(string $type, int $id): bool
    {
        if ($type === 'settings') {
            return true;
        }
        if ($type === 'user') {
            return current_user_can('list_users') || get_current_user_id() === $id || count_user_posts($id, 'post', true) > 0;
        }
        if ($type === 'comment') {
            $comment = get_comment($id);
            return current_user_can('moderate_comments') || ($comment && $comment->comment_approved === '1');
        }
        $taxonomy = get_taxonomy($type);
        if ($taxonomy) {
            // Core REST lists the terms of a taxonomy it shows to anyone; the rest only to those who manage them.
            return $taxonomy->show_in_rest || current_user_can($taxonomy->cap->manage_terms);
        }
        $post = get_post($id);
        if (!$post) {
            return current_user_can('edit_others_posts');
        }
        $controller = get_post_type_object($post->post_type)?->get_rest_controller();
        if ($controller instanceof WP_REST_Posts_Controller) {
            // Its rule follows an attachment to its parent: one on a private post is as private as the post.
            return $controller->check_read_permission($post);
        }
        return current_user_can('read_post', $id);
    }
}
