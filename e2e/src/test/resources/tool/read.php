<?php
// Reads a site back through WordPress: php read.php DOCROOT. Prints one JSON line with the options that hold URLs
// (get_option, as WordPress unserializes them) and every option whose serialized value PHP cannot unserialize.
[, $docroot] = $argv;
require $docroot . '/wp-load.php';
global $wpdb;
$broken = array();
foreach ($wpdb->get_results("SELECT option_name, option_value FROM $wpdb->options") as $row) {
	if (is_serialized($row->option_value) && $row->option_value !== 'b:0;' && @unserialize($row->option_value) === false) {
		$broken[] = $row->option_name;
	}
}
foreach ($wpdb->get_results("SELECT meta_key, meta_value FROM $wpdb->postmeta") as $row) {
	if (is_serialized($row->meta_value) && $row->meta_value !== 'b:0;' && @unserialize($row->meta_value) === false) {
		$broken[] = 'postmeta:' . $row->meta_key;
	}
}
$nested = get_option('wpoven_nested');
$hello = $wpdb->get_var("SELECT ID FROM $wpdb->posts WHERE post_title LIKE 'Hello %' AND post_status = 'publish' ORDER BY ID DESC LIMIT 1");
$builder = json_decode(get_post_meta($hello, '_builder_data', true), true);
echo json_encode(array(
	'broken' => $broken,
	'home' => get_option('home'),
	'siteurl' => get_option('siteurl'),
	'widget' => get_option('widget_text')[2]['text'],
	'widgetTitle' => get_option('widget_text')[2]['title'],
	'header' => get_theme_mod('header_image'),
	'logo' => get_theme_mod('custom_logo_url'),
	'menus' => get_theme_mod('nav_menu_locations'),
	'deep' => $nested['level1']['level2'],
	'objectHome' => $nested['object']->home,
	'objectC' => $nested['object']->list['b']['c'],
	'json' => json_decode($nested['json'], true)['u'],
	'inner' => unserialize(get_option('wpoven_serialized_string'))['inner'],
	'meta' => is_array($meta = get_post_meta(1, '_wpoven_meta', true)) ? $meta['link'] : $meta,
	'post' => get_post($hello)->post_content,
	'builder' => $builder[0]['settings']['link']['url'],
)), "\n";
