package io.wpoven.operator.dashboard.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wpoven.operator.dashboard.pods.PodExec;
import io.wpoven.operator.dashboard.pods.SitePods;
import io.wpoven.operator.site.dependent.VarnishDeploymentDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * A site's live numbers for the dashboard, read with the signed-in user's client on each refresh:
 * <ul>
 * <li>CPU and memory per pod from the metrics API (metrics.k8s.io, served by metrics-server; "unavailable" without
 * it);
 * <li>requests/s, cache hit ratio and PHP-FPM busy workers from the site's exporter sidecars
 * (spec.monitoring.exporters), each pod's {@code *-metrics} port read through the API server's pod proxy
 * (pods/proxy), so RBAC applies; requests/s and hit ratio fall back to Varnish's own counters (varnishstat through
 * pods/exec) when no Varnish exporter runs.
 * </ul>
 * Rates need two readings: one instance is shared by all users (application-wide) and keeps each site's previous
 * reading in a small bounded cache. Counters are not secret beyond the site, and each user's reading is made with
 * the user's own rights, so a rate against another user's earlier reading shows nothing the user could not read.
 */
public final class SiteMetrics {
    /** Metric names of the exporters (nginx-prometheus-exporter, hipages php-fpm_exporter, prometheus_varnish_exporter). */
    static final String NGINX_REQUESTS = "nginx_http_requests_total";
    static final String FPM_ACTIVE = "phpfpm_active_processes";
    static final String VARNISH_REQUESTS = "varnish_main_client_req";
    static final String VARNISH_HITS = "varnish_main_cache_hit";
    static final String VARNISH_MISSES = "varnish_main_cache_miss";
    private static final Duration CALL = Duration.ofSeconds(10);
    /** The note of a hit ratio over Varnish's whole life (a page shows it as the number's title). */
    public static final String SINCE_START = "since Varnish started";

    /** A number, or null with the reason it is missing; note says where it came from or why it is missing. */
    public record Value(Double value, String note) {
        public boolean available() {
            return value != null;
        }

        static Value of(double value, String note) {
            return new Value(value, note);
        }

        static Value unavailable(String why) {
            return new Value(null, why);
        }
    }

    /** One pod's CPU (millicores) and memory (bytes) as the metrics API last measured them. */
    public record PodUsage(String pod, String component, long cpuMillis, long memoryBytes) {
    }

    /**
     * The site's numbers at one refresh. usage is empty and usageNote says why when the metrics API cannot be read;
     * notes lists what could not be read (an exporter refused, a pod without exporters) so a page can show it.
     */
    public record Snapshot(Instant at, List<PodUsage> usage, String usageNote, Value requestsPerSecond,
            Value cacheHitRatio, Value phpFpmBusyWorkers, List<String> notes) {
        public boolean usageAvailable() {
            return usageNote.isEmpty();
        }
    }

    private final Clock clock;
    private final Map<String, Sample> previous;

