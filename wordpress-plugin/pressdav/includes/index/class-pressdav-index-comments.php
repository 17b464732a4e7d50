<?php
/**
 * Comments (type comment), as core REST lists them: approved ones to everyone, held ones too to
 * moderators, each only where core's read rule lets the caller see it. One query a page joins the
 * comment's post; an approved comment on a published post without a password, of a type core
 * serves, is shown outright, and every other is checked with the comments controller's own rule.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Comments implements Pressdav_Index_Source
{
    private bool $moderator;
    private array $plain_types;
    private ?Pressdav_Comment_Rule $rule = null;

    public function __construct()
    {
        $this->moderator = current_user_can('moderate_comments');
        $this->plain_types = array_values(array_intersect(['post', 'page'], Pressdav_Index::rest_post_types()));
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        $statuses = $this->moderator ? "('0', '1')" : "('1')";
        return $wpdb->get_results($wpdb->prepare(
            "SELECT c.comment_ID AS id, c.comment_post_ID, c.comment_parent, c.comment_approved, c.comment_date_gmt, c.user_id,
                    p.post_status, p.post_type, p.post_password
             FROM {$wpdb->comments} c LEFT JOIN {$wpdb->posts} p ON p.ID = c.comment_post_ID
             WHERE c.comment_type IN ('comment', '') AND c.comment_approved IN $statuses AND c.comment_ID > %d
             ORDER BY c.comment_ID ASC LIMIT %d", $after, $limit));
    }

    public function item(object $row): ?array
    {
        $plain = $row->comment_approved === '1' && $row->post_status === 'publish' && $row->post_password === ''
            && in_array($row->post_type, $this->plain_types, true);
        if (!$plain) {
            $this->rule ??= new Pressdav_Comment_Rule();
            if (!$this->rule->readable(get_comment((int) $row->id))) {
                return null;
            }
        }
        return [
            'id' => (int) $row->id,
            'post' => (int) $row->comment_post_ID,
            'parent' => (int) $row->comment_parent,
            'date_gmt' => str_replace(' ', 'T', $row->comment_date_gmt),
            'status' => $row->comment_approved === '1' ? 'approved' : 'hold',
        ];
    }

    public function fingerprint(object $row): string
    {
        return implode(':', [$row->id, $row->comment_approved, $row->post_status, $row->post_type, md5($row->post_password ?? '')]);
    }
}

/** The comments controller's read rule, which core keeps protected, asked as a listing asks it. */
final class Pressdav_Comment_Rule extends WP_REST_Comments_Controller
{
    public function readable(?WP_Comment $comment): bool
    {
        return $comment !== null && $this->check_read_permission($comment, new WP_REST_Request('GET', '/wp/v2/comments'));
    }
}
