<?php
// Installs WordPress once, as wp-admin/install.php does, from the environment the operator gives PHP-FPM:
// WPOVEN_SITE_URL (home and site URL), WPOVEN_SITE_TITLE, WPOVEN_ADMIN_USER, WPOVEN_ADMIN_EMAIL and
// WPOVEN_ADMIN_PASSWORD (from the site's Secret). Waits up to WPOVEN_DB_WAIT_SECONDS (300) for the database;
// a database lock keeps two pods from installing at once. Does nothing when WordPress is installed.
$url = getenv('WPOVEN_SITE_URL');
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['REQUEST_URI'] = '/wp-admin/install.php';
$_SERVER['HTTP_X_FORWARDED_PROTO'] = $parts['scheme'];

function wpoven_log($message) {
	fwrite(STDERR, "[install] $message\n");
}

// wp-config.php's constants, without loading WordPress (which dies when the database does not answer)
define('ABSPATH', '/var/www/html/');
$config = file_get_contents('/var/www/html/wp-config.php');
$config = preg_replace('/^require_once ABSPATH.*$/m', '', $config);
eval('?>' . $config);
[$host, $port] = array_pad(explode(':', DB_HOST, 2), 2, '3306');
mysqli_report(MYSQLI_REPORT_OFF);
$deadline = time() + (int) (getenv('WPOVEN_DB_WAIT_SECONDS') ?: 300);
while (!($db = @mysqli_connect($host, DB_USER, DB_PASSWORD, DB_NAME, (int) $port))) {
	if (time() > $deadline) {
		wpoven_log('the database ' . DB_HOST . ' did not answer: ' . mysqli_connect_error());
		exit(1);
	}
	sleep(2);
}
mysqli_query($db, "SELECT GET_LOCK('wpoven-install', 300)");

define('WP_INSTALLING', true);
// no mail server: the installer's "your new site" mail is not sent
function wp_new_blog_notification() {
}
require '/var/www/html/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (is_blog_installed()) {
	exit(0);
}
$title = getenv('WPOVEN_SITE_TITLE') ?: $parts['host'];
$user = getenv('WPOVEN_ADMIN_USER') ?: 'admin';
$email = getenv('WPOVEN_ADMIN_EMAIL') ?: 'admin@' . $parts['host'];
$result = wp_install($title, $user, $email, true, '', wp_slash(getenv('WPOVEN_ADMIN_PASSWORD')));
update_option('home', untrailingslashit($url));
update_option('siteurl', untrailingslashit($url));
// pretty permalinks: the nginx backend's try_files routes pages to WordPress
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);
wpoven_log("installed $url (admin $user, user id {$result['user_id']})");
