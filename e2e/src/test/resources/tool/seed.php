<?php
// Seeds a WordPress database the way a site fills it, through WordPress's own API (so serialization is PHP's):
// php seed.php DOCROOT URL. Posts with links and block attributes (JSON-escaped slashes), widgets, theme mods,
// nested serialized options, an object in an option, multibyte text.
[, $docroot, $url] = $argv;
require $docroot . '/wp-load.php';
global $wpdb;

$escaped = str_replace('/', '\/', $url);
$hello = wp_insert_post(array('post_title' => 'Hello ünïcödé ☕', 'post_status' => 'publish', 'post_content' => 'draft'));
// written as stored by editors and page builders that keep JSON's escaped slashes (WordPress's own filters would
// re-encode the block attributes without them)
$wpdb->update($wpdb->posts, array('post_content' =>
	"<!-- wp:image {\"url\":\"$escaped\/wp-content\/uploads\/photo.jpg\"} -->\n<figure><img src=\"$url/wp-content/uploads/photo.jpg\"/></figure>\n<!-- /wp:image -->\n<p>See <a href=\"$url/about/\">about</a> — “quoted” 😀</p>"), array('ID' => $hello));
$wpdb->insert($wpdb->postmeta, array('post_id' => $hello, 'meta_key' => '_builder_data',
	'meta_value' => json_encode(array(array('settings' => array('link' => array('url' => "$url/landing/")))))));
wp_insert_post(array('post_title' => 'About', 'post_name' => 'about', 'post_status' => 'publish', 'post_type' => 'page',
	'post_content' => "<p>Back to <a href=\"$url/\">home</a></p>"));
update_option('widget_text', array(2 => array('title' => 'Links ✓', 'text' => "<a href=\"$url/shop/\">Shop</a>", 'filter' => true),
	'_multiwidget' => 1));
update_option('sidebars_widgets', array('wp_inactive_widgets' => array(), 'sidebar-1' => array('text-2'), 'array_version' => 3));
set_theme_mod('header_image', "$url/wp-content/uploads/header.png");
set_theme_mod('custom_logo_url', "$url/logo.svg");
set_theme_mod('nav_menu_locations', array('primary' => 3));
$object = new stdClass();
$object->home = $url;
$object->list = array('a' => "$url/a", 'b' => array('c' => "Ünï $url/c"));
update_option('wpoven_nested', array('level1' => array('level2' => array('url' => "$url/deep", 'n' => 42, 'f' => 1.5,
	'flag' => false, 'none' => null)), 'object' => $object, 'json' => json_encode(array('u' => "$url/j"))));
update_option('wpoven_serialized_string', serialize(array('inner' => "$url/inner")));
add_post_meta(1, '_wpoven_meta', array('link' => "$url/meta"));
echo "seeded\n";
