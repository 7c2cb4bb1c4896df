<?php
/**
 * Plugin Name: WPOven Redis Object Cache
 * Description: Persistent object cache in Redis, shipped by the WPOven operator (which replaces this file).
 *
 * Settings, each a constant (wp-config.php) or else an environment variable of the same name:
 *   WP_REDIS_HOST       host name, IP address or unix socket path; empty: an in-request cache only
 *   WP_REDIS_PORT       6379
 *   WP_REDIS_PASSWORD   empty: no AUTH
 *   WP_REDIS_DATABASE   0
 *   WP_REDIS_PREFIX     key prefix of this site (else WP_CACHE_KEY_SALT)
 *   WP_REDIS_TIMEOUT    connect timeout in seconds, 0.5
 *   WP_REDIS_READ_TIMEOUT  1
 *   WP_REDIS_CLIENT     auto (phpredis when loaded, else the built-in client), phpredis or stream
 *
 * The official WordPress image has no phpredis, so a small RESP client over stream_socket_client() is built in.
 * Every value is also kept in memory for the rest of the request. When Redis cannot be reached the cache
 * degrades to that in-memory cache for the request: the site renders, nothing is thrown, one line is logged.
 */

defined('ABSPATH') || exit;

/** A command failed: Redis is unreachable, timed out or answered with an error. */
class WPOven_Redis_Exception extends Exception
{
}

/** The built-in client: RESP over a stream socket. */
class WPOven_Redis_Stream
{
    private $socket;

    public function __construct($host, $port, $timeout, $read_timeout)
    {
        $target = $host[0] === '/' ? 'unix://' . $host : 'tcp://' . $host . ':' . $port;
        $errno = 0;
        $errstr = '';
        $socket = @stream_socket_client($target, $errno, $errstr, $timeout);
        if ($socket === false) {
            throw new WPOven_Redis_Exception("cannot connect to $target: $errstr ($errno)");
        }
        stream_set_timeout($socket, (int) $read_timeout, (int) (fmod($read_timeout, 1) * 1000000));
        $this->socket = $socket;
    }

    public function auth($password)
    {
        $this->command(array('AUTH', $password));
    }

    public function select($database)
    {
        $this->command(array('SELECT', $database));
    }

    public function get($key)
    {
        return $this->command(array('GET', $key));
    }

    /** @return array of string|null, in the order of $keys */
    public function mget(array $keys)
    {
        return $this->command(array_merge(array('MGET'), $keys));
    }

    /** $mode: '' (always), 'NX' (only if missing) or 'XX' (only if present). */
    public function set($key, $value, $ttl, $mode)
    {
        $args = array('SET', $key, $value);
        if ($ttl > 0) {
            array_push($args, 'EX', $ttl);
        }
        if ($mode !== '') {
            $args[] = $mode;
        }
        return $this->command($args) === 'OK';
    }

    public function del(array $keys)
    {
        return $keys ? $this->command(array_merge(array('UNLINK'), $keys)) : 0;
    }

    public function incrby($key, $offset)
    {
        return $this->command(array('INCRBY', $key, $offset));
    }

    /** Deletes every key matching a glob pattern, a batch at a time. */
    public function delete_matching($pattern)
    {
        $cursor = '0';
        do {
            list($cursor, $keys) = $this->command(array('SCAN', $cursor, 'MATCH', $pattern, 'COUNT', 1000));
            $this->del($keys);
        } while ($cursor !== '0');
    }

    public function close()
    {
        if ($this->socket) {
            fclose($this->socket);
            $this->socket = null;
        }
    }

    private function command(array $args)
    {
        $request = '*' . count($args) . "\r\n";
        foreach ($args as $arg) {
            $arg = (string) $arg;
            $request .= '$' . strlen($arg) . "\r\n" . $arg . "\r\n";
        }
        while ($request !== '') {
            $written = @fwrite($this->socket, $request);
            if ($written === false || $written === 0) {
                throw new WPOven_Redis_Exception('write failed');
            }
            $request = (string) substr($request, $written);
        }
        return $this->reply();
    }

