package io.wpoven.tool.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.tool.Env;
import io.wpoven.tool.ToolException;
import redis.clients.jedis.Jedis;

/** The object cache emptied after a restore or a copy, against a real redis-server with a password. */
class ObjectCacheFlushTest {
    private static final String PASSWORD = "flush-test-password";

    @Test
    void emptiesTheSitesRedisWithItsPassword(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--requirepass", PASSWORD).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        try {
            awaitPort(port, redis, dir.resolve("redis.log"));
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.auth(PASSWORD);
                j.set("wp:options:1:alloptions", "the blog name before the restore");
                j.set("wp:posts:1:1", "the post before the restore");
            }
            ObjectCacheFlush.afterWrite(new Env(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(port),
                    "REDIS_PASSWORD", PASSWORD)));
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.auth(PASSWORD);
                assertThat(j.dbSize()).isZero();
            }
            // a wrong password is no success: the site would serve what was replaced
            assertThatThrownBy(() -> ObjectCacheFlush.afterWrite(new Env(Map.of("REDIS_HOST", "127.0.0.1",
                    "REDIS_PORT", String.valueOf(port), "REDIS_PASSWORD", "not-the-password-4711", "REDIS_FLUSH_TIMEOUT", "1s"))))
                    .isInstanceOf(ToolException.class).hasMessageContaining("could not be emptied")
                    .hasMessageNotContaining("not-the-password-4711");
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
        throw new IllegalStateException("redis-server did not listen on " + port);
    }
}
