package io.wpoven.e2e.stack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser at the front proxy, as the Ingress forwards it: the site's Host, {@code X-Forwarded-Proto: https}
 * (TLS ends at the Ingress), a browser's User-Agent and Accept, and the cookies the site set.
 */
final class Visitor {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final String host;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Visitor(LocalStack stack) {
        this(stack.proxyPort(), stack.publicHost());
    }

    Visitor(int port, String host) {
        this.port = port;
        this.host = host;
    }

    Map<String, String> cookies() {
        return cookies;
    }

    RawHttp.Response get(String target, String... headers) {
        return send("GET", target, null, headers);
    }

    RawHttp.Response postForm(String target, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send("POST", target, body.getBytes(StandardCharsets.UTF_8),
                concat(headers, "Content-Type", "application/x-www-form-urlencoded"));
    }

    RawHttp.Response postJson(String target, String json, String... headers) {
        return send("POST", target, json.getBytes(StandardCharsets.UTF_8), concat(headers, "Content-Type", "application/json"));
    }

    /** {@code headers}: name, value, name, value…; a name given here replaces the default one. */
    RawHttp.Response send(String method, String target, byte[] body, String... headers) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            given.put(headers[i], headers[i + 1]);
        }
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry("Host", given.getOrDefault("Host", host)));
        all.add(Map.entry("X-Forwarded-Proto", given.getOrDefault("X-Forwarded-Proto", "https")));
        all.add(Map.entry("User-Agent", given.getOrDefault("User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")));
        all.add(Map.entry("Accept", given.getOrDefault("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")));
        given.forEach((name, value) -> {
            if (!List.of("Host", "X-Forwarded-Proto", "User-Agent", "Accept").contains(name)) {
                all.add(Map.entry(name, value));
            }
        });
        if (!cookies.isEmpty() && !given.containsKey("Cookie")) {
            all.add(Map.entry("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }
        RawHttp.Response response = RawHttp.exchange(port, RawHttp.request(method, target, all, body),
                method.equals("HEAD"), TIMEOUT);
        for (String setCookie : response.headers("Set-Cookie")) {
            remember(setCookie);
        }
        return response;
    }

    /** A cookie set, or removed when it expires in the past (as WordPress clears its cookies). */
    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            if (attribute.regionMatches(true, 0, "expires=", 0, 8)) {
                try {
                    if (ZonedDateTime.parse(attribute.substring(8), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .isBefore(ZonedDateTime.now())) {
                        cookies.remove(name);
                        return;
                    }
                } catch (DateTimeParseException unusualDate) {
                    // kept: an odd date format does not remove a cookie
                }
            }
            if (attribute.equalsIgnoreCase("max-age=0")) {
                cookies.remove(name);
                return;
            }
        }
        cookies.put(name, value);
    }

    private static String[] concat(String[] headers, String name, String value) {
        String[] all = new String[headers.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
