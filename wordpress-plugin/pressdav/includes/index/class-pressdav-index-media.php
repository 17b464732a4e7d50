<?php
/**
 * The media library: every attachment core REST lists (status inherit), with its file's path below
 * the uploads folder, its size and mime type, its path on the drive (Pressdav_Media_Drive), read with one query a page that joins the attached
 * file, the metadata and the parent's status. An attachment is readable as its parent is: one
 * without a parent, or on a published post, is shown outright; the rest are checked with core's own
 * rule (the attachments controller's check_read_permission), which builds their WP_Post objects.
 * The paths given on the drive are shown to logged-in users only; the public sees each file at its
 * upload path, as the folder list shows it no folder.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Media implements Pressdav_Index_Source
{
    private array $rest_types;
    private string $basedir;
    private string $baseurl;
    /**
     * Whether this caller is shown where each file lies on the drive: logged-in users (who may work in
     * its folders); the public sees upload paths, as the folder list shows it no folder.
     */
    private bool $drive_paths;

    public function __construct()
    {
        $this->drive_paths = is_user_logged_in();
        $this->rest_types = Pressdav_Index::rest_post_types();
        $uploads = wp_upload_dir(null, false);
        $this->basedir = $uploads['basedir'];
        $this->baseurl = $uploads['baseurl'];
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        return $wpdb->get_results($wpdb->prepare(
            "SELECT a.ID AS id, a.post_name, a.post_author, a.post_parent, a.post_mime_type, a.post_date, a.post_date_gmt, a.post_modified, a.post_modified_gmt,
                    p.post_status AS parent_status, p.post_type AS parent_type, f.meta_value AS file, m.meta_value AS metadata, d.meta_value AS drive_path
             FROM {$wpdb->posts} a
             LEFT JOIN {$wpdb->posts} p ON p.ID = a.post_parent
             LEFT JOIN {$wpdb->postmeta} f ON f.post_id = a.ID AND f.meta_key = '_wp_attached_file'
             LEFT JOIN {$wpdb->postmeta} m ON m.post_id = a.ID AND m.meta_key = '_wp_attachment_metadata'
             LEFT JOIN {$wpdb->postmeta} d ON d.post_id = a.ID AND d.meta_key = '_pressdav_path'
             WHERE a.post_type = 'attachment' AND a.post_status = 'inherit' AND a.ID > %d
             GROUP BY a.ID ORDER BY a.ID ASC LIMIT %d", $after, $limit));
    }

    public function item(object $row): ?array
    {
        $id = (int) $row->id;
        $plain = $row->parent_status === null || ($row->parent_status === 'publish' && in_array($row->parent_type, $this->rest_types, true));
        if (!$plain && !get_post_type_object('attachment')->get_rest_controller()->check_read_permission(get_post($id))) {
            return null;
        }
        $metadata = $row->metadata === null ? [] : maybe_unserialize($row->metadata);
        $file = (string) $row->file;
        $details = [];
        if ($file !== '') {
            $details['file'] = $file;
            $size = is_array($metadata) && isset($metadata['filesize']) ? (int) $metadata['filesize'] : null;
            if ($size === null && !str_starts_with($file, '/') && is_file($this->basedir . '/' . $file)) {
                $size = filesize($this->basedir . '/' . $file);
            }
            if ($size !== null) {
                $details['filesize'] = $size;
            }
        }
        return [
            'id' => $id,
            'slug' => $row->post_name,
            'status' => 'inherit',
            'date_gmt' => Pressdav_Index::gmt($row->post_date_gmt, $row->post_date),
            'modified_gmt' => Pressdav_Index::gmt($row->post_modified_gmt, $row->post_modified),
            'author' => (int) $row->post_author,
            'post' => (int) $row->post_parent ?: null,
            'mime_type' => $row->post_mime_type,
            'source_url' => $file !== '' && !str_starts_with($file, '/') ? $this->baseurl . '/' . $file : wp_get_attachment_url($id),
            'media_details' => (object) $details,
            // Where the drive shows it: the path it was given there, or its upload path until then (and to the public).
            'drive_path' => $this->drive_paths ? ($row->drive_path ?? $file) : $file,
        ];
    }

    public function fingerprint(object $row): string
    {
        return $row->id . ':' . $row->post_modified_gmt . ':' . $row->post_name . ':' . $row->file . ':' . $row->drive_path . ':' . $row->parent_status
            . ':' . md5((string) $row->metadata);
    }
}
