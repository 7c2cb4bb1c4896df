package io.wpoven.operator.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.VarnishVcl;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.Ports;

/**
 * One-click purge: empties a site's Varnish, the way default.vcl ({@link VarnishVcl}) expects it. For each domain it
 * sends {@code BAN} with {@code X-Ban-Url: .} (every URL), {@value VarnishVcl#PURGE_TOKEN_HEADER} and the domain as
 * host; Varnish answers 200, or 403 for a wrong token. {@link #purgeUrl} removes one page with {@code PURGE}.
 *
 * <p>Varnish is reached directly (its Service from inside the cluster), never through the front proxy, which refuses
 * both methods. It is addressed as an HTTP proxy: java.net.http does not let a caller set the Host header, but a
 * request through a proxy names the site in its absolute URL ({@code BAN http://blog.example.com/ HTTP/1.1}) and
 * Host, which the VCL reads as the site's host.
 */
public final class CachePurger {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Purges run here, so the caller (a reconcile thread) waits at most the total budget, DNS lookups included. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wpoven-cache-purge");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;
    private final Duration total;

    public CachePurger() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout for connecting to Varnish and for each answer, and for the whole purge */
    public CachePurger(Duration timeout) {
        this(timeout, timeout);
    }

    /**
     * @param timeout for connecting to Varnish and for each answer
     * @param total   for the whole purge, every domain: the caller never waits longer
     */
    public CachePurger(Duration timeout, Duration total) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.total = Objects.requireNonNull(total, "total");
    }

    /** The site's Varnish Service, as the operator reaches it from inside the cluster. */
    public static InetSocketAddress varnishService(WordPressSite site) {
        return InetSocketAddress.createUnresolved(
                Names.varnish(site) + "." + site.getMetadata().getNamespace() + ".svc", Ports.VARNISH);
    }

    /** Empties the cache of every domain of the site; {@code token} is the site Secret's purge token. */
    public void purgeSite(WordPressSite site, String token) {
        purgeDomains(varnishService(site), token, site.getSpec().getDomains());
    }

    /**
     * Bans every cached page of each domain (any port, http and https copies alike).
     *
     * @throws CachePurgeException when Varnish cannot be reached or does not answer 200 (403: wrong token)
     */
    public void purgeDomains(InetSocketAddress varnish, String token, List<String> domains) {
        requireToken(token);
        List<HttpRequest.Builder> bans = domains.stream().map(domain -> HttpRequest.newBuilder(uri(domain, "/"))
                .method("BAN", HttpRequest.BodyPublishers.noBody()).header("X-Ban-Url", ".")).toList();
        within(varnish, () -> {
            HttpClient client = client(varnish);
            for (HttpRequest.Builder ban : bans) {
                send(client, varnish, ban, token);
            }
        }, domains.size() + " domain(s)");
    }

    /** Removes one page (its exact path and query) of one domain, http and https copies. */
    public void purgeUrl(InetSocketAddress varnish, String token, String domain, String pathAndQuery) {
        requireToken(token);
        HttpRequest.Builder purge = HttpRequest.newBuilder(uri(domain, pathAndQuery))
                .method("PURGE", HttpRequest.BodyPublishers.noBody());
        within(varnish, () -> send(client(varnish), varnish, purge, token), domain + pathAndQuery);
    }

    /** Runs the requests on a worker and waits for them at most {@link #total}, however slow Varnish or DNS is. */
    private void within(InetSocketAddress varnish, Runnable requests, String what) {
        Future<?> run = WORKERS.submit(requests);
        try {
            run.get(total.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new CachePurgeException("purging " + what + " at " + varnish.getHostString() + ":" + varnish.getPort()
                    + " took longer than " + total.toMillis() + " ms: stopped", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CachePurgeException("purging " + what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new CachePurgeException("purging " + what + " interrupted", e);
        }
    }

    private static void requireToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("no purge token");
        }
    }

    private HttpClient client(InetSocketAddress varnish) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(varnish))
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private void send(HttpClient client, InetSocketAddress varnish, HttpRequest.Builder request, String token) {
        HttpRequest built = request.header(VarnishVcl.PURGE_TOKEN_HEADER, token).timeout(timeout).build();
        String what = built.method() + " " + built.uri() + " at " + varnish.getHostString() + ":" + varnish.getPort();
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CachePurgeException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CachePurgeException(what + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new CachePurgeException(what + " answered " + response.statusCode() + ": " + response.body().strip(), null);
        }
    }

    private static URI uri(String domain, String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("not a path: " + pathAndQuery);
        }
        try {
            return new URI("http://" + domain + pathAndQuery);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a domain and path: " + domain + pathAndQuery, e);
        }
    }

    /** A purge did not happen: Varnish unreachable, or it refused (403: wrong token). */
    public static final class CachePurgeException extends RuntimeException {
        CachePurgeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
