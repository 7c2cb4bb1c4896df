<?php
// The site's install Job (WordPressInstallJobDependent) runs this in the site's own WordPress image, after copying
// core into its document root: it installs WordPress once, as wp-admin/install.php does, from the environment:
// WPOVEN_SITE_URL (home and site URL), WPOVEN_SITE_TITLE, WPOVEN_ADMIN_USER, WPOVEN_ADMIN_EMAIL and
// WPOVEN_ADMIN_PASSWORD (from the site's Secret). Waits up to WPOVEN_DB_WAIT_SECONDS (300) for the database;
// a database lock keeps two runs from installing at once. Does nothing when WordPress is installed (a restored
// or cloned database, a site that existed before its Job). Exits non-zero, with the reason on stderr, otherwise.
$url = getenv('WPOVEN_SITE_URL');
if (!$url) {
	fwrite(STDERR, "[install] WPOVEN_SITE_URL is not set\n");
	exit(2);
}
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
	wpoven_log('WordPress is installed already: nothing to do');
	exit(0);
}
if ((string) getenv('WPOVEN_ADMIN_PASSWORD') === '') {
	wpoven_log('the site Secret has no wordpress-admin-password: WordPress stays uninstalled');
	exit(3);
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
// the WordPress pods may have cached "not installed" answers in the object cache (Redis) meanwhile
wp_cache_flush();
wpoven_log("installed $url (admin $user, user id {$result['user_id']})");