    private function reply()
    {
        $line = $this->read_line();
        $payload = (string) substr($line, 1);
        switch ($line[0]) {
            case '+':
                return $payload;
            case '-':
                throw new WPOven_Redis_Exception('redis: ' . $payload);
            case ':':
                return (int) $payload;
            case '$':
                return (int) $payload < 0 ? null : $this->read_bulk((int) $payload);
            case '*':
                if ((int) $payload < 0) {
                    return null;
                }
                $items = array();
                for ($i = 0; $i < (int) $payload; $i++) {
                    $items[] = $this->reply();
                }
                return $items;
            default:
                throw new WPOven_Redis_Exception('unexpected reply: ' . $line);
        }
    }

    private function read_line()
    {
        $line = fgets($this->socket);
        if ($line === false || strlen($line) < 3) {
            $meta = stream_get_meta_data($this->socket);
            throw new WPOven_Redis_Exception($meta['timed_out'] ? 'read timed out' : 'connection closed');
        }
        return substr($line, 0, -2);
    }

    private function read_bulk($length)
    {
        $data = '';
        $remaining = $length + 2; // with the closing \r\n
        while ($remaining > 0) {
            $chunk = fread($this->socket, min($remaining, 65536));
            if ($chunk === false || $chunk === '') {
                $meta = stream_get_meta_data($this->socket);
                throw new WPOven_Redis_Exception($meta['timed_out'] ? 'read timed out' : 'connection closed');
            }
            $data .= $chunk;
            $remaining -= strlen($chunk);
        }
        return substr($data, 0, $length);
    }
}

/** The same operations on the phpredis extension, when it is loaded. */
class WPOven_Redis_Phpredis
{
    private $redis;

    public function __construct($host, $port, $timeout, $read_timeout)
    {
        $this->redis = new Redis();
        try {
            $connected = $host[0] === '/'
                ? $this->redis->connect($host, 0, $timeout, null, 0, $read_timeout)
                : $this->redis->connect($host, (int) $port, $timeout, null, 0, $read_timeout);
        } catch (Exception $e) {
            throw new WPOven_Redis_Exception($e->getMessage());
        }
        if (!$connected) {
            throw new WPOven_Redis_Exception("cannot connect to $host:$port");
        }
    }

    public function auth($password)
    {
        $this->call('auth', array($password));
    }

    public function select($database)
    {
        $this->call('select', array((int) $database));
    }

    public function get($key)
    {
        $value = $this->call('get', array($key));
        return $value === false ? null : $value;
    }

    public function mget(array $keys)
    {
        $values = $this->call('mget', array($keys));
        if (!is_array($values)) {
            throw new WPOven_Redis_Exception('mget failed');
        }
        return array_map(function ($value) {
            return $value === false ? null : $value;
        }, $values);
    }

    public function set($key, $value, $ttl, $mode)
    {
        $options = array();
        if ($mode !== '') {
            $options[] = strtolower($mode);
        }
        if ($ttl > 0) {
            $options['ex'] = (int) $ttl;
        }
        return (bool) $this->call('set', array($key, $value, $options));
    }

    public function del(array $keys)
    {
        return $keys ? (int) $this->call('unlink', array($keys)) : 0;
    }

    public function incrby($key, $offset)
    {
        return (int) $this->call('incrBy', array($key, (int) $offset));
    }

    public function delete_matching($pattern)
    {
        $iterator = null;
        $this->redis->setOption(Redis::OPT_SCAN, Redis::SCAN_RETRY);
        do {
            $keys = $this->call('scan', array(&$iterator, $pattern, 1000));
            if (is_array($keys)) {
                $this->del($keys);
            }
        } while ($iterator > 0);
    }

    public function close()
    {
        try {
            $this->redis->close();
        } catch (Exception $e) {
            // closing a broken connection: nothing left to do
        }
    }

    private function call($method, array $args)
    {
        try {
            $result = call_user_func_array(array($this->redis, $method), $args);
        } catch (Exception $e) {
            throw new WPOven_Redis_Exception($e->getMessage());
        }
        $error = $this->redis->getLastError();
        if ($error !== null) {
            $this->redis->clearLastError();
            throw new WPOven_Redis_Exception('redis: ' . $error);
        }
        return $result;
    }
}

