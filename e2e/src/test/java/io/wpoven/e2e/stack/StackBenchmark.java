package io.wpoven.e2e.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The serving benchmark (run by hack/bench-stack.sh, not a test): requests per second and p99 latency of
 * <ul>
 * <li>(a) a static file served by nginx (the backend nginx without the WAF, straight from the docroot): the home page
 * saved as an .html file, served as nginx serves a static page; (a*) the cached response's gzip bytes as a file, so
 * both sides send exactly the same bytes;</li>
 * <li>(b) the home page as a cache hit through the chain a visitor uses: nginx proxy (its micro-cache, as rendered) →
 * Varnish; (b0) the same with the micro-cache off (spec.cache.microCacheSeconds: 0), every hit from Varnish;</li>
 * <li>(c) the home page rendered by PHP: the whole chain, the cache bypassed by a logged-in-looking cookie;</li>
 * </ul>
 * (b) and (c) with the WAF (ModSecurity + CRS in the backend nginx) on and off, three times each in the order on, off,
 * off, on, on, off (the table shows the means); (v) a hit from Varnish alone, without the proxy in front; and for
 * comparison (b) with the WAF moved in front of Varnish (the front proxy, edited by hand: the operator never renders
 * that). wrk runs with a fixed duration and connection count against loopback only. wrk counts 3xx as success, so
 * each run is checked on its own: one request before and after must answer 200 (and HIT or PASS as expected), wrk
 * must report no non-2xx/3xx answers, and the bytes read per response must match that answer's size.
 *
 * <p>Each run also reports the CPU time each daemon used per request (from /proc, daemon and children). Throughput on
 * a shared, loaded machine moves with everyone else's work; CPU per request moves much less, and it tells what a hit
 * costs each hop: on shared cores a hit costs the sum of its hops, with a CPU per pod (as in the cluster) the chain
 * runs at the pace of its slowest hop. (a) and (a*) are measured before and after the other runs; the table shows the
 * means.
 *
 * <p>Arguments: [seconds per run, default 10] [connections, default 32; the PHP runs use 4].
 */
public final class StackBenchmark {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(m?s), ([0-9.]+)([KMG]?B) read");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    /** PHP is CPU-bound on a few cores: more connections only queue (and wrk's timeouts would count them). */
    private static final int PHP_CONNECTIONS = 4;

    /** The daemons whose CPU time is counted per request. */
    private static final List<String> COUNTED = List.of(LocalStack.PROXY, LocalStack.VARNISH, LocalStack.BACKEND, LocalStack.PHP_FPM);

    private final int seconds;
    private final int connections;
    private LocalStack stack;

    private StackBenchmark(int seconds, int connections) {
        this.seconds = seconds;
        this.connections = connections;
    }

