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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.wpoven.operator.config.VarnishVcl;

/**
 * One-click purge: empties a site's Varnish, the way default.vcl ({@link VarnishVcl}) expects it. For each domain it
 * sends {@code BAN} with {@code X-Ban-Url: .} (every URL), {@value VarnishVcl#PURGE_TOKEN_HEADER} and the domain as
 * host; Varnish answers 200, or 403 for a wrong token. {@link #purgeUrl} removes one page with {@code PURGE}.
 *
 * <p>Varnish is reached directly, each of its pods ({@link Replica}, {@link VarnishReplicas}) since every pod keeps
 * its own copies, never through the front proxy, which refuses both methods. It is addressed as an HTTP proxy:
 * java.net.http does not let a caller set the Host header, but a request through a proxy names the site in its
 * absolute URL ({@code BAN http://blog.example.com/ HTTP/1.1}) and Host, which the VCL reads as the site's host.
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

    /** One Varnish pod, as a purge reaches it: its name (for messages) and its address. */
    public record Replica(String name, InetSocketAddress address) {
        public Replica {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }

        /** A Varnish known by its address only (one pod, or a Service): named by it. */
        public static Replica at(InetSocketAddress address) {
            return new Replica(address.getHostString() + ":" + address.getPort(), address);
        }

        /** Whether it has a name of its own (a pod's), besides its address. */
        boolean named() {
            return !name.equals(address.getHostString() + ":" + address.getPort());
        }

        @Override
        public String toString() {
            return named() ? name + " (" + address.getHostString() + ":" + address.getPort() + ")" : name;
        }
    }

    /**
     * Bans every cached page of each domain (any port, http and https copies alike).
     *
     * @throws CachePurgeException when Varnish cannot be reached or does not answer 200 (403: wrong token)
     */
    public void purgeDomains(InetSocketAddress varnish, String token, List<String> domains) {
        purgeDomains(List.of(Replica.at(varnish)), token, domains);
    }

    /**
     * Bans every cached page of each domain in every replica, all at once: each Varnish pod keeps its own copies.
     *
     * @throws CachePurgeException naming each replica that cannot be reached or does not answer 200, or when there
     *                             is none
     */
    public void purgeDomains(List<Replica> replicas, String token, List<String> domains) {
        requireToken(token);
        if (replicas.isEmpty()) {
            throw new CachePurgeException("no ready Varnish pod to purge", null);
        }
        List<HttpRequest.Builder> bans = domains.stream().map(domain -> HttpRequest.newBuilder(uri(domain, "/"))
                .method("BAN", HttpRequest.BodyPublishers.noBody()).header("X-Ban-Url", ".")).toList();
        within(replicas, replica -> () -> {
            HttpClient client = client(replica.address());
            for (HttpRequest.Builder ban : bans) {
                send(client, replica.address(), ban.copy(), token);
            }
        }, domains.size() + " domain(s)");
    }

    /** Removes one page (its exact path and query) of one domain, http and https copies. */
    public void purgeUrl(InetSocketAddress varnish, String token, String domain, String pathAndQuery) {
        requireToken(token);
        HttpRequest.Builder purge = HttpRequest.newBuilder(uri(domain, pathAndQuery))
                .method("PURGE", HttpRequest.BodyPublishers.noBody());
        within(List.of(Replica.at(varnish)), replica -> () -> send(client(varnish), varnish, purge, token),
                domain + pathAndQuery);
    }

    /**
     * Runs each replica's requests on a worker, all at once, and waits for them together at most {@link #total},
     * however slow a Varnish or DNS is. Every replica's failure is named in the one exception.
     */
    private void within(List<Replica> replicas, Function<Replica, Runnable> requests, String what) {
        long deadline = System.nanoTime() + total.toNanos();
        Map<Replica, Future<?>> runs = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            runs.put(replica, WORKERS.submit(requests.apply(replica)));
        }
        List<String> failures = new ArrayList<>();
        Throwable first = null;
        for (Map.Entry<Replica, Future<?>> run : runs.entrySet()) {
            Replica replica = run.getKey();
            String at = replica.named() ? replica.name() + ": " : "";
            try {
                run.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                run.getValue().cancel(true);
                failures.add(at + "purging " + what + " at " + replica.address().getHostString() + ":"
                        + replica.address().getPort() + " took longer than " + total.toMillis() + " ms: stopped");
                first = first == null ? e : first;
            } catch (ExecutionException e) {
                failures.add(at + (e.getCause() instanceof CachePurgeException c ? c.getMessage()
                        : "purging " + what + " failed: " + e.getCause()));
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                runs.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new CachePurgeException("purging " + what + " interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            String prefix = replicas.size() == 1 ? ""
                    : failures.size() + " of " + replicas.size() + " Varnish pods not purged: ";
            throw new CachePurgeException(prefix + String.join("; ", failures), first);
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
