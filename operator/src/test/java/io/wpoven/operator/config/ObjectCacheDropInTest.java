package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCacheDropInTest {
    private static final String PASSWORD = "test-redis-password";

    @Test
    void implementsTheWholeObjectCacheApiOfWordPress6() {
        String php = ObjectCacheDropIn.render();
        for (String function : List.of("wp_cache_init", "wp_cache_add", "wp_cache_add_multiple", "wp_cache_set",
                "wp_cache_set_multiple", "wp_cache_get", "wp_cache_get_multiple", "wp_cache_delete",
                "wp_cache_delete_multiple", "wp_cache_incr", "wp_cache_decr", "wp_cache_replace", "wp_cache_flush",
                "wp_cache_flush_runtime", "wp_cache_flush_group", "wp_cache_supports", "wp_cache_close",
                "wp_cache_add_global_groups", "wp_cache_add_non_persistent_groups", "wp_cache_switch_to_blog",
                "wp_cache_reset")) {
            assertThat(php).contains("function " + function + "(");
        }
        assertThat(php).startsWith("<?php").contains("class WP_Object_Cache")
                // works without phpredis, which the official image lacks
                .contains("stream_socket_client(").contains("class_exists('Redis')");
    }

    @Test
    void isValidPhp(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("object-cache.php"), ObjectCacheDropIn.render());
        Processes.Result result = Processes.run(dir, "php", "-l", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /**
     * The drop-in's built-in client against Redis started from the rendered redis.conf, with the password given
     * the way the pod gives it. The script also checks that an unreachable Redis degrades to memory.
     */
    @Test
    void cachesInRedisStartedFromTheRenderedConfig(@TempDir Path dir) throws Exception {
        StackLayout layout = Processes.loopback(dir);
        Path conf = Files.writeString(dir.resolve("redis.conf"), RedisConfig.render(site("blog", "blog.example.com"), layout));
        Path dropIn = Files.writeString(dir.resolve("object-cache.php"), ObjectCacheDropIn.render());
        Path script = dir.resolve("object-cache-test.php");
        try (InputStream in = getClass().getResourceAsStream("/config/object-cache-test.php")) {
            Files.copy(in, script);
        }

        // the pod's init container: the password from the environment into the file redis.conf includes
        ProcessBuilder auth = new ProcessBuilder("sh", "-c", RedisConfig.authScript(layout)).redirectErrorStream(true);
        auth.environment().put(RedisConfig.PASSWORD_ENV, PASSWORD);
        Process authRun = auth.start();
        assertThat(authRun.waitFor()).as(new String(authRun.getInputStream().readAllBytes())).isZero();
        assertThat(java.nio.file.Files.getPosixFilePermissions(Path.of(RedisConfig.authFile(layout))))
                .as("readable by Redis's user only").containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Process redis = new ProcessBuilder("redis-server", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        try {
            awaitPort(layout.redisPort(), redis, dir.resolve("redis.log"));
            Processes.Result result = Processes.run(dir, "php", script.toString(), dropIn.toString(),
                    String.valueOf(layout.redisPort()), PASSWORD, "stream");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).endsWith("ALL OK\n");
            assertThat(redis.info().arguments().orElse(new String[0])).as("the password is not on Redis's command line")
                    .noneMatch(a -> a.contains(PASSWORD));
            Processes.Result noAuth = Processes.run(dir, "redis-cli", "-p", String.valueOf(layout.redisPort()), "ping");
            assertThat(noAuth.output()).as("Redis asks for the password").contains("NOAUTH");
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitPort(int port, Process process, Path log) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + ": " + Files.readString(log));
    }
}
