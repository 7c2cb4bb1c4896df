<?php
/**
 * Plugin Name: WPOven Cache Purge
 * Description: Clears the site's pages from Varnish when what visitors see changes. Shipped by the WPOven operator (which replaces this file).
 *
 * Settings, each a constant (wp-config.php) or else an environment variable of the same name:
 *   WPOVEN_VARNISH_HOST   Varnish of this site: a name resolving to the address of each of its pods (each keeps its own
 *                         copies, so each is banned), or one address; empty: never purge
 *   WPOVEN_VARNISH_PORT   6081
 *   WPOVEN_PURGE_TOKEN    the token Varnish expects in X-Purge-Token (from the site's Secret, so an environment variable)
 *
 * What changes visitors' pages: a post, page or block template published, updated or unpublished; an approved
 * comment; the theme, menus, widgets or the site's title. One BAN of every page of the site (the home page,
 * archives, feeds and the post itself all list content) is sent to every Varnish pod when the request ends, at most
 * once per request, so the editor's next page view is fresh. A failed purge is logged, never shown: pages then expire by their TTL.
 */

defined('ABSPATH') || exit;

final class WPOven_Purge
{
    /** Post types whose changes show on pages, besides the public ones. */
    const LAYOUT_TYPES = array('wp_template', 'wp_template_part', 'wp_global_styles', 'wp_navigation', 'wp_block', 'custom_css');

    /** Options whose changes show on pages; names ending in '*' are prefixes. */
    const OPTIONS = array(
        'blogname', 'blogdescription', 'permalink_structure', 'show_on_front', 'page_on_front', 'page_for_posts',
        'posts_per_page', 'date_format', 'time_format', 'site_icon', 'stylesheet', 'template', 'sidebars_widgets',
        'widget_*', 'theme_mods_*',
    );

    /** @var string|null why the site's pages must be purged at the end of this request */
    private static $reason = null;

    public static function register()
    {
        add_action('transition_post_status', array(__CLASS__, 'post_status'), 10, 3);
        add_action('transition_comment_status', array(__CLASS__, 'comment_status'), 10, 3);
        add_action('wp_insert_comment', array(__CLASS__, 'comment_inserted'), 10, 2);
        add_action('edit_comment', array(__CLASS__, 'comment_edited'), 10, 2);
        add_action('updated_option', array(__CLASS__, 'option_updated'), 10, 1);
        foreach (array('switch_theme', 'customize_save_after', 'wp_update_nav_menu') as $hook) {
            add_action($hook, array(__CLASS__, 'layout_changed'));
        }
        // after everything else, so that one request sends one purge
        add_action('shutdown', array(__CLASS__, 'send'), PHP_INT_MAX);
    }

    public static function post_status($new_status, $old_status, $post)
    {
        if ($new_status !== 'publish' && $old_status !== 'publish') {
            return; // drafts, autosaves and revisions are not on any public page
        }
        $type = is_object($post) ? $post->post_type : '';
        if (in_array($type, self::LAYOUT_TYPES, true) || (function_exists('is_post_type_viewable') && is_post_type_viewable($type))) {
            self::schedule("$type $old_status -> $new_status");
        }
    }

    public static function comment_status($new_status, $old_status, $comment)
    {
        if ($new_status === 'approved' || $old_status === 'approved') {
            self::schedule("comment $old_status -> $new_status");
        }
    }

    public static function comment_inserted($id, $comment)
    {
        if (is_object($comment) && (string) $comment->comment_approved === '1') {
            self::schedule('comment approved');
        }
    }

    public static function comment_edited($id, $data = array())
    {
        if (is_array($data) && isset($data['comment_approved']) && (string) $data['comment_approved'] === '1') {
            self::schedule('approved comment edited');
        }
    }

    public static function option_updated($option)
    {
        foreach (self::OPTIONS as $name) {
            $prefix = substr($name, -1) === '*';
            if ($prefix ? strpos($option, substr($name, 0, -1)) === 0 : $option === $name) {
                self::schedule("option $option");
                return;
            }
        }
    }

    public static function layout_changed()
    {
        self::schedule(current_filter());
    }

    public static function schedule($reason)
    {
        if (self::$reason === null) {
            self::$reason = $reason;
        }
    }

    /** Whether a purge is due at the end of this request. */
    public static function pending()
    {
        return self::$reason !== null;
    }

    /** Sends the purge that is due, if any: BAN of every page of the home URL's host. */
    public static function send()
    {
        if (self::$reason === null) {
            return;
        }
        $reason = self::$reason;
        self::$reason = null;
        $varnish = self::setting('WPOVEN_VARNISH_HOST', '');
        if ($varnish === '') {
            return;
        }
        $host = (string) parse_url(home_url('/'), PHP_URL_HOST);
        $port = (int) self::setting('WPOVEN_VARNISH_PORT', 6081);
        $token = (string) self::setting('WPOVEN_PURGE_TOKEN', '');
        foreach (self::addresses($varnish) as $address) {
            $error = self::ban($address, $port, $token, $host);
            if ($error !== null) {
                error_log("WPOven cache purge of $host after $reason failed: $error");
            }
        }
    }

    /**
     * Every address of the Varnish name (a headless Service resolves to each ready pod's), resolved now: DNS is
     * asked at each purge, so a pod that replaced another is reached. The name itself when it does not resolve,
     * so that the failure names it.
     *
     * @return string[]
     */
    public static function addresses($varnish)
    {
        $addresses = filter_var($varnish, FILTER_VALIDATE_IP) ? false : @gethostbynamel($varnish);
        return is_array($addresses) && count($addresses) > 0 ? array_values(array_unique($addresses)) : array($varnish);
    }

    /** @return string|null the error, or null when Varnish answered 200 */
    public static function ban($varnish, $port, $token, $host)
    {
        $errno = 0;
        $errstr = '';
        $socket = @fsockopen($varnish, $port, $errno, $errstr, 2.0);
        if ($socket === false) {
            return "cannot connect to $varnish:$port: $errstr ($errno)";
        }
        stream_set_timeout($socket, 5);
        $request = "BAN / HTTP/1.1\r\n"
            . "Host: $host\r\n"
            . "X-Purge-Token: $token\r\n"
            . "X-Ban-Url: .\r\n"
            . "Content-Length: 0\r\n"
            . "Connection: close\r\n\r\n";
        $written = @fwrite($socket, $request);
        $status = $written === strlen($request) ? fgets($socket) : false;
        fclose($socket);
        if ($status === false) {
            return "no answer from $varnish:$port";
        }
        if (!preg_match('#^HTTP/1\.[01] 200 #', $status)) {
            return 'Varnish answered ' . trim($status);
        }
        return null;
    }

    private static function setting($name, $default)
    {
        if (defined($name)) {
            return constant($name);
        }
        $value = getenv($name);
        return $value === false || $value === '' ? $default : $value;
    }
}

WPOven_Purge::register();
