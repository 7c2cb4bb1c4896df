package io.wpoven.operator.dashboard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in API server that authenticates as kube-apiserver does, by the bearer token of each request: "edit-token"
 * may read and patch, "view-token" may only read, any other token is 401. It records what it was asked, with which
 * token, so a test can check that a user's action was made with the user's credentials.
 */
public class FakeApiServer implements QuarkusTestResourceLifecycleManager {
    public static final String EDIT = "edit-token";
    public static final String VIEW = "view-token";
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** Above 0: the cluster-wide list of sites has this many generated sites, served in pages (limit/continue). */
    static volatile int fleetSize;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("wpoven.dashboard.api-server", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        REQUESTS.add(ex.getRequestMethod() + " " + path + " token=" + token + " " + body);
        String user = switch (token) {
            case EDIT -> "system:serviceaccount:team:editor";
            case VIEW -> "system:serviceaccount:team:viewer";
            default -> null;
        };
        if (user == null) {
            send(ex, 401, status(401, "Unauthorized", "Unauthorized"));
            return;
        }
        if (path.equals("/apis/authentication.k8s.io/v1/selfsubjectreviews")) {
            send(ex, 201, """
                    {"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","metadata":{},
                     "status":{"userInfo":{"username":"%s","groups":["system:authenticated"]}}}""".formatted(user));
        } else if (path.equals("/apis/wpoven.io/v1alpha1/wordpresssites") && fleetSize > 0) {
            send(ex, 200, fleetPage(ex.getRequestURI().getRawQuery()));
        } else if (path.endsWith("/wordpresssites") && ex.getRequestMethod().equals("GET")) {
            send(ex, 200, """
                    {"apiVersion":"wpoven.io/v1alpha1","kind":"WordPressSiteList","metadata":{},"items":[%s]}""".formatted(SITE));
        } else if (path.equals("/apis/wpoven.io/v1alpha1/namespaces/team/wordpresssites/blog") && ex.getRequestMethod().equals("GET")) {
            send(ex, 200, SITE);
        } else if (path.equals("/api/v1/namespaces/cache/pods") || path.equals("/api/v1/namespaces/refused/pods")) {
            send(ex, 200, """
                    {"apiVersion":"v1","kind":"PodList","metadata":{},"items":[%s]}""".formatted(path.contains("/cache/")
                    ? varnishPod("v1", true, true) + "," + varnishPod("v2", true, true) + "," + varnishPod("starting", false, true)
                    : varnishPod("v", true, false)));
        } else if (path.matches("/api/v1/namespaces/cache/pods/v[12]:9131/proxy/metrics")) {
            // v1: 30 hits, 10 misses; v2: 50 hits, 10 misses (two series, summed)
            send(ex, 200, path.contains("/v1:") ? "# TYPE varnish_main_cache_hit counter\nvarnish_main_client_req 40\nvarnish_main_cache_hit 30\nvarnish_main_cache_miss 10\n"
                    : "varnish_main_client_req 60\nvarnish_main_cache_hit 50\nvarnish_main_cache_miss{a=\"1\"} 4\nvarnish_main_cache_miss{a=\"2\"} 6\n");
        } else if (path.equals("/api/v1/namespaces/refused/pods/v")) {
            send(ex, 200, varnishPod("v", true, false));
        } else if (path.equals("/api/v1/namespaces/refused/pods/v/exec")) {
            // the refused WebSocket upgrade, then the same refusal to the plain POST that asks for the API server's words
            send(ex, 403, status(403, "Forbidden", "pods \\\"v\\\" is forbidden: User \\\"" + user
                    + "\\\" cannot create resource \\\"pods/exec\\\" in API group \\\"\\\" in the namespace \\\"refused\\\""));
        } else if (path.matches(".*/(backups|restores|stagings|events|pods)") && ex.getRequestMethod().equals("GET")) {
            send(ex, 200, """
                    {"apiVersion":"v1","kind":"List","metadata":{},"items":[]}""");
        } else if (path.equals("/apis/wpoven.io/v1alpha1/namespaces/team/wordpresssites/blog") && ex.getRequestMethod().equals("PATCH")) {
            if (token.equals(VIEW)) {
                send(ex, 403, status(403, "Forbidden", "wordpresssites.wpoven.io \\\"blog\\\" is forbidden: User \\\"" + user
                        + "\\\" cannot patch resource \\\"wordpresssites\\\" in API group \\\"wpoven.io\\\" in the namespace \\\"team\\\""));
            } else {
                send(ex, 200, SITE);
            }
        } else if (path.equals("/api/v1/nodes") && ex.getRequestMethod().equals("GET")) {
            if (token.equals(VIEW)) {
                send(ex, 403, status(403, "Forbidden", "nodes is forbidden: User \\\"" + user
                        + "\\\" cannot list resource \\\"nodes\\\" in API group \\\"\\\" at the cluster scope"));
            } else {
                send(ex, 200, NODES);
            }
        } else {
            send(ex, 404, status(404, "NotFound", "not here"));
        }
    }