/**
 * WordPress's object cache: an in-request cache in front of Redis. Non-persistent groups stay in memory.
 * A Redis key is <prefix><group>:<blog id or "global">:<key>; values are serialize()d, integers kept as decimals
 * so that INCRBY works on them.
 */
class WP_Object_Cache
{
    /** @var array group => (redis key => value): this request's copy */
    public $cache = array();
    public $global_groups = array();
    public $non_persistent_groups = array();
    public $blog_prefix = '1';
    public $cache_hits = 0;
    public $cache_misses = 0;
    public $redis_calls = 0;

    private $settings;
    private $multisite;
    /** @var WPOven_Redis_Stream|WPOven_Redis_Phpredis|false|null  null: not connected yet; false: unavailable */
    private $redis = null;

    /** @param array $settings overrides of the WP_REDIS_* settings (lower case, without the prefix); for tests */
    public function __construct(array $settings = array())
    {
        $this->settings = array_merge(array(
            'host' => self::setting('WP_REDIS_HOST', ''),
            'port' => (int) self::setting('WP_REDIS_PORT', 6379),
            'password' => self::setting('WP_REDIS_PASSWORD', ''),
            'database' => (int) self::setting('WP_REDIS_DATABASE', 0),
            'prefix' => self::setting('WP_REDIS_PREFIX', self::setting('WP_CACHE_KEY_SALT', '')),
            'timeout' => (float) self::setting('WP_REDIS_TIMEOUT', 0.5),
            'read_timeout' => (float) self::setting('WP_REDIS_READ_TIMEOUT', 1),
            'client' => self::setting('WP_REDIS_CLIENT', 'auto'),
        ), $settings);
        $this->multisite = function_exists('is_multisite') && is_multisite();
        $this->blog_prefix = $this->multisite ? (string) get_current_blog_id() : '1';
    }

    private static function setting($name, $default)
    {
        if (defined($name)) {
            return constant($name);
        }
        $value = getenv($name);
        return $value === false || $value === '' ? $default : $value;
    }

    public function add($key, $data, $group = 'default', $expire = 0)
    {
        if (function_exists('wp_suspend_cache_addition') && wp_suspend_cache_addition()) {
            return false;
        }
        return $this->store($key, $data, $group, $expire, 'NX');
    }

    public function add_multiple(array $data, $group = '', $expire = 0)
    {
        $result = array();
        foreach ($data as $key => $value) {
            $result[$key] = $this->add($key, $value, $group, $expire);
        }
        return $result;
    }

    public function replace($key, $data, $group = 'default', $expire = 0)
    {
        return $this->store($key, $data, $group, $expire, 'XX');
    }

    public function set($key, $data, $group = 'default', $expire = 0)
    {
        return $this->store($key, $data, $group, $expire, '');
    }

    public function set_multiple(array $data, $group = '', $expire = 0)
    {
        $result = array();
        foreach ($data as $key => $value) {
            $result[$key] = $this->set($key, $value, $group, $expire);
        }
        return $result;
    }

    public function get($key, $group = 'default', $force = false, &$found = null)
    {
        $found = false;
        if (!self::valid_key($key)) {
            return false;
        }
        $group = self::group($group);
        $id = $this->id($key, $group);
        if ((!$force || $this->is_non_persistent($group)) && $this->in_memory($id, $group)) {
            $found = true;
            $this->cache_hits++;
            return self::copy($this->cache[$group][$id]);
        }
        if (!$this->is_non_persistent($group)) {
            $raw = $this->redis_call(function ($redis) use ($id) {
                return $redis->get($id);
            });
            if (is_string($raw) && self::decode($raw, $value)) {
                $this->cache[$group][$id] = $value;
                $found = true;
                $this->cache_hits++;
                return self::copy($value);
            }
            if ($this->redis === false && $this->in_memory($id, $group)) {
                // forced, but Redis is unavailable: this request's copy is the best there is
                $found = true;
                $this->cache_hits++;
                return self::copy($this->cache[$group][$id]);
            }
        }
        $this->cache_misses++;
        return false;
    }

