package io.wpoven.e2e.stack;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import io.wpoven.operator.cache.CachePurger;

/**
 * The configuration the operator renders, proven on the real daemons (Debian's packages, plain processes on
 * loopback): visitor → nginx proxy → Varnish → nginx backend with ModSecurity → PHP-FPM → Redis and MariaDB, with
 * WordPress installed. Every request goes through the front proxy as the Ingress would send it. The tests share one
 * stack and run in order: the cache's state carries from one to the next. No cluster: this is not an @E2eTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StackIT.DumpLogsOnFailure.class)
@Exclusive.LoopbackDaemons
class StackIT {
    private static final Pattern CACHE_CONTROL_MAX_AGE = Pattern.compile("max-age=(\\d+)");

    LocalStack stack;
    /** The administrator, logged in by {@link #aRealLoginWorksAndWpAdminAnswers()}. */
    private Visitor admin;

    @BeforeAll
    void startStack() {
        stack = LocalStack.start(SampleSite.load(), true);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the first anonymous visit of the home page is a cache MISS, the next a HIT")
    void anonymousHomePageIsCachedAfterTheFirstVisit() {
        Visitor visitor = new Visitor(stack);
        RawHttp.Response first = visitor.get("/");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.cache()).isEqualTo("MISS");
        assertThat(first.text()).contains("<title>" + LocalStack.TITLE).contains("Hello world!")
                // links point where visitors came from: https through the Ingress, the site's host and port
                .contains("https://" + stack.publicHost() + "/");

        RawHttp.Response second = visitor.get("/");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.cache()).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        // Varnish's word to the proxy's micro-cache stays between them
        assertThat(first.header("X-Accel-Expires")).isNull();
        assertThat(second.header("X-Accel-Expires")).isNull();

        // analytics and consent cookies do not split the cache; tracking parameters neither
        RawHttp.Response withCookies = new Visitor(stack).get("/?utm_source=news&fbclid=x", "Cookie", "_ga=GA1.2.3; consent=yes");
        assertThat(withCookies.cache()).isEqualTo("HIT");
        // stored compressed once: a gzip-capable browser gets the cached page compressed
        RawHttp.Response gzipped = new Visitor(stack).get("/", "Accept-Encoding", "gzip, deflate, br");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.decoded()).isEqualTo(first.body());
        assertThat(gzipped.body().length).isLessThan(first.body().length / 2);
    }

    @Test
    @Order(2)
    @DisplayName("repeated visits are answered by the proxy's micro-cache, renewed from Varnish; private visitors never get its copies")
    void repeatedVisitsAreAnsweredByTheProxysMicroCache() {
        int seconds = stack.site().getSpec().getCache().getMicroCacheSeconds();
        assertThat(seconds).as("spec.cache.microCacheSeconds of the sample site").isPositive();
        Visitor visitor = new Visitor(stack);
        // Varnish counts how often it served the page (X-Cache-Hits): asked directly, with the headers the proxy
        // sends it, that count tells how often the proxy came back for it (each direct question counts once too)
        Visitor atVarnish = new Visitor(stack.varnishPort(), stack.publicHost());
        visitor.get("/");

        int before = varnishHitsOfHome(atVarnish);
        long start = System.nanoTime();
        int visits = 30;
        for (int i = 0; i < visits; i++) {
            RawHttp.Response hit = visitor.get("/");
            assertThat(hit.status()).isEqualTo(200);
            assertThat(hit.cache()).isEqualTo("HIT");
            assertThat(hit.text()).contains("Hello world!");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int renewals = varnishHitsOfHome(atVarnish) - before - 1;
        // at most one renewal per microCacheSeconds (and one for the copy that was already there)
        long allowed = (long) Math.ceil(elapsed / seconds) + 1;
        assertThat(renewals).as(visits + " visits in " + elapsed + " s: times the proxy asked Varnish")
                .isLessThanOrEqualTo((int) allowed);
        assertThat(visitor.get("/").header("X-Proxy-Cache")).isIn("HIT", "STALE", "UPDATING");

        // the copy expires: the proxy asks Varnish again within microCacheSeconds (a hit there too)
        int mark = varnishHitsOfHome(atVarnish);
        int[] probes = {0};
        Awaitility.await().atMost(Duration.ofSeconds(seconds + 5L)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(visitor.get("/").cache()).isEqualTo("HIT");
                    probes[0]++;
                    return varnishHitsOfHome(atVarnish) - mark - probes[0] > 0;
                });

        // a logged-in visitor (even with a cookie WordPress will not accept), a commenter, a visitor with
        // credentials: never the shared copy, always passed through to WordPress
        for (String[] header : List.of(new String[] {"Cookie", "_ga=1; wordpress_logged_in_0123=someone"},
                new String[] {"Cookie", "comment_author_0123=Ada"},
                new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))})) {
            RawHttp.Response own = new Visitor(stack).get("/", header);
            assertThat(own.cache()).as(header[0] + ": " + header[1]).isEqualTo("PASS");
            assertThat(own.header("X-Proxy-Cache")).as(header[0] + ": " + header[1]).isEqualTo("BYPASS");
        }
        // other cookies (analytics, consent) get the shared copy, as at Varnish
        assertThat(new Visitor(stack).get("/", "Cookie", "_ga=GA1.2.3; consent=yes").header("X-Proxy-Cache"))
                .isIn("HIT", "STALE", "UPDATING");
    }

    /** How often Varnish has served its copy of the home page, this question included. */
    private static int varnishHitsOfHome(Visitor atVarnish) {
        RawHttp.Response home = atVarnish.get("/");
        assertThat(home.cache()).as(home.toString()).isEqualTo("HIT");
        return Integer.parseInt(home.header("X-Cache-Hits"));
    }

    @Test
    @Order(3)
    @DisplayName("static assets carry the browser-caching Cache-Control of the spec")
    void staticAssetsCarryTheBrowserCachingHeader() {
        int maxAge = stack.site().getSpec().getWeb().getStaticMaxAgeSeconds();
        for (String asset : List.of("/wp-includes/css/dashicons.min.css", "/wp-includes/js/jquery/jquery.min.js",
                "/wp-content/themes/twentytwentythree/style.css", "/wp-content/themes/twentytwentythree/screenshot.png")) {
            RawHttp.Response response = new Visitor(stack).get(asset);
            assertThat(response.status()).as(asset + ": " + response).isEqualTo(200);
            String cacheControl = response.header("Cache-Control");
            assertThat(cacheControl).as(asset).contains("public");
            Matcher m = CACHE_CONTROL_MAX_AGE.matcher(cacheControl);
            assertThat(m.find()).as(asset + " " + cacheControl).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(asset).isEqualTo(maxAge);
            assertThat(new Visitor(stack).get(asset).cache()).as(asset + " the second time").isEqualTo("HIT");
        }
    }

    @Test
    @Order(4)
    @DisplayName("a real login through wp-login.php works; wp-admin answers; logged-in pages bypass the cache")
    void aRealLoginWorksAndWpAdminAnswers() {
        Visitor wrong = new Visitor(stack);
        wrong.get("/wp-login.php");
        RawHttp.Response refused = wrong.postForm("/wp-login.php", loginForm("not the password"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.text()).contains("login_error");
        assertThat(wrong.cookies().keySet()).noneMatch(c -> c.startsWith("wordpress_logged_in_"));

        admin = new Visitor(stack);
        RawHttp.Response form = admin.get("/wp-login.php");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.cache()).isEqualTo("PASS");
        RawHttp.Response login = admin.postForm("/wp-login.php", loginForm(LocalStack.ADMIN_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/wp-admin/");
        assertThat(admin.cookies().keySet()).anyMatch(c -> c.startsWith("wordpress_logged_in_"));

        RawHttp.Response dashboard = admin.get("/wp-admin/");
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        assertThat(dashboard.cache()).isEqualTo("PASS");
        assertThat(dashboard.text()).contains("Dashboard").contains(LocalStack.ADMIN_USER);
        // the web installer is never offered, to visitors or to the administrator (the operator installs WordPress)
        for (String installer : List.of("/wp-admin/install.php", "/wp-admin/setup-config.php", "/wp-admin/install.php?step=2")) {
            RawHttp.Response refusedInstaller = admin.get(installer);
            assertThat(refusedInstaller.status()).as(installer + ": " + refusedInstaller).isEqualTo(403);
            assertThat(refusedInstaller.text()).doesNotContain("WordPress &rsaquo; Installation");
        }
        RawHttp.Response posts = admin.get("/wp-admin/edit.php");
        assertThat(posts.status()).isEqualTo(200);
        assertThat(posts.text()).contains("Hello world!");

        // the logged-in home page has the admin bar and is never cached, however often it is asked for
        for (int i = 0; i < 3; i++) {
            RawHttp.Response home = admin.get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.cache()).isEqualTo("PASS");
            assertThat(home.text()).contains("wpadminbar");
        }
        assertThat(new Visitor(stack).get("/").text()).as("anonymous visitors never see the admin bar").doesNotContain("wpadminbar");
    }

    @Test
    @Order(5)
    @DisplayName("comment posts and other POSTs bypass the cache and do not spoil it")
    void postsBypassTheCache() {
        Visitor reader = new Visitor(stack);
        RawHttp.Response comment = reader.postForm("/wp-comments-post.php", Map.of(
                "comment_post_ID", "1", "author", "Ada Reader", "email", "ada@example.org",
                "comment", "A thoughtful comment " + UUID.randomUUID(), "wp-comment-cookies-consent", "yes",
                "submit", "Post Comment"));
        assertThat(comment.status()).as(comment.toString()).isEqualTo(302);
        assertThat(comment.cache()).isEqualTo("PASS");
        // held for moderation (a first comment), shown only to its author, whose cookie bypasses the cache
        assertThat(comment.header("Location")).contains("/hello-world/#comment-");
        assertThat(reader.cookies().keySet()).anyMatch(c -> c.startsWith("comment_author_"));
        assertThat(reader.get("/hello-world/").cache()).isEqualTo("PASS");

        for (int i = 0; i < 2; i++) {
            RawHttp.Response post = new Visitor(stack).postForm("/", Map.of("field", "value " + i));
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.cache()).isEqualTo("PASS");
        }
        RawHttp.Response home = new Visitor(stack).get("/");
        assertThat(home.cache()).isEqualTo("HIT");
        assertThat(home.text()).doesNotContain("A thoughtful comment");
    }

    @Test
    @Order(6)
    @DisplayName("publishing and updating a post refreshes the cached home page (the purge mu-plugin)")
    void publishingAndUpdatingAPostRefreshesTheCachedHomePage() {
        assertThat(admin).as("logged in by the login test").isNotNull();
        assertThat(new Visitor(stack).get("/").cache()).isEqualTo("HIT");

        RawHttp.Response nonce = admin.get("/wp-admin/admin-ajax.php?action=rest-nonce");
        assertThat(nonce.status()).as(nonce.toString()).isEqualTo(200);
        String restNonce = nonce.text().strip();

        String title = "Fresh from the stack " + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Response created = admin.postJson("/wp-json/wp/v2/posts",
                "{\"title\":\"" + title + "\",\"content\":\"<!-- wp:paragraph --><p>Published through the whole stack.</p><!-- /wp:paragraph -->\",\"status\":\"publish\"}",
                "X-WP-Nonce", restNonce);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.cache()).isEqualTo("PASS");
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.text());
        assertThat(id.find()).isTrue();

        // Varnish's copy is purged at once; the proxy's micro-cache may keep the old page for microCacheSeconds
        awaitHomePageShowing(title);
        assertThat(new Visitor(stack).get("/").cache()).isEqualTo("HIT");

        String updatedTitle = "Updated " + title;
        RawHttp.Response updated = admin.postJson("/wp-json/wp/v2/posts/" + id.group(1),
                "{\"title\":\"" + updatedTitle + "\"}", "X-WP-Nonce", restNonce);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        awaitHomePageShowing(updatedTitle);
        assertThat(stack.log(LocalStack.PHP_FPM)).doesNotContain("WPOven cache purge");
    }

    /**
     * Waits for visitors to see a change on the home page: no longer than the proxy's micro-cache keeps a copy, and
     * a few seconds for PHP to render the page anew. Far shorter than the cache's TTL (spec.cache.ttlSeconds), so
     * only a purge explains it.
     */
    private void awaitHomePageShowing(String text) {
        int ttl = stack.site().getSpec().getCache().getTtlSeconds();
        Duration bound = Duration.ofSeconds(stack.site().getSpec().getCache().getMicroCacheSeconds() + 5L);
        assertThat(bound.toSeconds()).isLessThan(ttl);
        Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> new Visitor(stack).get("/").text().contains(text));
    }

    @Test
    @Order(7)
    @DisplayName("PURGE and BAN from outside are refused; the operator's purge (CachePurger) empties the page")
    void outsidePurgesAreRefusedAndTheOperatorsPurgeEmptiesTheCache() throws IOException {
        Visitor visitor = new Visitor(stack);
        // Varnish itself, as the operator reaches it from inside the cluster (the proxy's micro-cache would hide
        // for a moment whether Varnish still has a page)
        Visitor atVarnish = new Visitor(stack.varnishPort(), stack.publicHost());
        visitor.get("/");
        assertThat(visitor.get("/").cache()).isEqualTo("HIT");
        assertThat(atVarnish.get("/").cache()).isEqualTo("HIT");

        // at the proxy, even with the right token
        for (String method : List.of("PURGE", "BAN")) {
            RawHttp.Response refused = visitor.send(method, "/", null,
                    "X-Purge-Token", stack.purgeToken(), "X-Ban-Url", ".");
            assertThat(refused.status()).as(method + " at the proxy: " + refused).isEqualTo(405);
        }
        assertThat(atVarnish.get("/").cache()).as("nothing was purged").isEqualTo("HIT");

        // at Varnish without the token
        assertThat(atVarnish.send("BAN", "/", null, "X-Ban-Url", ".").status()).isEqualTo(403);
        assertThat(atVarnish.send("PURGE", "/", null, "X-Purge-Token", "guessed").status()).isEqualTo(403);
        assertThat(atVarnish.get("/").cache()).as("nothing was purged").isEqualTo("HIT");

        // A file changed behind the cache's back (as a deploy or an edit in the database would change a page): the
        // caches keep the old one until they are purged.
        Path file = stack.docroot().resolve("purge-check.css");
        String path = "/purge-check.css";
        Files.writeString(file, "/* v1 */");
        assertThat(visitor.get(path).text()).isEqualTo("/* v1 */");
        Files.writeString(file, "/* v2 */");
        RawHttp.Response cached = atVarnish.get(path);
        assertThat(cached.cache()).isEqualTo("HIT");
        assertThat(cached.text()).isEqualTo("/* v1 */");
        assertThat(visitor.get(path).text()).isEqualTo("/* v1 */");

        // the one-click purge (everything of the site's domains): Varnish at once, visitors within microCacheSeconds
        new CachePurger(Duration.ofSeconds(5)).purgeDomains(new InetSocketAddress("127.0.0.1", stack.varnishPort()),
                stack.purgeToken(), stack.site().getSpec().getDomains());
        assertThat(atVarnish.get("/").cache()).isEqualTo("MISS");
        awaitVisitorsSee(visitor, path, "/* v2 */");
        assertThat(visitor.get("/").status()).isEqualTo(200);

        // the purge of one URL
        Files.writeString(file, "/* v3 */");
        assertThat(atVarnish.get(path).text()).isEqualTo("/* v2 */");
        new CachePurger().purgeUrl(new InetSocketAddress("127.0.0.1", stack.varnishPort()), stack.purgeToken(),
                stack.domain(), path);
        RawHttp.Response fresh = atVarnish.get(path);
        assertThat(fresh.cache()).isEqualTo("MISS");
        assertThat(fresh.text()).isEqualTo("/* v3 */");
        awaitVisitorsSee(visitor, path, "/* v3 */");
    }

    private void awaitVisitorsSee(Visitor visitor, String path, String body) {
        Duration bound = Duration.ofSeconds(stack.site().getSpec().getCache().getMicroCacheSeconds() + 3L);
        Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> visitor.get(path).text().equals(body));
    }

    @Test
    @Order(8)
    @DisplayName("WordPress uses Redis through the drop-in, and still renders without it")
    void wordPressUsesRedisAndDegradesWithoutIt() {
        // as in the official image: no phpredis, the drop-in speaks RESP itself
        assertThat(stack.phpModules()).contains("mysqli", "Zend OPcache").doesNotContain("redis");
        // a page Varnish does not have: PHP runs
        assertThat(new Visitor(stack).get("/?redis-check=" + UUID.randomUUID()).status()).isEqualTo(200);
        List<String> keys = RedisKeys.matching(stack.redisPort(), stack.redisPassword(), stack.redisPrefix() + "*");
        assertThat(keys).as("keys of the site in Redis").hasSizeGreaterThan(10)
                .contains(stack.redisPrefix() + "options:1:alloptions");

        stack.stop(LocalStack.REDIS);
        try {
            for (String page : List.of("/?redis-down=" + UUID.randomUUID(), "/hello-world/?redis-down=1")) {
                RawHttp.Response degraded = new Visitor(stack).get(page);
                assertThat(degraded.status()).as(page + " without Redis: " + degraded).isEqualTo(200);
                assertThat(degraded.text()).contains("Hello world!").contains("</html>");
            }
            RawHttp.Response adminWithoutRedis = admin.get("/wp-admin/");
            assertThat(adminWithoutRedis.status()).isEqualTo(200);
            assertThat(stack.log(LocalStack.PHP_FPM)).contains("WPOven object cache: Redis unavailable");
        } finally {
            stack.start(LocalStack.REDIS);
        }
        assertThat(new Visitor(stack).get("/?redis-back=" + UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(RedisKeys.matching(stack.redisPort(), stack.redisPassword(), stack.redisPrefix() + "*")).isNotEmpty();
    }

    @Test
    @Order(9)
    @DisplayName("WAF: SQL injection, XSS and path traversal get 403; the site, login and wp-admin work")
    void theWafRefusesAttacksButNotTheSite() {
        assertThat(stack.wafEnabled()).isTrue();
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("SQL injection", "/?s=" + Visitor.encode("1' UNION SELECT user_login, user_pass FROM wp_users -- -"));
        probes.put("SQL injection (boolean)", "/?p=" + Visitor.encode("1 OR 1=1"));
        probes.put("XSS", "/?s=" + Visitor.encode("<script>alert(document.cookie)</script>"));
        probes.put("XSS (handler)", "/hello-world/?q=" + Visitor.encode("\"><img src=x onerror=alert(1)>"));
        probes.put("path traversal", "/?file=" + Visitor.encode("../../../../etc/passwd"));
        probes.put("path traversal (encoded)", "/wp-content/plugins/x/download.php?f=..%252f..%252f..%252fwp-config.php");
        // the home page is cached: an attack in its query string is still a miss (query strings are part of the
        // cache key), so it reaches the WAF rather than being answered from the cache
        new Visitor(stack).get("/");
        assertThat(new Visitor(stack).get("/").cache()).isEqualTo("HIT");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            for (int i = 0; i < 2; i++) {
                RawHttp.Response refused = new Visitor(stack).get(probe.getValue());
                assertThat(refused.status()).as(probe.getKey() + " (" + (i + 1) + "): " + refused).isEqualTo(403);
            }
        }
        RawHttp.Response sqlInComment = new Visitor(stack).postForm("/wp-comments-post.php", Map.of(
                "comment_post_ID", "1", "author", "x", "email", "x@example.org",
                "comment", "1' AND 1=(SELECT COUNT(*) FROM wp_users WHERE user_pass LIKE '$P$%') -- "));
        assertThat(sqlInComment.status()).as(sqlInComment.toString()).isEqualTo(403);
        assertThat(stack.log(LocalStack.BACKEND)).contains("ModSecurity: Access denied with code 403");

        // a tracking parameter is dropped by Varnish before the cache lookup: its value never reaches WordPress,
        // whatever it carries, so the cached page may answer
        RawHttp.Response tracked = new Visitor(stack).get("/?utm_source=" + Visitor.encode("<script>alert(1)</script>"));
        assertThat(tracked.status()).isEqualTo(200);
        assertThat(tracked.cache()).isEqualTo("HIT");

        // a refusal is never cached: the page itself still answers
        assertThat(new Visitor(stack).get("/?s=hello").status()).isEqualTo(200);
        assertThat(new Visitor(stack).get("/?s=hello").text()).contains("Hello world!");
        assertThat(new Visitor(stack).get("/hello-world/").status()).isEqualTo(200);
        assertThat(admin.get("/wp-admin/post-new.php").status()).isEqualTo(200);
        assertThat(admin.get("/wp-admin/options-general.php").status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    @DisplayName("hostile requests get 4xx or are cut off, and no daemon dies")
    void hostileRequestsAreRefusedAndNoDaemonDies() throws Exception {
        int proxy = stack.proxyPort();
        String host = "Host: " + stack.publicHost() + "\r\n";
        // slow clients: headers that never end, bodies that never come
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            slow.add(openAndSend(proxy, "GET / HTTP/1.1\r\n" + host + "X-Slow: " + i));
        }
        for (int i = 0; i < 10; i++) {
            slow.add(openAndSend(proxy, "POST /wp-comments-post.php HTTP/1.1\r\n" + host
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ncomment=slow"));
        }
        CompletableFuture<List<Long>> cutOff = CompletableFuture.supplyAsync(() -> slow.stream().map(StackIT::secondsUntilClosed).toList());

        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("oversized header", ("GET / HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("oversized cookie", ("GET / HTTP/1.1\r\n" + host + "Cookie: c=" + "b".repeat(40_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n" + host);
        for (int i = 0; i < 300; i++) {
            many.append("X-Header-").append(i).append(": ").append("v".repeat(300)).append("\r\n");
        }
        hostile.put("too many headers", (many + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("oversized URL", ("GET /?q=" + "u".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("oversized body", ("POST /wp-comments-post.php HTTP/1.1\r\n" + host
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200000000\r\n\r\n" + "x".repeat(65_536)).getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("TRACE", ("TRACE / HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("unknown method", ("FOO / HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("CONNECT", ("CONNECT " + stack.publicHost() + " HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("method with bad characters", ("G\u0001T / HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("garbage request line", "HELLO THERE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("bad chunked body", ("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        hostile.put("request smuggling", ("POST / HTTP/1.1\r\n" + host + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /wp-admin/ HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> request : hostile.entrySet()) {
            RawHttp.Response response = RawHttp.exchange(proxy, request.getValue(), false, Duration.ofSeconds(20));
            if (request.getKey().equals("request smuggling")) {
                // nginx reads Transfer-Encoding and drops Content-Length, or refuses: never a second request
                assertThat(response.status()).as(request.getKey() + ": " + response).isIn(200, 400);
                continue;
            }
            assertThat(response.status()).as(request.getKey() + ": " + response).isBetween(400, 499);
        }

        // the site keeps answering while the slow clients hang on
        assertThat(new Visitor(stack).get("/").status()).isEqualTo(200);
        assertThat(new Visitor(stack).get("/?while-slow=" + UUID.randomUUID()).status()).isEqualTo(200);

        List<Long> seconds = cutOff.get(60, TimeUnit.SECONDS);
        assertThat(seconds).as("seconds until nginx cut off each slow client (its timeouts are 15 s)")
                .allMatch(s -> s >= 0 && s <= 25);

        for (Daemon daemon : stack.daemons()) {
            assertThat(daemon.alive()).as(daemon.name() + " (pid " + daemon.pid() + ") is alive").isTrue();
        }
        assertThat(stack.crashes()).as("crashes in the daemons' logs").isEmpty();
        assertThat(new Visitor(stack).get("/").status()).isEqualTo(200);
    }

    private static LinkedHashMap<String, String> loginForm(String password) {
        LinkedHashMap<String, String> form = new LinkedHashMap<>();
        form.put("log", LocalStack.ADMIN_USER);
        form.put("pwd", password);
        form.put("wp-submit", "Log In");
        form.put("redirect_to", "/wp-admin/");
        form.put("testcookie", "1");
        return form;
    }

    private static Socket openAndSend(int port, String partial) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(partial.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** Seconds until the server closed (or answered and closed) a connection; -1 when it never did. */
    private static long secondsUntilClosed(Socket socket) {
        long start = System.nanoTime();
        try (socket; InputStream in = socket.getInputStream()) {
            while (in.read() != -1) {
                // an answer (408) may come before the close
            }
        } catch (SocketTimeoutException stillOpen) {
            return -1;
        } catch (IOException reset) {
            // a reset is a cut-off too
        }
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    /** On a failure, the end of every daemon's log is printed and all of them are kept under e2e/target. */
    static final class DumpLogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getTestInstance().map(StackIT.class::cast).map(it -> it.stack)
                    .ifPresent(stack -> stack.dumpLogs(context.getDisplayName()));
        }
    }
}