    /** cpuMicros: CPU time per request of each counted daemon that used any, in microseconds. */
    record Result(String name, double rps, double p99Millis, long requests, double bytesPerResponse, long errors,
            Map<String, Double> cpuMicros) {
        double cpu(String daemon) {
            return cpuMicros.getOrDefault(daemon, 0.0);
        }

        String cpuText() {
            StringBuilder text = new StringBuilder();
            cpuMicros.forEach((daemon, micros) -> text.append(String.format(Locale.ROOT, " %s %.1f", daemon, micros)));
            return text.toString().trim();
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        if (seconds < 1 || seconds > 60 || connections < 1 || connections > 256) {
            throw new IllegalArgumentException("seconds 1..60, connections 1..256");
        }
        new StackBenchmark(seconds, connections).run();
    }

    private void run() throws Exception {
        try (LocalStack stack = LocalStack.start(SampleSite.load(), true)) {
            this.stack = stack;
            String host = stack.publicHost();
            String bypass = "wordpress_logged_in_benchmark=1";
            Visitor visitor = new Visitor(stack);
            visitor.get("/");
            RawHttp.Response hit = visitor.get("/", "Accept-Encoding", "gzip");
            check(hit.status() == 200 && "HIT".equals(hit.cache()) && "gzip".equals(hit.header("Content-Encoding")),
                    "the home page is not a compressed cache hit: " + hit);
            // the page as Varnish sends it (gzip) and as the page itself, each as a static file
            Files.write(stack.docroot().resolve("bench-page.html.gz"), hit.body());
            Files.write(stack.docroot().resolve("bench-page.html"), hit.decoded());

            // nginx alone, without the WAF in the way of its static files
            stack.restartBackend(false);
            List<Result> aRuns = new ArrayList<>();
            List<Result> aSameBytesRuns = new ArrayList<>();
            measureStatic(host, aRuns, aSameBytesRuns);

            // the WAF on (as the operator renders it: in the backend nginx, behind Varnish) and off, alternately
            // (on, off, off, on, on, off), so that a drift in the machine's load favours neither side
            List<Result> bOn = new ArrayList<>();
            List<Result> bOff = new ArrayList<>();
            List<Result> cOn = new ArrayList<>();
            List<Result> cOff = new ArrayList<>();
            for (boolean waf : new boolean[] {true, false, false, true, true, false}) {
                stack.restartBackend(waf);
                String suffix = waf ? "" : ", no WAF";
                (waf ? bOn : bOff).add(measure("(b) cache hit via proxy" + suffix, stack.proxyPort(), "/", host, null, "HIT", connections));
                (waf ? cOn : cOff).add(measure("(c) uncached PHP page" + suffix, stack.proxyPort(), "/", host, bypass, "PASS", PHP_CONNECTIONS));
            }
            Result b = mean(bOn);
            Result c = mean(cOn);
            Result bNoWaf = mean(bOff);
            Result cNoWaf = mean(cOff);

            // each hop alone: how much of a hit's cost is Varnish's (with dedicated CPUs, the chain runs at its slowest hop)
            Result varnishAlone = measure("(v) Varnish hit, Varnish alone (no proxy)", stack.varnishPort(), "/", host, null, "HIT", connections);
            stack.restartBackend(false);
            measureStatic(host, aRuns, aSameBytesRuns);
            Result a = mean(aRuns);
            Result aSameBytes = mean(aSameBytesRuns);

            stack.restartProxyWithFrontWaf();
            Result bFrontWaf = measure("(b) hit, WAF in the front proxy instead", stack.proxyPort(), "/", host, null, "HIT", connections);

            // the proxy without its micro-cache: every hit is Varnish's (Varnish restarts empty: fill it first)
            stack.restartCaches(0);
            new Visitor(stack).get("/", "Accept-Encoding", "gzip");
            Result bVarnish = measure("(b0) Varnish hit via proxy, micro-cache off", stack.proxyPort(), "/", host, null, "HIT", connections);

            line("");
            line(String.format(Locale.ROOT, "%-62s %9s %9s %9s %11s  %s", "", "req/s", "p99 ms", "requests", "bytes/resp",
                    "CPU us/request"));
            for (Result r : List.of(a, aSameBytes, b, c, bNoWaf, cNoWaf, bVarnish, varnishAlone, bFrontWaf)) {
                line(String.format(Locale.ROOT, "%-62s %9.0f %9.2f %9d %11.0f  %s", r.name(), r.rps(), r.p99Millis(),
                        r.requests(), r.bytesPerResponse(), r.cpuText()));
            }
            line("");
            line(String.format(Locale.ROOT, "b/a  = %.2f (target >= 0.8)", b.rps() / a.rps()));
            line(String.format(Locale.ROOT, "b/a* = %.2f (against a file of the very bytes a hit sends)", b.rps() / aSameBytes.rps()));
            double proxyCpu = b.cpu(LocalStack.PROXY);
            double varnishCpu = b.cpu(LocalStack.VARNISH);
            line(String.format(Locale.ROOT, "CPU per hit: proxy %.1f us + Varnish %.1f us = %.1f us; static file: %.1f us (a), %.1f us (a*)",
                    proxyCpu, varnishCpu, proxyCpu + varnishCpu, a.cpu(LocalStack.BACKEND), aSameBytes.cpu(LocalStack.BACKEND)));
            line(String.format(Locale.ROOT, "  b/a from CPU, hops sharing the cores:    %.2f (a), %.2f (a*)",
                    a.cpu(LocalStack.BACKEND) / (proxyCpu + varnishCpu), aSameBytes.cpu(LocalStack.BACKEND) / (proxyCpu + varnishCpu)));
            line(String.format(Locale.ROOT, "  b/a from CPU, a CPU per hop (cluster):   %.2f (a), %.2f (a*)",
                    a.cpu(LocalStack.BACKEND) / Math.max(proxyCpu, varnishCpu), aSameBytes.cpu(LocalStack.BACKEND) / Math.max(proxyCpu, varnishCpu)));
            line(String.format(Locale.ROOT, "b0/a = %.2f (micro-cache off: every hit from Varnish)", bVarnish.rps() / a.rps()));
            line(String.format(Locale.ROOT, "v/a  = %.2f (Varnish alone against nginx alone)", varnishAlone.rps() / a.rps()));
            line(String.format(Locale.ROOT, "b/c  = %.0f (target >= 200)", b.rps() / c.rps()));
            line(String.format(Locale.ROOT, "WAF cost on cache hits:   %+.1f %% (b with the WAF vs without; target <= 10 %%)",
                    100 * (bNoWaf.rps() - b.rps()) / bNoWaf.rps()));
            line(String.format(Locale.ROOT, "WAF cost on PHP pages:    %+.1f %% (c with the WAF vs without)",
                    100 * (cNoWaf.rps() - c.rps()) / cNoWaf.rps()));
            line(String.format(Locale.ROOT, "WAF in front of Varnish:  hits %.1f x slower (not rendered; why the WAF sits in the backend)",
                    bNoWaf.rps() / bFrontWaf.rps()));
            // after the results: a daemon that died during a run is reported, but the numbers are not lost
            check(stack.crashes().isEmpty(), "crashes: " + stack.crashes());
        }
    }

    /** (a) and (a*): nginx alone, without the WAF in the way of its static files. */
    private void measureStatic(String host, List<Result> page, List<Result> sameBytes) throws IOException, InterruptedException {
        page.add(measure("(a) static file from nginx: the page as .html", stack.backendPort(), "/bench-page.html", host, null, null, connections));
        sameBytes.add(measure("(a*) static file from nginx: the hit's gzip bytes", stack.backendPort(), "/bench-page.html.gz", host, null, null, connections));
    }

    /** Runs of the same thing: mean throughput and CPU per request, the worst p99, all requests. */
    private static Result mean(List<Result> runs) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String daemon : COUNTED) {
            double micros = runs.stream().mapToDouble(r -> r.cpu(daemon)).average().orElseThrow();
            if (micros > 0) {
                cpu.put(daemon, micros);
            }
        }
        return new Result(runs.get(0).name() + " (mean of " + runs.size() + ")",
                runs.stream().mapToDouble(Result::rps).average().orElseThrow(),
                runs.stream().mapToDouble(Result::p99Millis).max().orElseThrow(),
                runs.stream().mapToLong(Result::requests).sum(),
                runs.stream().mapToDouble(Result::bytesPerResponse).average().orElseThrow(),
                runs.stream().mapToLong(Result::errors).sum(), cpu);
    }

    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        for (String daemon : COUNTED) {
            times.put(daemon, stack.daemon(daemon).cpuTime());
        }
        return times;
    }

    /** One wrk run, checked: the answer before it, wrk's error count, the bytes per response. */
    private Result measure(String name, int port, String path, String host, String cookie, String expectCache,
            int conns) throws IOException, InterruptedException {
        List<String> headers = new ArrayList<>(List.of("Host", host, "X-Forwarded-Proto", "https", "Accept-Encoding", "gzip",
                "User-Agent", "wrk"));
        if (cookie != null) {
            headers.addAll(List.of("Cookie", cookie));
        }
        RawHttp.Response probe = new Visitor(port, host).get(path, headers.toArray(String[]::new));
        check(probe.status() == 200, name + ": " + probe);
        if (expectCache != null) {
            check(expectCache.equals(probe.cache()), name + ": expected X-Cache " + expectCache + ": " + probe);
        }
        int expectedBytes = responseSize(probe);

        List<String> command = new ArrayList<>(List.of("wrk", "-t", "1", "-c", String.valueOf(conns),
                "-d", seconds + "s", "--timeout", "10s", "--latency"));
        for (int i = 0; i < headers.size(); i += 2) {
            command.addAll(List.of("-H", headers.get(i) + ": " + headers.get(i + 1)));
        }
        command.add("http://127.0.0.1:" + port + path);
        Map<String, Duration> cpuBefore = cpuTimes();
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        wrk.getOutputStream().close();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) && wrk.exitValue() == 0, name + ": wrk failed:\n" + out);
        Map<String, Duration> cpuAfter = cpuTimes();

        Matcher requests = find(REQUESTS, out, name);
        long count = Long.parseLong(requests.group(1));
        double bytes = Double.parseDouble(requests.group(4)) * switch (requests.group(5)) {
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1;
        };
        double rps = Double.parseDouble(find(RPS, out, name).group(1));
        Matcher p99 = find(P99, out, name);
        double p99Millis = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        Matcher errors = ERRORS.matcher(out);
        long nonSuccess = errors.find() ? Long.parseLong(errors.group(1)) : 0;
        Matcher socketErrors = SOCKET_ERRORS.matcher(out);
        double perResponse = bytes / count;
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String daemon : COUNTED) {
            double micros = cpuAfter.get(daemon).minus(cpuBefore.get(daemon)).toNanos() / 1000.0 / count;
            // less than a clock tick (10 ms) over the whole run is nothing
            if (micros * count >= 10_000) {
                cpu.put(daemon, micros);
            }
        }
        Result result = new Result(name, rps, p99Millis, count, perResponse, nonSuccess, cpu);

        line(String.format(Locale.ROOT, "%s: %.0f req/s, p99 %.2f ms, %d requests, %.0f bytes/response (expected %d), CPU us/request: %s%s",
                name, rps, p99Millis, count, perResponse, expectedBytes, result.cpuText(),
                socketErrors.find() ? ", socket errors: " + socketErrors.group(1) : ""));
        check(nonSuccess == 0, name + ": " + nonSuccess + " answers were not 2xx/3xx:\n" + out);
        // wrk prints sizes rounded to 2 decimals of KB/MB: allow 3 %
        check(Math.abs(perResponse - expectedBytes) <= expectedBytes * 0.03,
                name + ": " + perResponse + " bytes per response, expected " + expectedBytes + " (redirects or errors?)\n" + out);
        RawHttp.Response after = new Visitor(port, host).get(path, headers.toArray(String[]::new));
        check(after.status() == 200 && (expectCache == null || expectCache.equals(after.cache())), name + " after: " + after);
        return result;
    }

    /** The bytes of one response on the wire: status line, headers, body. */
    private static int responseSize(RawHttp.Response response) {
        int size = response.statusLine().length() + 2 + 2 + response.body().length;
        for (var h : response.headers()) {
            size += h.getKey().length() + 2 + h.getValue().length() + 2;
        }
        // wrk's connections are kept alive: our probe asked for Connection: close, which nginx echoes
        if ("close".equalsIgnoreCase(response.header("Connection"))) {
            size -= "Connection: close\r\n".length() - "Connection: keep-alive\r\n".length();
        }
        return size;
    }

    private static Matcher find(Pattern pattern, String out, String name) {
        Matcher m = pattern.matcher(out);
        check(m.find(), name + ": cannot read wrk's output:\n" + out);
        return m;
    }

    private static void line(String text) {
        System.out.println(text);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
