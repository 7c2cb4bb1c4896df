// The dashboard's file manager inside a site's WordPress container (php -r THIS -- OP ROOT PATH [ARG]), run with
// the signed-in user's pods/exec, as the container's user. Paths arrive as argv elements, already normalised by the
// operator (relative, no "..", no NUL); here every path is resolved with realpath so that no symlink leads outside
// wp-content. Content arrives on stdin (exactly the declared length) and leaves on stdout.
// Exit codes: 3 not found, 4 outside wp-content, 5 not a folder, 6 not a file, 7 too large, 8 folder not empty,
// 9 exists, 10 failed; the message is on stderr.
error_reporting(0);
function fail($code, $message) { fwrite(STDERR, $message); exit($code); }
function inside($root, $real) { return $real === $root || strncmp($real, $root . '/', strlen($root) + 1) === 0; }
// an existing path whose parent folders and (for a symlink) target stay inside: the path as is (a link stays a link)
function existing($root, $rel) {
    if ($rel === '') { return $root; }
    $parent = realpath(dirname($root . '/' . $rel));
    if ($parent === false) { fail(3, "not found: $rel"); }
    if (!inside($root, $parent)) { fail(4, "outside wp-content: $rel"); }
    $path = $parent . '/' . basename($rel);
    if (!file_exists($path) && !is_link($path)) { fail(3, "not found: $rel"); }
    $real = realpath($path);
    if ($real === false || !inside($root, $real)) { fail(4, "outside wp-content (a symlink leads out): $rel"); }
    return $path;
}
// a path to create: its parent folder exists inside; an existing target must be inside as well
function creatable($root, $rel) {
    $parent = realpath(dirname($root . '/' . $rel));
    if ($parent === false || !is_dir($parent)) { fail(3, "no such folder: " . dirname($rel)); }
    if (!inside($root, $parent)) { fail(4, "outside wp-content: $rel"); }
    $path = $parent . '/' . basename($rel);
    if (is_link($path) || file_exists($path)) {
        $real = realpath($path);
        if ($real === false || !inside($root, $real)) { fail(4, "outside wp-content (a symlink leads out): $rel"); }
    }
    return $path;
}
function entry($name, $path) {
    $s = lstat($path);
    $type = is_link($path) ? 'symlink' : (is_dir($path) ? 'folder' : (is_file($path) ? 'file' : 'other'));
    return ['name' => $name, 'type' => $type, 'size' => $s === false ? 0 : $s['size'],
        'mtime' => $s === false ? 0 : $s['mtime']];
}
function remove_tree($path) {
    if (is_link($path) || !is_dir($path)) { return unlink($path); }
    foreach (scandir($path) as $name) {
        if ($name !== '.' && $name !== '..' && !remove_tree($path . '/' . $name)) { return false; }
    }
    return rmdir($path);
}
$op = $argv[1]; $root = realpath($argv[2]); $rel = $argv[3]; $arg = $argc > 4 ? $argv[4] : '';
if ($root === false) { fail(3, "no wp-content at " . $argv[2]); }
switch ($op) {
    case 'list':
        $path = existing($root, $rel);
        if (!is_dir($path)) { fail(5, "not a folder: $rel"); }
        $entries = [];
        foreach (scandir($path) as $name) {
            if ($name !== '.' && $name !== '..') { $entries[] = entry($name, $path . '/' . $name); }
        }
        echo json_encode($entries, JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES);
        break;
    case 'stat':
        echo json_encode(entry(basename($rel === '' ? 'wp-content' : $rel), existing($root, $rel)),
            JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES);
        break;
    case 'read': // ARG: the largest size to send (-1: any)
        $path = existing($root, $rel);
        if (!is_file($path)) { fail(6, "not a file: $rel"); }
        $size = filesize($path);
        if ((int) $arg >= 0 && $size > (int) $arg) { fail(7, "$rel is $size bytes, more than " . $arg); }
        $in = fopen($path, 'rb');
        if ($in === false) { fail(10, "cannot read $rel"); }
        $out = fopen('php://stdout', 'wb');
        stream_copy_to_stream($in, $out);
        break;
    case 'write': // ARG: the length of the content on stdin; written beside, then renamed over the target
        $path = creatable($root, $rel);
        if (is_dir($path) && !is_link($path)) { fail(5, "a folder is there: $rel"); }
        $tmp = tempnam(dirname($path), '.wpoven-upload-');
        // tempnam falls back to the system's temporary folder when it cannot write here: that is a failure too
        if ($tmp === false || dirname($tmp) !== dirname($path)) {
            if ($tmp !== false) { unlink($tmp); }
            fail(10, "cannot write in the folder of $rel");
        }
        $out = fopen($tmp, 'wb'); $in = fopen('php://stdin', 'rb'); $left = (int) $arg;
        while ($left > 0 && !feof($in)) {
            $chunk = fread($in, min(65536, $left));
            if ($chunk === false || fwrite($out, $chunk) !== strlen($chunk)) { unlink($tmp); fail(10, "cannot write $rel"); }
            $left -= strlen($chunk);
        }
        fclose($out);
        if ($left > 0) { unlink($tmp); fail(10, "the upload of $rel ended early"); }
        chmod($tmp, 0666 & ~umask());
        if (!rename($tmp, $path)) { unlink($tmp); fail(10, "cannot write $rel"); }
        break;
    case 'mkdir':
        $path = creatable($root, $rel);
        if (file_exists($path) || is_link($path)) { fail(9, "already there: $rel"); }
        if (!mkdir($path, 0777 & ~umask())) { fail(10, "cannot make folder $rel"); }
        break;
    case 'rename': // ARG: the new path
        if ($rel === '' || $arg === '') { fail(4, "wp-content itself cannot be renamed"); }
        $from = existing($root, $rel);
        $to = creatable($root, $arg);
        if (file_exists($to) || is_link($to)) { fail(9, "already there: $arg"); }
        if (is_dir($from) && !is_link($from) && strncmp(realpath($to === '' ? $root : dirname($to)) . '/', realpath($from) . '/', strlen(realpath($from)) + 1) === 0) {
            fail(4, "a folder cannot move into itself: $arg");
        }
        if (!rename($from, $to)) { fail(10, "cannot rename $rel to $arg"); }
        break;
    case 'delete': // ARG: "recursive" deletes a folder with what it holds
        if ($rel === '') { fail(4, "wp-content itself cannot be deleted"); }
        $path = existing($root, $rel);
        if (is_dir($path) && !is_link($path)) {
            if ($arg === 'recursive') {
                if (!remove_tree($path)) { fail(10, "cannot delete all of $rel"); }
            } elseif (count(scandir($path)) > 2) {
                fail(8, "the folder $rel is not empty");
            } elseif (!rmdir($path)) {
                fail(10, "cannot delete $rel");
            }
        } elseif (!unlink($path)) {
            fail(10, "cannot delete $rel");
        }
        break;
    default:
        fail(2, "unknown operation $op");
}