    public function get_multiple($keys, $group = 'default', $force = false)
    {
        $group = self::group($group);
        $result = array();
        $missing = array();
        foreach ($keys as $key) {
            if (!self::valid_key($key)) {
                $result[$key] = false;
                continue;
            }
            $id = $this->id($key, $group);
            if ((!$force || $this->is_non_persistent($group)) && $this->in_memory($id, $group)) {
                $this->cache_hits++;
                $result[$key] = self::copy($this->cache[$group][$id]);
            } else {
                $result[$key] = false;
                $missing[$id] = $key;
            }
        }
        if ($missing && !$this->is_non_persistent($group)) {
            $ids = array_keys($missing);
            $raws = $this->redis_call(function ($redis) use ($ids) {
                return $redis->mget($ids);
            });
            foreach ($ids as $i => $id) {
                if (is_array($raws) && is_string($raws[$i]) && self::decode($raws[$i], $value)) {
                    $this->cache[$group][$id] = $value;
                    $result[$missing[$id]] = self::copy($value);
                    $this->cache_hits++;
                    unset($missing[$id]);
                } elseif ($this->redis === false && $this->in_memory($id, $group)) {
                    $result[$missing[$id]] = self::copy($this->cache[$group][$id]);
                    $this->cache_hits++;
                    unset($missing[$id]);
                }
            }
        }
        $this->cache_misses += count($missing);
        return $result;
    }

    public function delete($key, $group = 'default')
    {
        if (!self::valid_key($key)) {
            return false;
        }
        $group = self::group($group);
        $id = $this->id($key, $group);
        $deleted = $this->in_memory($id, $group);
        unset($this->cache[$group][$id]);
        if (!$this->is_non_persistent($group)) {
            $count = $this->redis_call(function ($redis) use ($id) {
                return $redis->del(array($id));
            });
            $deleted = $deleted || $count > 0;
        }
        return $deleted;
    }

    public function delete_multiple(array $keys, $group = '')
    {
        $result = array();
        foreach ($keys as $key) {
            $result[$key] = $this->delete($key, $group);
        }
        return $result;
    }

    public function incr($key, $offset = 1, $group = 'default')
    {
        if (!self::valid_key($key)) {
            return false;
        }
        $group = self::group($group);
        $current = $this->get($key, $group, false, $found);
        if (!$found) {
            return false;
        }
        $id = $this->id($key, $group);
        $offset = (int) $offset;
        if (is_int($current) && !$this->is_non_persistent($group)) {
            // atomic across requests, and the key keeps its expiry
            $value = $this->redis_call(function ($redis) use ($id, $offset) {
                return $redis->incrby($id, $offset);
            });
            if (is_int($value) && $value >= 0) {
                $this->cache[$group][$id] = $value;
                return $value;
            }
        }
        $value = max(0, (is_numeric($current) ? (int) $current : 0) + $offset);
        $this->set($key, $value, $group);
        return $value;
    }

    public function decr($key, $offset = 1, $group = 'default')
    {
        return $this->incr($key, -(int) $offset, $group);
    }

    /** Everything of this site, in Redis too. False when Redis is configured but cannot be flushed. */
    public function flush()
    {
        $this->cache = array();
        if (!$this->persistent()) {
            return true;
        }
        $pattern = self::glob_escape($this->settings['prefix']) . '*';
        return $this->redis_call(function ($redis) use ($pattern) {
            $redis->delete_matching($pattern);
            return true;
        }) === true;
    }

    public function flush_runtime()
    {
        $this->cache = array();
        return true;
    }

    /** One group, of every blog. */
    public function flush_group($group)
    {
        $group = self::group($group);
        unset($this->cache[$group]);
        if (!$this->persistent() || $this->is_non_persistent($group)) {
            return true;
        }
        $pattern = self::glob_escape($this->settings['prefix'] . $group . ':') . '*';
        return $this->redis_call(function ($redis) use ($pattern) {
            $redis->delete_matching($pattern);
            return true;
        }) === true;
    }

    public function add_global_groups($groups)
    {
        foreach ((array) $groups as $group) {
            $this->global_groups[$group] = true;
        }
    }

