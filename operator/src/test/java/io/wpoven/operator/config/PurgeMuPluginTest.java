package io.wpoven.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purge mu-plugin, run by PHP with WordPress's hook functions stubbed, against a scripted Varnish. */
class PurgeMuPluginTest {
    private static final String TOKEN = "s3cret-token";

    /** WordPress's plugin API, as far as the plugin uses it, then what the script does, then shutdown. */
    private static final String HARNESS = """
            <?php
            define('ABSPATH', __DIR__ . '/');
            $hooks = array();
            function add_action($hook, $callback, $priority = 10, $args = 1) { $GLOBALS['hooks'][$hook][] = array($callback, $args); }
            function do_action($hook, ...$values) {
                $GLOBALS['current'] = $hook;
                foreach ($GLOBALS['hooks'][$hook] ?? array() as $h) { call_user_func_array($h[0], array_slice($values, 0, $h[1])); }
            }
            function current_filter() { return $GLOBALS['current']; }
            function home_url($path = '') { return 'https://blog.example.com:8443' . $path; }
            function is_post_type_viewable($type) { return in_array($type, array('post', 'page'), true); }
            define('WPOVEN_VARNISH_HOST', '127.0.0.1');
            define('WPOVEN_VARNISH_PORT', (int) getenv('VARNISH_PORT'));
            require getenv('PLUGIN');
            function state() { echo WPOven_Purge::pending() ? "pending\\n" : "idle\\n"; }
            """;

    @Test
    void isValidPhp(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("wpoven-purge.php"), PurgeMuPlugin.render());
        Processes.Result result = Processes.run(dir, "php", "-l", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(PurgeMuPlugin.render()).startsWith("<?php").contains("Plugin Name: WPOven Cache Purge")
                .contains("getenv($name)").doesNotContain(TOKEN);
    }

    @Test
    void sendsOneBanOfTheWholeSiteWhenPublicContentChanges(@TempDir Path dir) throws Exception {
        String script = """
                // nothing public changed: no purge
                do_action('transition_post_status', 'draft', 'auto-draft', (object) array('post_type' => 'post'));
                do_action('transition_post_status', 'publish', 'publish', (object) array('post_type' => 'oembed_cache'));
                do_action('transition_comment_status', 'spam', 'unapproved', (object) array());
                do_action('updated_option', 'cron');
                state();
                // published, then a comment approved and the title changed in the same request: one purge
                do_action('transition_post_status', 'publish', 'draft', (object) array('post_type' => 'post'));
                do_action('transition_comment_status', 'approved', 'unapproved', (object) array());
                do_action('updated_option', 'blogname');
                state();
                do_action('shutdown');
                state();
                """;
        try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> bans = answer(varnish, "HTTP/1.1 200 Banned");
            Processes.Result result = runPlugin(dir, varnish.getLocalPort(), script);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).isEqualTo("idle\npending\nidle\n");
            List<String> requests = bans.get(10, TimeUnit.SECONDS);
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0)).startsWith("BAN / HTTP/1.1\r\n")
                    .contains("\r\nHost: blog.example.com\r\n")
                    .contains("\r\nX-Purge-Token: " + TOKEN + "\r\n")
                    .contains("\r\nX-Ban-Url: .\r\n");
        }
    }

    @Test
    void themesMenusAndTemplatesPurgeToo(@TempDir Path dir) throws Exception {
        for (String change : List.of("do_action('switch_theme');", "do_action('wp_update_nav_menu', 3);",
                "do_action('updated_option', 'widget_block');",
                "do_action('transition_post_status', 'publish', 'publish', (object) array('post_type' => 'wp_template'));",
                "do_action('transition_post_status', 'trash', 'publish', (object) array('post_type' => 'page'));")) {
            try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
                CompletableFuture<List<String>> bans = answer(varnish, "HTTP/1.1 200 Banned");
                Processes.Result result = runPlugin(dir, varnish.getLocalPort(), change + "\ndo_action('shutdown');\n");
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(bans.get(10, TimeUnit.SECONDS)).as(change).hasSize(1);
            }
        }
    }

    /** A refused or impossible purge is logged for the site's log, and the visitor's request goes on. */
    @Test
    void logsAFailedPurge(@TempDir Path dir) throws Exception {
        String publish = "do_action('transition_post_status', 'publish', 'draft', (object) array('post_type' => 'post'));\n"
                + "do_action('shutdown');\necho \"done\\n\";\n";
        try (ServerSocket varnish = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            answer(varnish, "HTTP/1.1 403 Forbidden");
            Processes.Result refused = runPlugin(dir, varnish.getLocalPort(), publish);
            assertThat(refused.exitCode()).isZero();
            assertThat(refused.output()).contains("WPOven cache purge of blog.example.com after post draft -> publish failed:"
                    + " Varnish answered HTTP/1.1 403 Forbidden").endsWith("done\n");
        }
        int closed = Processes.freePort();
        Processes.Result unreachable = runPlugin(dir, closed, publish);
        assertThat(unreachable.exitCode()).isZero();
        assertThat(unreachable.output()).contains("cannot connect to 127.0.0.1:" + closed).endsWith("done\n");
    }

    /** WPOVEN_VARNISH_HOST names every Varnish pod (a headless Service): each address it resolves to is banned. */
    @Test
    void resolvesTheVarnishNameToEachAddress(@TempDir Path dir) throws Exception {
        String script = """
                echo implode(',', WPOven_Purge::addresses('localhost')), "\\n";
                echo implode(',', WPOven_Purge::addresses('10.1.2.3')), "\\n";
                echo implode(',', WPOven_Purge::addresses('no-such-varnish.invalid')), "\\n";
                """;
        Processes.Result result = runPlugin(dir, 1, script);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("127.0.0.1\n10.1.2.3\nno-such-varnish.invalid\n");
    }

    private static Processes.Result runPlugin(Path dir, int varnishPort, String script) throws IOException {
        Path plugin = Files.writeString(dir.resolve("wpoven-purge.php"), PurgeMuPlugin.render());
        Path file = Files.writeString(dir.resolve("run.php"), HARNESS + script);
        return Processes.run(dir, Map.of("PLUGIN", plugin.toString(), "VARNISH_PORT", String.valueOf(varnishPort),
                "WPOVEN_PURGE_TOKEN", TOKEN), "php", "-d", "log_errors=1", "-d", "error_log=", file.toString());
    }

    /** Answers every request with {@code statusLine}; completes with the requests once none came for a second. */
    private static CompletableFuture<List<String>> answer(ServerSocket server, String statusLine) throws IOException {
        server.setSoTimeout(1000);
        return CompletableFuture.supplyAsync(() -> {
            List<String> requests = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < deadline) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    StringBuilder request = new StringBuilder();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        request.append(line).append("\r\n");
                    }
                    requests.add(request.toString());
                    OutputStream out = socket.getOutputStream();
                    out.write((statusLine + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (SocketTimeoutException quiet) {
                    if (!requests.isEmpty()) {
                        break;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return requests;
        });
    }
}
