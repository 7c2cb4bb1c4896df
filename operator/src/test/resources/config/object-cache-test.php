<?php
/**
 * Exercises the object-cache.php drop-in against a real Redis, the way WordPress core calls it.
 * Usage: php object-cache-test.php <object-cache.php> <redis port> <redis password> <client: stream|phpredis>
 * Prints one line per check and "ALL OK" at the end; exits 1 on the first failure.
 */

define('ABSPATH', __DIR__ . '/');
list(, $dropIn, $port, $password, $client) = $argv;

// What WordPress core provides around the drop-in.
$GLOBALS['test_multisite'] = false;
$GLOBALS['test_blog_id'] = 1;
function is_multisite() { return $GLOBALS['test_multisite']; }
function get_current_blog_id() { return $GLOBALS['test_blog_id']; }
function wp_suspend_cache_addition() { return false; }
function _deprecated_function() { }

define('WP_REDIS_HOST', '127.0.0.1');
define('WP_REDIS_PORT', (int) $port);
define('WP_REDIS_PASSWORD', $password);
define('WP_REDIS_PREFIX', 'test:blog:');
define('WP_REDIS_CLIENT', $client);

require $dropIn;

function check($name, $condition)
{
    if (!$condition) {
        fwrite(STDERR, "FAILED: $name\n");
        exit(1);
    }
    echo "ok $name\n";
}

/** A raw Redis command, to look behind the drop-in's back. */
function raw(array $args)
{
    global $port, $password;
    static $socket = null;
    if ($socket === null) {
        $socket = stream_socket_client('tcp://127.0.0.1:' . $port, $errno, $errstr, 1);
        if ($password !== '') {
            raw(array('AUTH', $password));
        }
    }
    $request = '*' . count($args) . "\r\n";
    foreach ($args as $arg) {
        $request .= '$' . strlen($arg) . "\r\n" . $arg . "\r\n";
    }
    fwrite($socket, $request);
    $line = rtrim(fgets($socket), "\r\n");
    if ($line[0] === '$') {
        return (int) substr($line, 1) < 0 ? null : substr(fread($socket, (int) substr($line, 1) + 2), 0, -2);
    }
    return substr($line, 1);
}

wp_cache_init();
wp_cache_add_global_groups(array('users', 'site-options'));
wp_cache_add_non_persistent_groups(array('counts', 'plugins'));
check('the cache reaches Redis', $GLOBALS['wp_object_cache']->redis_available());
check('flush starts clean', wp_cache_flush());

// set and get of every kind of value, also from Redis after the in-request copy is gone
$post = new stdClass();
$post->title = 'Hello';
$values = array('array' => array('a' => 1, 'b' => array(2, 3)), 'object' => $post, 'int' => 42, 'false' => false,
    'numeric string' => '123', 'null' => null, 'float' => 1.5, 'empty string' => '');
foreach ($values as $name => $value) {
    check("set $name", wp_cache_set($name, $value, 'posts'));
}
foreach (array('in memory', 'from Redis') as $where) {
    foreach ($values as $name => $value) {
        $got = wp_cache_get($name, 'posts', false, $found);
        check("get $name $where", $found === true && $got == $value && gettype($got) === gettype($value));
    }
    wp_cache_flush_runtime();
}
$copy = wp_cache_get('object', 'posts');
$copy->title = 'Changed';
check('objects are copied out', wp_cache_get('object', 'posts')->title === 'Hello');
check('keys carry the prefix, group and blog', raw(array('EXISTS', 'test:blog:posts:1:int')) === '1');
check('a missing key is not found', wp_cache_get('nope', 'posts', false, $found) === false && $found === false);
check('force reads Redis', wp_cache_get('int', 'posts', true, $found) === 42 && $found);

// add and replace
check('add of an existing key fails', wp_cache_add('int', 1, 'posts') === false);
check('add of a new key', wp_cache_add('fresh', 'x', 'posts') === true);
wp_cache_flush_runtime();
check('add of a key only in Redis fails', wp_cache_add('fresh', 'y', 'posts') === false);
check('replace of a missing key fails', wp_cache_replace('absent', 'x', 'posts') === false);
check('replace of an existing key', wp_cache_replace('fresh', 'z', 'posts') === true);
wp_cache_flush_runtime();
check('replace reached Redis', wp_cache_get('fresh', 'posts') === 'z');

// incr and decr
check('incr of a missing key fails', wp_cache_incr('no-counter', 1, 'counters') === false);
wp_cache_set('counter', 5, 'counters');
check('incr', wp_cache_incr('counter', 3, 'counters') === 8);
check('decr', wp_cache_decr('counter', 2, 'counters') === 6);
check('decr stops at 0', wp_cache_decr('counter', 100, 'counters') === 0);
wp_cache_set('counter', 10, 'counters');
wp_cache_incr('counter', 1, 'counters');
wp_cache_flush_runtime();
check('incr reached Redis', wp_cache_get('counter', 'counters') === 11);
wp_cache_set('text-counter', 'abc', 'counters');
check('incr of a non-number starts at 0', wp_cache_incr('text-counter', 2, 'counters') === 2);

