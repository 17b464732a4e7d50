<?php
// Makes the seed's media files (with GD, or by hand for the PDF) and registers them as
// attachments in the month folder the seed names, exactly as an upload would have.

function testbed_make_file(string $kind, string $path): void
{
    switch ($kind) {
        case 'png':
        case 'jpeg':
            $img = imagecreatetruecolor(320, 200);
            for ($y = 0; $y < 200; $y++) {
                imagefilledrectangle($img, 0, $y, 319, $y, imagecolorallocate($img, 255 - $y, 80 + $y / 2, $y));
            }
            imagestring($img, 5, 20, 90, 'pressdav test bed', imagecolorallocate($img, 255, 255, 255));
            $kind === 'png' ? imagepng($img, $path) : imagejpeg($img, $path, 90);
            return;
        case 'noise-png':
            // Random pixels do not compress: a PNG of several megabytes.
            mt_srand(4918);
            $img = imagecreatetruecolor(1100, 1000);
            for ($y = 0; $y < 1000; $y++) {
                for ($x = 0; $x < 1100; $x++) {
                    imagesetpixel($img, $x, $y, mt_rand(0, 0xFFFFFF));
                }
            }
            imagepng($img, $path, 9);
            return;
        case 'pdf':
            file_put_contents($path, testbed_pdf('pressdav test bed handbook'));
            return;
    }
    testbed_fail("unknown media kind $kind");
}

function testbed_pdf(string $text): string
{
    $stream = "BT /F1 24 Tf 72 700 Td ($text) Tj ET";
    $objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        '<< /Length ' . strlen($stream) . " >>\nstream\n$stream\nendstream",
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    $pdf = "%PDF-1.4\n";
    $offsets = [];
    foreach ($objects as $i => $body) {
        $offsets[] = strlen($pdf);
        $pdf .= ($i + 1) . " 0 obj\n$body\nendobj\n";
    }
    $xref = strlen($pdf);
    $pdf .= "xref\n0 " . (count($objects) + 1) . "\n0000000000 65535 f \n";
    foreach ($offsets as $offset) {
        $pdf .= sprintf("%010d 00000 n \n", $offset);
    }
    return $pdf . "trailer\n<< /Size " . (count($objects) + 1) . " /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n";
}

function testbed_insert_media(array $m): array
{
    $uploads = wp_upload_dir($m['month']);
    if (!empty($uploads['error'])) {
        testbed_fail('uploads: ' . $uploads['error']);
    }
    $name = wp_unique_filename($uploads['path'], $m['file']);
    $path = $uploads['path'] . '/' . $name;
    testbed_make_file($m['kind'], $path);
    $type = wp_check_filetype($name)['type'];
    $date = str_replace('/', '-', $m['month']) . '-10 12:00:00';
    $id = wp_insert_attachment([
        'post_title' => $m['title'],
        'post_mime_type' => $type,
        'post_status' => 'inherit',
        'post_date' => $date,
        'post_date_gmt' => $date,
    ], $path, 0, true);
    if (is_wp_error($id)) {
        testbed_fail("media {$m['key']}: " . $id->get_error_message());
    }
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $path));
    return [
        'id' => $id,
        'file' => $m['month'] . '/' . $name,
        'mime_type' => $type,
        'size' => filesize($path),
        'sha256' => hash_file('sha256', $path),
    ];
}
