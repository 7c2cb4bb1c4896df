package io.wpoven.operator.dashboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SiteMetricsMathsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T18:00:00Z");

    @Test
    void theTextFormatIsReadWithLabelsEscapesSpecialValuesAndTimestamps() {
        String text = """
                # HELP nginx_http_requests_total Total http requests
                # TYPE nginx_http_requests_total counter
                nginx_http_requests_total 1234
                phpfpm_active_processes{pool="www",scrape_uri="tcp://127.0.0.1:9000/status"} 3
                phpfpm_active_processes{pool="two, \\"quoted\\" {x}",scrape_uri="a\\\\b\\nc"} 2 1733594400000

                odd_metric{} NaN
                up +Inf
                down -Inf
                this line is not a sample
                broken{label="unclosed} 1
                """;
        List<PrometheusText.Series> series = PrometheusText.parse(text);
        assertThat(series).extracting(PrometheusText.Series::name).containsExactly("nginx_http_requests_total",
                "phpfpm_active_processes", "phpfpm_active_processes", "odd_metric", "up", "down");
        assertThat(series.get(2).labels()).containsEntry("pool", "two, \"quoted\" {x}").containsEntry("scrape_uri", "a\\b\nc");
        assertThat(PrometheusText.sum(series, "phpfpm_active_processes")).isEqualTo(5);
        assertThat(PrometheusText.sum(series, "nginx_http_requests_total")).isEqualTo(1234);
        assertThat(PrometheusText.sum(series, "odd_metric")).isZero();
        assertThat(series.get(4).value()).isInfinite();
        assertThat(PrometheusText.has(series, "missing")).isFalse();
    }

    private static Sample sample(int seconds, Map<String, Sample.PodValues> pods) {
        return new Sample(T0.plusSeconds(seconds), pods);
    }

    private static Sample.PodValues proxy(double requests) {
        return new Sample.PodValues("proxy", Map.of(SiteMetrics.NGINX_REQUESTS, requests));
    }

    @Test
    void aRateIsTheIncreaseOverTheIntervalSummedOverPodsInBothSamples() {
        Sample a = sample(0, Map.of("p1", proxy(100), "p2", proxy(50), "gone", proxy(999)));
        Sample b = sample(10, Map.of("p1", proxy(150), "p2", proxy(70), "new", proxy(5000)));
        // (50 + 20) / 10 s; the pod that went and the one that came are left out
        assertThat(Sample.rate(a, b, "proxy", SiteMetrics.NGINX_REQUESTS).getAsDouble()).isCloseTo(7.0, within(1e-9));
        // another component's counters are not counted
        assertThat(Sample.rate(a, b, "varnish", SiteMetrics.NGINX_REQUESTS)).isEmpty();
    }

    @Test
    void aCounterThatWentDownRestartedAndCountsWhole() {
        Sample a = sample(0, Map.of("p1", proxy(1000)));
        Sample b = sample(4, Map.of("p1", proxy(20)));
        assertThat(Sample.rate(a, b, "proxy", SiteMetrics.NGINX_REQUESTS).getAsDouble()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void noRateWithoutAnEarlierSampleOrOverTooShortAnInterval() {
        Sample b = new Sample(T0, Map.of("p1", proxy(10)));
        assertThat(Sample.rate(null, b, "proxy", SiteMetrics.NGINX_REQUESTS)).isEmpty();
        Sample close = new Sample(T0.plusMillis(200), Map.of("p1", proxy(20)));
        assertThat(Sample.rate(b, close, "proxy", SiteMetrics.NGINX_REQUESTS)).isEmpty();
        assertThat(SiteMetrics.requests(null, b).available()).isFalse();
        assertThat(SiteMetrics.requests(null, b).note()).contains("second reading");
    }

    private static Sample.PodValues varnish(double requests, double hits, double misses) {
        return new Sample.PodValues("varnish", Map.of(SiteMetrics.VARNISH_REQUESTS, requests,
                SiteMetrics.VARNISH_HITS, hits, SiteMetrics.VARNISH_MISSES, misses));
    }

    @Test
    void requestsComeFromTheProxyExporterElseFromVarnish() {
        Sample a = sample(0, Map.of("v", varnish(10, 6, 4)));
        Sample b = sample(2, Map.of("v", varnish(30, 21, 9)));
        SiteMetrics.Value fromVarnish = SiteMetrics.requests(a, b);
        assertThat(fromVarnish.value()).isCloseTo(10.0, within(1e-9));
        assertThat(fromVarnish.note()).contains("Varnish");
        Sample c = sample(0, Map.of("v", varnish(10, 6, 4), "p", proxy(100)));
        Sample d = sample(2, Map.of("v", varnish(30, 21, 9), "p", proxy(104)));
        assertThat(SiteMetrics.requests(c, d).value()).isCloseTo(2.0, within(1e-9));
        assertThat(SiteMetrics.requests(null, sample(0, Map.of())).note()).contains("spec.monitoring.exporters");
    }

    @Test
    void theHitRatioIsOverTheIntervalElseSinceStart() {
        Sample a = sample(0, Map.of("v", varnish(10, 6, 4)));
        Sample b = sample(2, Map.of("v", varnish(30, 21, 9)));
        // 15 hits, 5 misses in between
        assertThat(SiteMetrics.hitRatio(a, b).value()).isCloseTo(0.75, within(1e-9));
        assertThat(SiteMetrics.hitRatio(a, b).note()).contains("since the last refresh");
        // nothing in between: since Varnish started
        assertThat(SiteMetrics.hitRatio(b, sample(4, Map.of("v", varnish(30, 21, 9)))).value())
                .isCloseTo(0.7, within(1e-9));
        assertThat(SiteMetrics.hitRatio(null, b).note()).isEqualTo("since Varnish started");
        assertThat(SiteMetrics.hitRatio(null, sample(0, Map.of("v", varnish(0, 0, 0)))).available()).isFalse();
    }

    @Test
    void theFleetsRatioIsSinceVarnishStartedSummedOverPodsElseWhyNot() {
        Sample s = sample(0, Map.of("v1", varnish(10, 6, 4), "v2", varnish(30, 24, 6), "p", proxy(100)));
        // (6 + 24) / (10 + 30)
        SiteMetrics.Value ratio = SiteMetrics.sinceStart(s, List.of());
        assertThat(ratio.value()).isCloseTo(0.75, within(1e-9));
        assertThat(ratio.note()).isEqualTo("since Varnish started");
        // a pod refused and another read: the number of the one read
        assertThat(SiteMetrics.sinceStart(sample(0, Map.of("v1", varnish(4, 1, 3))), List.of("v2 varnishstat: refused")).value())
                .isCloseTo(0.25, within(1e-9));
        // nothing read: the refusal is the reason; read but no lookups yet: that is the reason
        assertThat(SiteMetrics.sinceStart(sample(0, Map.of("v", new Sample.PodValues("varnish", Map.of()))),
                List.of("v varnishstat: refused by the API server (403): forbidden"))).satisfies(v -> {
                    assertThat(v.available()).isFalse();
                    assertThat(v.note()).isEqualTo("v varnishstat: refused by the API server (403): forbidden");
                });
        assertThat(SiteMetrics.sinceStart(sample(0, Map.of("v", varnish(0, 0, 0))), List.of()).note())
                .isEqualTo("no Varnish lookups counted yet");
    }

    @Test
    void busyWorkersAreTheSumOverWordPressPods() {
        Sample s = sample(0, Map.of("w1", new Sample.PodValues("wordpress", Map.of(SiteMetrics.FPM_ACTIVE, 2.0)),
                "w2", new Sample.PodValues("wordpress", Map.of(SiteMetrics.FPM_ACTIVE, 3.0))));
        assertThat(SiteMetrics.busyWorkers(s).value()).isEqualTo(5.0);
        assertThat(SiteMetrics.busyWorkers(sample(0, Map.of())).available()).isFalse();
    }

    @Test
    void varnishstatLinesReadAsTheExportersNames() {
        Map<String, Double> v = SiteMetrics.varnishstatValues("""
                MAIN.client_req             1234         0.50 Good client requests received
                MAIN.cache_hit               900         0.30 Cache hits
                MAIN.cache_miss              334          .   Cache misses
                garbage
                """);
        assertThat(v).containsExactly(Map.entry("varnish_main_client_req", 1234.0),
                Map.entry("varnish_main_cache_hit", 900.0), Map.entry("varnish_main_cache_miss", 334.0));
    }
}