    public function add_non_persistent_groups($groups)
    {
        foreach ((array) $groups as $group) {
            $this->non_persistent_groups[$group] = true;
        }
    }

    public function switch_to_blog($blog_id)
    {
        $this->blog_prefix = $this->multisite ? (string) (int) $blog_id : '1';
    }

    /** Deprecated in WordPress: forgets this request's copy of the blog's groups. */
    public function reset()
    {
        foreach (array_keys($this->cache) as $group) {
            if (!isset($this->global_groups[$group])) {
                unset($this->cache[$group]);
            }
        }
    }

    public function close()
    {
        if ($this->redis) {
            $this->redis->close();
        }
        $this->redis = null;
        return true;
    }

    /** Whether Redis answers (connecting if needed). */
    public function redis_available()
    {
        return $this->connection() !== false;
    }

    public function stats()
    {
        echo '<p><strong>Cache hits:</strong> ' . (int) $this->cache_hits . '<br />';
        echo '<strong>Cache misses:</strong> ' . (int) $this->cache_misses . '<br />';
        echo '<strong>Redis:</strong> ' . ($this->redis ? 'connected' : 'not connected') . '</p>';
    }

    private function store($key, $data, $group, $expire, $mode)
    {
        if (!self::valid_key($key)) {
            return false;
        }
        $group = self::group($group);
        $id = $this->id($key, $group);
        $data = self::copy($data);
        $stored = null;
        if (!$this->is_non_persistent($group)) {
            $encoded = is_int($data) ? (string) $data : serialize($data);
            $ttl = max(0, (int) $expire);
            $stored = $this->redis_call(function ($redis) use ($id, $encoded, $ttl, $mode) {
                return $redis->set($id, $encoded, $ttl, $mode);
            });
        }
        if ($stored === null) {
            // in memory only: a non-persistent group, or Redis is unavailable
            $present = $this->in_memory($id, $group);
            if (($mode === 'NX' && $present) || ($mode === 'XX' && !$present)) {
                return false;
            }
        } elseif ($stored === false) {
            return false;
        }
        $this->cache[$group][$id] = $data;
        return true;
    }

    private function id($key, $group)
    {
        $scope = isset($this->global_groups[$group]) ? 'global' : $this->blog_prefix;
        return $this->settings['prefix'] . $group . ':' . $scope . ':' . $key;
    }

    private function in_memory($id, $group)
    {
        return isset($this->cache[$group]) && array_key_exists($id, $this->cache[$group]);
    }

    private function is_non_persistent($group)
    {
        return isset($this->non_persistent_groups[$group]) || !$this->persistent();
    }

    private function persistent()
    {
        return $this->settings['host'] !== '' && $this->settings['host'] !== null;
    }

    /** Runs $operation on Redis; null when Redis is unavailable or fails (then it is not tried again this request). */
    private function redis_call($operation)
    {
        $redis = $this->connection();
        if ($redis === false) {
            return null;
        }
        $this->redis_calls++;
        try {
            return $operation($redis);
        } catch (Exception $e) {
            $this->unavailable($e);
            return null;
        }
    }

    private function connection()
    {
        if ($this->redis !== null) {
            return $this->redis;
        }
        if (!$this->persistent()) {
            return $this->redis = false;
        }
        $s = $this->settings;
        $phpredis = $s['client'] === 'phpredis' || ($s['client'] === 'auto' && class_exists('Redis'));
        try {
            $redis = $phpredis
                ? new WPOven_Redis_Phpredis($s['host'], $s['port'], $s['timeout'], $s['read_timeout'])
                : new WPOven_Redis_Stream($s['host'], $s['port'], $s['timeout'], $s['read_timeout']);
            if ((string) $s['password'] !== '') {
                $redis->auth($s['password']);
            }
            if ($s['database']) {
                $redis->select($s['database']);
            }
            return $this->redis = $redis;
        } catch (Exception $e) {
            $this->unavailable($e);
            return false;
        }
    }

    private function unavailable(Exception $e)
    {
        if ($this->redis) {
            $this->redis->close();
        }
        $this->redis = false;
        error_log('WPOven object cache: Redis unavailable, caching in memory for this request: ' . $e->getMessage());
    }

