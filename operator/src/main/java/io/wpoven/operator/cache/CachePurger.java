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

    private final Duration timeout;

    public CachePurger() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout for connecting to Varnish and for each answer */
    public CachePurger(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
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
        HttpClient client = client(varnish);
        for (String domain : domains) {
            send(client, varnish, HttpRequest.newBuilder(uri(domain, "/"))
                    .method("BAN", HttpRequest.BodyPublishers.noBody())
                    .header("X-Ban-Url", "."), token);
        }
    }

    /** Removes one page (its exact path and query) of one domain, http and https copies. */
    public void purgeUrl(InetSocketAddress varnish, String token, String domain, String pathAndQuery) {
        send(client(varnish), varnish, HttpRequest.newBuilder(uri(domain, pathAndQuery))
                .method("PURGE", HttpRequest.BodyPublishers.noBody()), token);
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
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("no purge token");
        }
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