// multiple
check('set_multiple', wp_cache_set_multiple(array('m1' => 'one', 'm2' => array(2)), 'multi') === array('m1' => true, 'm2' => true));
wp_cache_flush_runtime();
check('get_multiple', wp_cache_get_multiple(array('m1', 'm2', 'm3'), 'multi') === array('m1' => 'one', 'm2' => array(2), 'm3' => false));
check('add_multiple', wp_cache_add_multiple(array('m1' => 'x', 'm4' => 'four'), 'multi') === array('m1' => false, 'm4' => true));
check('delete_multiple', wp_cache_delete_multiple(array('m1', 'm5'), 'multi') === array('m1' => true, 'm5' => false));
wp_cache_flush_runtime();
check('deleted from Redis', wp_cache_get('m1', 'multi', false, $found) === false && !$found);
check('delete', wp_cache_delete('m4', 'multi') === true && wp_cache_get('m4', 'multi') === false);

// expiry
wp_cache_set('short', 'lived', 'posts', 1);
usleep(1200000);
wp_cache_flush_runtime();
check('expired keys are gone', wp_cache_get('short', 'posts', false, $found) === false && !$found);

// non-persistent groups never reach Redis
wp_cache_set('n', 7, 'counts');
check('non-persistent in memory', wp_cache_get('n', 'counts') === 7);
check('non-persistent not in Redis', raw(array('EXISTS', 'test:blog:counts:1:n')) === '0');
wp_cache_flush_runtime();
check('non-persistent gone with the request', wp_cache_get('n', 'counts') === false);

// global groups are shared by the blogs of a multisite, blog groups are not
$GLOBALS['test_multisite'] = true;
wp_cache_init();
wp_cache_add_global_groups(array('users'));
wp_cache_set('u1', 'alice', 'users');
wp_cache_set('option', 'blog one', 'options');
wp_cache_switch_to_blog(2);
check('global group seen from blog 2', wp_cache_get('u1', 'users') === 'alice');
check('blog group not seen from blog 2', wp_cache_get('option', 'options') === false);
wp_cache_set('option', 'blog two', 'options');
wp_cache_switch_to_blog(1);
wp_cache_flush_runtime();
check('blog 1 keeps its own value', wp_cache_get('option', 'options') === 'blog one');
$GLOBALS['test_multisite'] = false;

// flush_group and flush touch only their own keys
wp_cache_init();
wp_cache_set('a', 1, 'flushme');
wp_cache_set('b', 2, 'keepme');
raw(array('SET', 'other:site:key', 'x'));
check('flush_group', wp_cache_flush_group('flushme'));
wp_cache_flush_runtime();
check('flushed group is empty', wp_cache_get('a', 'flushme') === false);
check('other groups stay', wp_cache_get('b', 'keepme') === 2);
check('flush', wp_cache_flush());
check('flush empties the site', raw(array('EXISTS', 'test:blog:keepme:1:b')) === '0');
check('flush leaves other sites alone', raw(array('GET', 'other:site:key')) === 'x');

check('supports', wp_cache_supports('get_multiple') && wp_cache_supports('flush_group') && !wp_cache_supports('nonsense'));
check('invalid keys are refused', wp_cache_set('', 1) === false && wp_cache_get(' ') === false);
check('close', wp_cache_close());
check('reconnects after close', wp_cache_set('again', 1, 'posts') && wp_cache_get('again', 'posts', true) === 1);

// Redis unreachable: the request still works, from memory, quickly and without an exception
$closed = stream_socket_server('tcp://127.0.0.1:0');
$closedPort = (int) substr(strrchr(stream_socket_get_name($closed, false), ':'), 1);
fclose($closed);
ini_set('error_log', '/dev/null');
$started = microtime(true);
$down = new WP_Object_Cache(array('port' => $closedPort));
check('down: set works in memory', $down->set('k', 'v', 'posts') === true);
check('down: get from memory', $down->get('k', 'posts') === 'v');
check('down: a forced get falls back to memory', $down->get('k', 'posts', true, $found) === 'v' && $found);
check('down: a forced get_multiple too', $down->get_multiple(array('k'), 'posts', true) === array('k' => 'v'));
check('down: add semantics kept', $down->add('k', 'w', 'posts') === false && $down->add('k2', 'w', 'posts') === true);
check('down: incr in memory', $down->set('c', 1, 'posts') && $down->incr('c', 2, 'posts') === 3);
check('down: delete', $down->delete('k', 'posts') === true);
check('down: get_multiple', $down->get_multiple(array('k2', 'x'), 'posts') === array('k2' => 'w', 'x' => false));
check('down: flush reports the failure', $down->flush() === false);
check('down: Redis reported unavailable', $down->redis_available() === false);
check('down: fast', microtime(true) - $started < 1.0);

// a wrong password degrades the same way
$denied = new WP_Object_Cache(array('password' => 'wrong-password'));
check('wrong password: degrades', $denied->set('k', 'v', 'posts') === true && $denied->get('k', 'posts') === 'v');
check('wrong password: nothing written', raw(array('EXISTS', 'test:blog:posts:1:k')) === '0' || $password === '');

// no host configured: an in-request cache
$memory = new WP_Object_Cache(array('host' => ''));
check('no host: in memory', $memory->set('k', 'v') && $memory->get('k') === 'v' && $memory->flush());

echo "ALL OK\n";
