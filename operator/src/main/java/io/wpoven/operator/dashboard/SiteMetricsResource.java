package io.wpoven.operator.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.dashboard.metrics.SiteMetrics;
import io.wpoven.operator.dashboard.pods.PodExec;

/**
 * A site's live numbers as JSON for the site page's metrics panel (app.js polls it): requests/s, cache hit ratio,
 * PHP-FPM busy workers, CPU and memory per pod or why they are unavailable. Read with the user's client; a refusal
 * is answered as JSON with the API server's code and message, so the panel can say it. Also the fleet's cache hit
 * ratio cell, one site at a time.
 */
@Path(DashboardFilter.ROOT + "/sites/{namespace}/{name}/metrics")
public class SiteMetricsResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SignedInUser user;
    @Inject
    SiteMetrics metrics;

    /** One SiteMetrics for every user: rates need the previous reading of each site. */
    @Produces
    @Singleton
    static SiteMetrics siteMetrics() {
        return new SiteMetrics();
    }

    @GET
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("namespace") String namespace, @PathParam("name") String name) throws JsonProcessingException {
        return json(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            SiteMetrics.Snapshot s = metrics.read(user.client(), namespace, name);
            body.put("at", s.at().toString());
            body.put("requestsPerSecond", value(s.requestsPerSecond()));
            body.put("cacheHitRatio", value(s.cacheHitRatio()));
            body.put("phpFpmBusyWorkers", value(s.phpFpmBusyWorkers()));
            body.put("usageAvailable", s.usageAvailable());
            body.put("usageNote", s.usageNote());
            body.put("usage", s.usage().stream().map(u -> Map.of("pod", u.pod(), "component", u.component(),
                    "cpuMillis", u.cpuMillis(), "memoryBytes", u.memoryBytes())).toList());
            body.put("notes", s.notes());
            return body;
        });
    }

    /**
     * The fleet's cache hit ratio cell (app.js asks for the rows on screen): the share of Varnish lookups that were
     * hits since Varnish started, or null with the reason; read with the user's client, so RBAC decides.
     */
    @GET
    @Path("cache-ratio")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Response cacheRatio(@PathParam("namespace") String namespace, @PathParam("name") String name)
            throws JsonProcessingException {
        return json(() -> value(metrics.cacheHitRatioSinceStart(user.client(), namespace, name)));
    }

    /** The body as JSON; a refusal as JSON with the API server's code and message. */
    private static Response json(java.util.function.Supplier<Map<String, Object>> body) throws JsonProcessingException {
        Map<String, Object> out;
        int status = 200;
        try {
            out = body.get();
        } catch (KubernetesClientException e) {
            status = e.getCode() > 0 ? e.getCode() : 502;
            out = Map.of("error", status + " — " + PodExec.apiMessage(e));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(JSON.writeValueAsString(out)).build();
    }

    private static Map<String, Object> value(SiteMetrics.Value v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v.value());
        m.put("note", v.note() == null ? "" : v.note());
        return m;
    }
}