    /** One page of the generated fleet: sites site-0000… in 20 namespaces, some not ready, some degraded. */
    private static String fleetPage(String query) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : query == null ? new String[0] : query.split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        String c = q.getOrDefault("continue", "");
        int from = c.isEmpty() ? 0 : Integer.parseInt(c);
        int limit = Integer.parseInt(q.getOrDefault("limit", "0"));
        int to = limit > 0 ? Math.min(fleetSize, from + limit) : fleetSize;
        StringBuilder items = new StringBuilder();
        for (int i = from; i < to; i++) {
            String name = "site-%04d".formatted(i);
            boolean ready = i % 10 != 0;
            String degraded = i % 25 == 0 ? ",{\"type\":\"Degraded\",\"status\":\"True\",\"reason\":\"BackupFailed\",\"message\":\"the last backup failed\"}" : "";
            items.append(i > from ? "," : "").append("""
                    {"apiVersion":"wpoven.io/v1alpha1","kind":"WordPressSite","metadata":{"name":"%s","namespace":"tenant-%02d","uid":"u%d"},
                     "spec":{"domains":["%s.example.com","www.%s.example.com"],"replicas":2},
                     "status":{"readyReplicas":%d,"url":"https://%s.example.com","conditions":[{"type":"Ready","status":"%s","reason":"%s",
                     "message":"%s","lastTransitionTime":"2026-12-07T10:00:00Z"}%s]}}""".formatted(name, i % 20, i, name, name,
                    ready ? 2 : 0, name, ready ? "True" : "False", ready ? "Ready" : "DatabaseNotReady",
                    ready ? "the site serves" : "waiting for the database", degraded));
        }
        String cont = to < fleetSize ? String.valueOf(to) : "";
        return """
                {"apiVersion":"wpoven.io/v1alpha1","kind":"WordPressSiteList","metadata":{"continue":"%s"},"items":[%s]}""".formatted(cont, items);
    }

    /** A Varnish pod of a site, with the exporter's port (read through pods/proxy) or without (varnishstat by pods/exec). */
    private static String varnishPod(String name, boolean ready, boolean exporter) {
        return """
                {"metadata":{"name":"%s","labels":{"app.kubernetes.io/name":"wordpress","app.kubernetes.io/instance":"shop",
                 "app.kubernetes.io/component":"varnish"}},
                 "spec":{"containers":[{"name":"varnish","image":"varnish"}%s]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"%s"}]}}""".formatted(name,
                exporter ? ",{\"name\":\"exporter\",\"image\":\"e\",\"ports\":[{\"name\":\"varnish-metrics\",\"containerPort\":9131}]}" : "",
                ready ? "True" : "False");
    }

    static final String NODES = """
            {"apiVersion":"v1","kind":"NodeList","metadata":{},"items":[{"metadata":{"name":"worker-1","labels":{"pool":"web"}},
             "spec":{},"status":{"conditions":[{"type":"Ready","status":"True"}],
             "capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"3800m","memory":"7Gi","pods":"110"}}}]}""";

    static final String SITE = """
            {"apiVersion":"wpoven.io/v1alpha1","kind":"WordPressSite","metadata":{"name":"blog","namespace":"team"},
             "spec":{"domains":["blog.example.com"],"replicas":2},
             "status":{"readyReplicas":2,"conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"all good"}]}}""";

    private static String status(int code, String reason, String message) {
        return """
                {"apiVersion":"v1","kind":"Status","status":"Failure","message":"%s","reason":"%s","code":%d}""".formatted(message, reason, code);
    }

    private static void send(HttpExchange ex, int code, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
