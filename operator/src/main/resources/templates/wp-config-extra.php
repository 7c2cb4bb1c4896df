// WPOven: this site's settings, rendered by WordPressConfigExtra. Secrets are read with getenv(), never written here.
if (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && $_SERVER['HTTP_X_FORWARDED_PROTO'] === 'https') {
    $_SERVER['HTTPS'] = 'on';
}
define('WP_HOME', '{{homeUrl}}');
define('WP_SITEURL', '{{homeUrl}}');
define('WP_MEMORY_LIMIT', '{{memoryLimit}}');
// plugins and themes are written to the wp-content volume directly
define('FS_METHOD', 'direct');
define('WP_CACHE_KEY_SALT', '{{cacheKeySalt}}');
// the purge mu-plugin (wp-content/mu-plugins/wpoven-purge.php) clears the site's pages in every Varnish this name
// resolves to (a headless Service: each pod's address); its token is in the environment
define('WPOVEN_VARNISH_HOST', '{{varnishHost}}');
define('WPOVEN_VARNISH_PORT', {{varnishPort}});
{{objectCache}}{{cron}}
