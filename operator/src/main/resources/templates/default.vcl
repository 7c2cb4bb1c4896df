vcl 4.1;
# Full-page cache of a WPOven site: proxy -> Varnish -> nginx backend. Rendered by VarnishVcl.
#
# Invalidation (PURGE and BAN) needs the header X-Purge-Token equal to the environment variable
# WPOVEN_PURGE_TOKEN, which reaches the pod from the site's Secret; it is never written in this file.
#   PURGE <url>                          the exact URL on the request's Host, cached for http and https
#   BAN / with X-Ban-Url: <regex>        every URL of the request's Host matching the regular expression
#   BAN / with X-Ban-Url: .              everything cached for the request's Host
# The front proxy refuses both methods: they are sent to Varnish directly, from inside the cluster.

import std;

backend wordpress {
    .host = "{{backendHost}}";
    .port = "{{backendPort}}";
    .connect_timeout = 5s;
    # a little longer than PHP may run, so that PHP's own limit fires first
    .first_byte_timeout = {{firstByteTimeoutSeconds}}s;
    .between_bytes_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

sub vcl_recv {
    # A request in absolute form (to a proxy: "BAN http://blog.example.com/ HTTP/1.1", as Java's HttpClient sends
    # through a proxy) names its host in the URL, which wins over the Host header (RFC 9112, 3.2.2).
    if (req.url ~ "(?i)^https?://") {
        set req.http.host = regsub(req.url, "(?i)^https?://([^/?#]*).*$", "\1");
        set req.url = regsub(req.url, "(?i)^https?://[^/?#]*", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
    }
    if (req.http.host) {
        set req.http.host = std.tolower(req.http.host);
    } elsif (req.proto == "HTTP/1.1") {
        return (synth(400, "Host header required"));
    }

    # One URL per page: no fragment, no tracking parameters, the other parameters sorted.
    set req.url = regsub(req.url, "#.*$", "");
    if (req.url ~ "[?&](utm_[a-z_]+|gclid|gbraid|wbraid|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|twclid|igshid|_hsenc|_hsmi|mkt_tok)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|gclid|gbraid|wbraid|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|twclid|igshid|_hsenc|_hsmi|mkt_tok)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);

    if (req.method == "PURGE" || req.method == "BAN") {
        # an unset token must not match a missing header
        if (std.getenv("WPOVEN_PURGE_TOKEN") == "" || req.http.X-Purge-Token != std.getenv("WPOVEN_PURGE_TOKEN")) {
            return (synth(403, "Forbidden"));
        }
        call wpoven_invalidate;
    }
    unset req.http.X-Purge-Token;

    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # WordPress's admin, login, APIs, cron and previews, and the shop's personal pages.
    if (req.url ~ "^/(wp-admin|wp-login\.php|xmlrpc\.php|wp-cron\.php|wp-json/|wp-signup\.php|wp-activate\.php|wp-trackback\.php|wp-comments-post\.php)"
            || req.url ~ "^/(cart|checkout|my-account)(/|\?|$)"
            || req.url ~ "[?&](rest_route|preview|preview_id|customize_changeset_uuid|add-to-cart|wc-ajax|doing_wp_cron)=") {
        return (pass);
    }
    # Logged-in users, password-protected posts, commenters and shoppers see their own pages.
    if (req.http.Cookie ~ "{{passCookies}}") {
        return (pass);
    }

    # Everything else is the same for every visitor: other cookies (analytics, consent) only spoil the cache.
    unset req.http.Cookie;

    # While WordPress is healthy a stale page is served only briefly (refreshed in the background);
    # while it is sick, for the whole grace period.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub wpoven_invalidate {
    # pages are kept by host name without the port: a purge names the site, whichever port visitors use
    set req.http.X-WPOven-Ban-Host = regsub(req.http.host, ":[0-9]+$", "");
    if (req.method == "PURGE") {
        # a ban rather than a purge: it catches the http and https copies at once
        if (std.ban("obj.http.x-wpoven-host == " + req.http.X-WPOven-Ban-Host + " && obj.http.x-wpoven-url == " + req.url)) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }
    if (!req.http.X-Ban-Url) {
        return (synth(400, "BAN needs the header X-Ban-Url, a regular expression on the URL"));
    }
    if (std.ban("obj.http.x-wpoven-host == " + req.http.X-WPOven-Ban-Host + " && obj.http.x-wpoven-url ~ " + req.http.X-Ban-Url)) {
        return (synth(200, "Banned"));
    }
    return (synth(400, std.ban_error()));
}

sub vcl_hash {
    # http and https pages differ (redirects, absolute links): they are cached apart.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    # then the built-in hash: URL and Host
}

sub vcl_backend_response {
    # kept on the object so that bans match without a request (and the ban lurker can clean up)
    set beresp.http.x-wpoven-host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.x-wpoven-url = bereq.url;

    if (bereq.uncacheable) {
        return (deliver);
    }

    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            # keep serving the stale copy rather than replacing it with an error
            return (abandon);
        }
        # errors are not cached: the next request tries WordPress again
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (beresp.status >= 400 && beresp.status != 404 && beresp.status != 410) {
        # A refusal depends on the request, not only its URL: the WAF's 403, a 400 or 413 must never be
        # served to the next visitor of that page. No hit-for-miss object either (TTL 0): one hostile request
        # must not take a page out of the cache.
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (bereq.url ~ "(?i)\.(css|js|mjs|map|png|jpe?g|gif|webp|avif|svgz?|ico|bmp|woff2?|ttf|otf|eot|mp3|ogg|oga|wav|mp4|m4v|webm|ogv|pdf)(\?.*)?$") {
        # a static file is the same for everyone: a cookie set with it is not worth a cache miss
        unset beresp.http.Set-Cookie;
        if (beresp.status == 200) {
            set beresp.ttl = {{staticTtlSeconds}}s;
        }
    } elsif (beresp.http.Cache-Control !~ "(?i)(max-age|no-cache|no-store|private)" && !beresp.http.Expires) {
        # WordPress said nothing about caching
        set beresp.ttl = {{ttlSeconds}}s;
    }
    set beresp.grace = {{graceSeconds}}s;

    # stored compressed once, uncompressed on the fly for the few clients without gzip
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(javascript|json|ld\+json|manifest\+json|xml|rss\+xml|atom\+xml)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    # then the built-in rules: a page with Set-Cookie, no-cache, no-store, private or a zero TTL is not cached
}

sub vcl_deliver {
    unset resp.http.x-wpoven-host;
    unset resp.http.x-wpoven-url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
    {{microCache}}
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
