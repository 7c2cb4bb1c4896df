// the object cache drop-in (wp-content/object-cache.php) reads these
define('WP_REDIS_HOST', '{{redisHost}}');
define('WP_REDIS_PORT', {{redisPort}});
define('WP_REDIS_PREFIX', '{{cacheKeySalt}}');
define('WP_REDIS_PASSWORD', getenv('{{passwordEnv}}') ?: null);
