<?php
/**
 * The terms of one taxonomy (categories, tags, genres, ...), every one of them, as core REST lists
 * them to anyone it lets list the taxonomy (empty ones too; Pressdav_Index::permitted asks core
 * first): one query a page over terms and their taxonomy rows.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Terms implements Pressdav_Index_Source
{
    private string $taxonomy;

    public function __construct(string $taxonomy)
    {
        $this->taxonomy = $taxonomy;
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        return $wpdb->get_results($wpdb->prepare(
            "SELECT t.term_id AS id, t.name, t.slug, tt.description, tt.parent, tt.count
             FROM {$wpdb->terms} t JOIN {$wpdb->term_taxonomy} tt ON tt.term_id = t.term_id
             WHERE tt.taxonomy = %s AND t.term_id > %d ORDER BY t.term_id ASC LIMIT %d", $this->taxonomy, $after, $limit));
    }

    public function item(object $row): ?array
    {
        return [
            'id' => (int) $row->id,
            'name' => $row->name,
            'slug' => $row->slug,
            'description' => $row->description,
            'taxonomy' => $this->taxonomy,
            'parent' => (int) $row->parent,
            'count' => (int) $row->count,
        ];
    }

    public function fingerprint(object $row): string
    {
        return implode(':', [$row->id, $row->slug, $row->parent, $row->count, md5($row->name . "\0" . $row->description)]);
    }
}
