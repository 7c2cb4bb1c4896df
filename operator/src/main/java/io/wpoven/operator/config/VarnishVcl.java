package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.CacheSpec;

/**
 * default.vcl of the site's Varnish (templates/default.vcl, VCL 4.1 for Varnish 7). WordPress-aware: admin, login,
 * APIs, previews, shop pages and logged-in visitors pass; tracking parameters and other cookies are stripped so
 * anonymous pages are cached for {@code spec.cache.ttlSeconds} and static files for {@code staticTtlSeconds};
 * stale pages are served for up to {@code graceSeconds} while WordPress is sick. Responses carry
 * {@code X-Cache: HIT | MISS | PASS} and {@code X-Cache-Hits}; those Varnish caches also carry
 * {@code X-Accel-Expires: spec.cache.microCacheSeconds} for the front proxy's micro-cache ({@link ProxyNginxConfig}).
 *
 * <p>Invalidation needs the header {@value #PURGE_TOKEN_HEADER} equal to the environment variable
 * {@value #PURGE_TOKEN_ENV} of the Varnish container (from the site's Secret; never in the VCL), else 403:
 * <ul>
 * <li>{@code PURGE <url>}: that exact URL on the request's Host (http and https copies);</li>
 * <li>{@code BAN /} with {@code X-Ban-Url: <regex>}: every URL of the request's Host that matches;</li>
 * <li>{@code BAN /} with {@code X-Ban-Url: .}: everything cached for the request's Host.</li>
 * </ul>
 * The front proxy answers both methods with 405, so they are sent to the Varnish Service from inside the cluster.
 * Varnish's health probe asks the nginx backend for {@code /healthz}, which it answers without PHP.
 */
public final class VarnishVcl {
    public static final String PURGE_TOKEN_ENV = "WPOVEN_PURGE_TOKEN";
    public static final String PURGE_TOKEN_HEADER = "X-Purge-Token";

    /**
     * Cookies of visitors who see pages of their own: logged in, password-protected posts, commenters, shoppers. Their
     * requests pass Varnish and the proxy's micro-cache. A regular expression on the Cookie header (PCRE, for VCL and
     * nginx alike).
     */
    public static final String PASS_COOKIES = "(^|;\\s*)(wordpress_logged_in_|wordpress_sec_|wordpress_[0-9a-f]{32}|wp-postpass_"
            + "|comment_author_|woocommerce_|wp_woocommerce_session_)";

    private static final Template TEMPLATE = Template.load("default.vcl");

    private VarnishVcl() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        CacheSpec cache = site.getSpec().getCache();
        return TEMPLATE.render(Map.ofEntries(
                entry("backendHost", layout.backendHost()),
                entry("backendPort", layout.backendPort()),
                entry("firstByteTimeoutSeconds", RequestTimeouts.varnishFirstByteSeconds(site)),
                entry("ttlSeconds", cache.getTtlSeconds()),
                entry("staticTtlSeconds", cache.getStaticTtlSeconds()),
                entry("graceSeconds", cache.getGraceSeconds()),
                entry("passCookies", PASS_COOKIES),
                entry("microCache", microCache(site))));
    }

    /** vcl_deliver's mark for the front proxy's micro-cache: X-Accel-Expires on what Varnish caches itself. */
    static String microCache(WordPressSite site) {
        if (!CacheSpec.microCacheOn(site.getSpec().getCache())) {
            return "# the front proxy keeps no copies (spec.cache.microCacheSeconds: 0)";
        }
        return "# the front proxy may keep what is cached here for a moment (its micro-cache); it never passes this header on\n"
                + "    if (!obj.uncacheable && resp.status < 500) {\n"
                + "        set resp.http.X-Accel-Expires = \"" + site.getSpec().getCache().getMicroCacheSeconds() + "\";\n"
                + "    }";
    }
}
