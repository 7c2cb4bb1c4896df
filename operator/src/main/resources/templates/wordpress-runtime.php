<?php
// The operator's WordPress runtime Jobs (WordPressRuntimeJobs) run this in a site's new WordPress image, with the
// site's database settings in the environment (WORDPRESS_DB_*, the secret from the site's Secret):
//   php wordpress-runtime.php check    what the image runs (PHP, core, the schema version its core needs) and the
//                                      database's schema version (the db_version option; null before the install)
//   php wordpress-runtime.php upgrade  the core's database upgrade, as wp-admin/upgrade.php does (wp_upgrade()),
//                                      from the document root the Job set up; exits non-zero unless the database
//                                      then has the core's schema version
// The result is one JSON line, on stdout and in the termination message the operator reads back.
$mode = $argv[1] ?? 'check';

function wpoven_result(array $result) {
	$json = json_encode($result);
	echo $json, "\n";
	@file_put_contents('/dev/termination-log', $json);
}

// the image's core: recorded when the image was built (/usr/local/lib/wpoven), else its version.php
function wpoven_image() {
	$wp_version = null;
	$wp_db_version = null;
	include '/usr/src/wordpress/wp-includes/version.php';
	$lib = '/usr/local/lib/wpoven/';
	$core = is_readable($lib . 'wp-version') ? trim(file_get_contents($lib . 'wp-version')) : $wp_version;
	$db = is_readable($lib . 'wp-db-version') ? (int) trim(file_get_contents($lib . 'wp-db-version')) : (int) $wp_db_version;
	return array('php' => PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION, 'phpRelease' => PHP_VERSION, 'core' => $core,
		'imageDbVersion' => $db);
}

// the db_version option straight from the database (never a cache); null while WordPress is not installed
function wpoven_db_version() {
	$host = getenv('WORDPRESS_DB_HOST');
	$port = 3306;
	if (preg_match('/^(.*):(\d+)$/', $host, $m)) {
		$host = $m[1];
		$port = (int) $m[2];
	}
	$prefix = getenv('WORDPRESS_TABLE_PREFIX') ?: 'wp_';
	mysqli_report(MYSQLI_REPORT_OFF);
	$deadline = time() + 120;
	do {
		$db = @mysqli_connect($host, getenv('WORDPRESS_DB_USER'), getenv('WORDPRESS_DB_PASSWORD'), getenv('WORDPRESS_DB_NAME'), $port);
	} while (!$db && time() < $deadline && sleep(2) === 0);
	if (!$db) {
		fwrite(STDERR, "[wordpress-runtime] the database does not answer: " . mysqli_connect_error() . "\n");
		exit(3);
	}
	$rows = mysqli_query($db, "SELECT option_value FROM `{$prefix}options` WHERE option_name = 'db_version'");
	$row = $rows === false ? null : mysqli_fetch_row($rows);
	mysqli_close($db);
	return $row ? (int) $row[0] : null;
}

$image = wpoven_image();
if ($mode === 'check') {
	wpoven_result($image + array('dbVersion' => wpoven_db_version()));
	exit(0);
}
if ($mode !== 'upgrade') {
	fwrite(STDERR, "[wordpress-runtime] unknown mode $mode\n");
	exit(2);
}
$before = wpoven_db_version();
$url = parse_url(getenv('WPOVEN_SITE_URL') ?: 'http://localhost/');
$_SERVER['HTTP_HOST'] = $url['host'];
$_SERVER['REQUEST_URI'] = '/wp-admin/upgrade.php';
// as wp-admin/upgrade.php: no plugins or theme loaded while the schema changes
define('WP_INSTALLING', true);
require '/var/www/html/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_upgrade();
wp_cache_flush();
$after = wpoven_db_version();
wpoven_result($image + array('dbVersionBefore' => $before, 'dbVersion' => $after));
if ($after !== $image['imageDbVersion']) {
	fwrite(STDERR, "[wordpress-runtime] the database is at $after after the upgrade, the core needs {$image['imageDbVersion']}\n");
	exit(1);
}