    private static function valid_key($key)
    {
        return is_int($key) || (is_string($key) && trim($key) !== '');
    }

    private static function group($group)
    {
        return empty($group) ? 'default' : (string) $group;
    }

    /** Objects are copied in and out, as WordPress's own cache does, so a caller's change never leaks back. */
    private static function copy($value)
    {
        return is_object($value) ? clone $value : $value;
    }

    private static function decode($raw, &$value)
    {
        if (preg_match('/^-?[0-9]+$/', $raw)) {
            $value = (int) $raw;
            return true;
        }
        $value = @unserialize($raw);
        return $value !== false || $raw === serialize(false);
    }

    private static function glob_escape($text)
    {
        return preg_replace('/([*?\[\]\\\\])/', '\\\\$1', $text);
    }
}

function wp_cache_init()
{
    $GLOBALS['wp_object_cache'] = new WP_Object_Cache();
}

function wp_cache_add($key, $data, $group = '', $expire = 0)
{
    return $GLOBALS['wp_object_cache']->add($key, $data, $group, (int) $expire);
}

function wp_cache_add_multiple(array $data, $group = '', $expire = 0)
{
    return $GLOBALS['wp_object_cache']->add_multiple($data, $group, (int) $expire);
}

function wp_cache_replace($key, $data, $group = '', $expire = 0)
{
    return $GLOBALS['wp_object_cache']->replace($key, $data, $group, (int) $expire);
}

function wp_cache_set($key, $data, $group = '', $expire = 0)
{
    return $GLOBALS['wp_object_cache']->set($key, $data, $group, (int) $expire);
}

function wp_cache_set_multiple(array $data, $group = '', $expire = 0)
{
    return $GLOBALS['wp_object_cache']->set_multiple($data, $group, (int) $expire);
}

function wp_cache_get($key, $group = '', $force = false, &$found = null)
{
    return $GLOBALS['wp_object_cache']->get($key, $group, $force, $found);
}

function wp_cache_get_multiple($keys, $group = '', $force = false)
{
    return $GLOBALS['wp_object_cache']->get_multiple($keys, $group, $force);
}

function wp_cache_delete($key, $group = '')
{
    return $GLOBALS['wp_object_cache']->delete($key, $group);
}

function wp_cache_delete_multiple(array $keys, $group = '')
{
    return $GLOBALS['wp_object_cache']->delete_multiple($keys, $group);
}

function wp_cache_incr($key, $offset = 1, $group = '')
{
    return $GLOBALS['wp_object_cache']->incr($key, $offset, $group);
}

function wp_cache_decr($key, $offset = 1, $group = '')
{
    return $GLOBALS['wp_object_cache']->decr($key, $offset, $group);
}

function wp_cache_flush()
{
    return $GLOBALS['wp_object_cache']->flush();
}

function wp_cache_flush_runtime()
{
    return $GLOBALS['wp_object_cache']->flush_runtime();
}

function wp_cache_flush_group($group)
{
    return $GLOBALS['wp_object_cache']->flush_group($group);
}

function wp_cache_supports($feature)
{
    return in_array($feature, array(
        'add_multiple', 'set_multiple', 'get_multiple', 'delete_multiple', 'flush_runtime', 'flush_group',
    ), true);
}

function wp_cache_close()
{
    return $GLOBALS['wp_object_cache']->close();
}

function wp_cache_add_global_groups($groups)
{
    $GLOBALS['wp_object_cache']->add_global_groups($groups);
}

function wp_cache_add_non_persistent_groups($groups)
{
    $GLOBALS['wp_object_cache']->add_non_persistent_groups($groups);
}

function wp_cache_switch_to_blog($blog_id)
{
    $GLOBALS['wp_object_cache']->switch_to_blog($blog_id);
}

function wp_cache_reset()
{
    if (function_exists('_deprecated_function')) {
        _deprecated_function(__FUNCTION__, '3.5.0', 'wp_cache_switch_to_blog()');
    }
    $GLOBALS['wp_object_cache']->reset();
}