    /** Keeps the previous reading of at most maxSites sites (the least recently refreshed go first). */
    public SiteMetrics(int maxSites, Clock clock) {
        this.clock = clock;
        this.previous = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sample> eldest) {
                return size() > maxSites;
            }
        };
    }

    public SiteMetrics() {
        this(1000, Clock.systemUTC());
    }

    /**
     * Reads the site's numbers now with the user's client.
     *
     * @throws KubernetesClientException when the user may not list the site's pods (403)
     */
    public Snapshot read(KubernetesClient client, String namespace, String site) {
        List<Pod> pods = SitePods.all(client, namespace, site);
        List<String> notes = new ArrayList<>();
        List<PodUsage> usage = new ArrayList<>();
        String usageNote = usage(client, namespace, site, pods, usage);
        Sample current = sample(client, namespace, pods, notes);
        Sample earlier = remember(namespace + "/" + site, current);
        return new Snapshot(current.at(), usage, usageNote, requests(earlier, current),
                hitRatio(earlier, current), busyWorkers(current), notes);
    }

    /**
     * The share of Varnish lookups that were hits since each of the site's ready Varnish pods started (hits / (hits +
     * misses), summed over the pods), read now with the user's client as {@link #read} reads Varnish: one reading, no
     * rate, so the fleet can ask for many sites. Unavailable, with the reason, when no Varnish pod is ready, when its
     * counters cannot be read (the API server's refusal as it said it) or when nothing was looked up yet.
     *
     * @throws KubernetesClientException when the user may not list the site's pods (403)
     */
    public Value cacheHitRatioSinceStart(KubernetesClient client, String namespace, String site) {
        List<Pod> varnish = SitePods.of(client, namespace, site, Component.VARNISH).stream().filter(Readiness::isPodReady)
                .toList();
        if (varnish.isEmpty()) {
            return Value.unavailable("no ready Varnish pod");
        }
        List<String> notes = new ArrayList<>();
        return sinceStart(sample(client, namespace, varnish, notes), notes);
    }

    static Value sinceStart(Sample current, List<String> notes) {
        Value ratio = hitRatio(null, current);
        return ratio.available() || notes.isEmpty() ? ratio : Value.unavailable(String.join("; ", notes));
    }

    /** Stores the reading and returns the one before it (kept when the new one is too close to be a rate's end). */
    private synchronized Sample remember(String key, Sample current) {
        Sample earlier = previous.get(key);
        if (earlier == null || Duration.between(earlier.at(), current.at()).compareTo(Sample.MIN_INTERVAL) >= 0) {
            previous.put(key, current);
        }
        return earlier;
    }

    static Value requests(Sample earlier, Sample current) {
        String proxy = Component.PROXY.label();
        if (current.gauge(proxy, NGINX_REQUESTS).isPresent()) {
            return rateOrWhy(Sample.rate(earlier, current, proxy, NGINX_REQUESTS), "proxy nginx exporter");
        }
        String varnish = Component.VARNISH.label();
        if (current.gauge(varnish, VARNISH_REQUESTS).isPresent()) {
            return rateOrWhy(Sample.rate(earlier, current, varnish, VARNISH_REQUESTS), "Varnish client requests");
        }
        return Value.unavailable("no request counter: turn on spec.monitoring.exporters");
    }

    private static Value rateOrWhy(OptionalDouble rate, String source) {
        return rate.isPresent() ? Value.of(rate.getAsDouble(), source)
                : Value.unavailable("a rate needs a second reading: refresh again");
    }

    static Value hitRatio(Sample earlier, Sample current) {
        return Sample.ratio(earlier, current, Component.VARNISH.label(), VARNISH_HITS, VARNISH_MISSES)
                .map(r -> Value.of(r.value(), r.sinceStart() ? SINCE_START : "Varnish, since the last refresh"))
                .orElseGet(() -> Value.unavailable("no Varnish lookups counted yet"));
    }

    static Value busyWorkers(Sample current) {
        OptionalDouble busy = current.gauge(Component.WORDPRESS.label(), FPM_ACTIVE);
        return busy.isPresent() ? Value.of(busy.getAsDouble(), "PHP-FPM exporter")
                : Value.unavailable("no PHP-FPM exporter: turn on spec.monitoring.exporters");
    }

    /** Fills usage from the metrics API; "" when read, else why not. */
    private static String usage(KubernetesClient client, String namespace, String site, List<Pod> pods,
            List<PodUsage> usage) {
        Map<String, String> components = new LinkedHashMap<>();
        pods.forEach(p -> components.put(p.getMetadata().getName(), component(p)));
        try {
            for (PodMetrics m : client.top().pods().inNamespace(namespace)
                    .withLabels(Map.of(Labels.NAME, "wordpress", Labels.INSTANCE, site)).metrics().getItems()) {
                long cpu = 0;
                long memory = 0;
                for (var c : m.getContainers()) {
                    cpu += amount(c.getUsage().get("cpu"), 1000);
                    memory += amount(c.getUsage().get("memory"), 1);
                }
                usage.add(new PodUsage(m.getMetadata().getName(),
                        components.getOrDefault(m.getMetadata().getName(), ""), cpu, memory));
            }
            return "";
        } catch (KubernetesClientException e) {
            return switch (e.getCode()) {
                case 404, 503 -> "unavailable: the metrics API (metrics.k8s.io, metrics-server) is not installed or not answering";
                case 403 -> "unavailable: the API server refused to read pod metrics: " + message(e);
                default -> "unavailable: " + message(e);
            };
        }
    }

    private static long amount(Quantity q, long scale) {
        return q == null ? 0 : q.getNumericalAmount().multiply(java.math.BigDecimal.valueOf(scale)).longValue();
    }

    /** Every ready pod's exporters through the pod proxy; Varnish's counters by varnishstat where it has no exporter. */
    private Sample sample(KubernetesClient client, String namespace, List<Pod> pods, List<String> notes) {
        Map<String, Sample.PodValues> values = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!Readiness.isPodReady(pod)) {
                continue;
            }
            Map<String, Double> podValues = new LinkedHashMap<>();
            for (ContainerPort port : metricsPorts(pod)) {
                try {
                    String text = client.raw("/api/v1/namespaces/" + namespace + "/pods/" + pod.getMetadata().getName()
                            + ":" + port.getContainerPort() + "/proxy/metrics");
                    if (text == null) {
                        notes.add(pod.getMetadata().getName() + " " + port.getName() + ": no metrics page");
                        continue;
                    }
                    List<PrometheusText.Series> series = PrometheusText.parse(text);
                    series.stream().map(PrometheusText.Series::name).distinct()
                            .forEach(n -> podValues.merge(n, PrometheusText.sum(series, n), Double::sum));
                } catch (KubernetesClientException e) {
                    notes.add(pod.getMetadata().getName() + " " + port.getName() + ": " + message(e));
                }
            }
            if (component(pod).equals(Component.VARNISH.label()) && !podValues.containsKey(VARNISH_REQUESTS)) {
                varnishstat(client, namespace, pod, notes).forEach(podValues::put);
            }
            values.put(pod.getMetadata().getName(), new Sample.PodValues(component(pod), podValues));
        }
        return new Sample(clock.instant(), values);
    }

    private static List<ContainerPort> metricsPorts(Pod pod) {
        List<ContainerPort> ports = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            if (c.getPorts() != null) {
                c.getPorts().stream().filter(p -> p.getName() != null && p.getName().endsWith("-metrics")).forEach(ports::add);
            }
        });
        return ports;
    }

    /** Varnish's request, hit and miss counters from varnishstat in its container (pods/exec), named as its exporter names them. */
    private static Map<String, Double> varnishstat(KubernetesClient client, String namespace, Pod pod, List<String> notes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PodExec.Result r = PodExec.run(client, namespace, pod.getMetadata().getName(), "varnish",
                    List.of("varnishstat", "-1", "-n", VarnishDeploymentDependent.WORKDIR, "-f", "MAIN.client_req",
                            "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss"),
                    null, 0, out, CALL);
            if (!r.ok()) {
                notes.add(pod.getMetadata().getName() + " varnishstat: " + r.error().strip());
                return Map.of();
            }
        } catch (KubernetesClientException e) {
            notes.add(pod.getMetadata().getName() + " varnishstat: " + message(e));
            return Map.of();
        }
        return varnishstatValues(out.toString(StandardCharsets.UTF_8));
    }

    /** varnishstat -1 lines ("MAIN.client_req  123  0.50  Good client requests received") as exporter metric names. */
    static Map<String, Double> varnishstatValues(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].contains(".")) {
                try {
                    values.put("varnish_" + f[0].toLowerCase(java.util.Locale.ROOT).replace('.', '_'), Double.parseDouble(f[1]));
                } catch (NumberFormatException e) {
                    // not a counter line
                }
            }
        }
        return values;
    }

    private static String component(Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(Labels.COMPONENT, "");
    }

    private static String message(KubernetesClientException e) {
        String m = PodExec.apiMessage(e);
        return (e.getCode() == 403 ? "refused by the API server (403): " : "") + m;
    }
}
