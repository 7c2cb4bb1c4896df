<?php
// Installs WordPress as its installer (wp-admin/install.php) does, from the command line, with the environment
// PHP-FPM gets: php install.php DOCROOT TITLE USER EMAIL PASSWORD. Prints the admin's id and the home URL.
[, $docroot, $title, $user, $email, $password] = $argv;

$home = parse_url(getenv('WPOVEN_TEST_HOME'));
$_SERVER['HTTP_HOST'] = $home['host'] . (isset($home['port']) ? ':' . $home['port'] : '');
$_SERVER['SERVER_NAME'] = $home['host'];
$_SERVER['REQUEST_URI'] = '/wp-admin/install.php';
$_SERVER['HTTP_X_FORWARDED_PROTO'] = $home['scheme'];

define('WP_INSTALLING', true);
// no mail server here: the installer's "your new site" mail is not sent
function wp_new_blog_notification() {
}
require $docroot . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (is_blog_installed()) {
	fwrite(STDERR, "WordPress is already installed\n");
	exit(1);
}
$result = wp_install($title, $user, $email, true, '', wp_slash($password));
// pretty permalinks, so that the nginx backend's try_files is what routes pages to WordPress
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

echo json_encode(array('user_id' => $result['user_id'], 'home' => home_url('/'), 'theme' => get_stylesheet())), "\n";
