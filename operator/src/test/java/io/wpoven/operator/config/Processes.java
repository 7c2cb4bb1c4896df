package io.wpoven.operator.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real daemons' own checkers (nginx -t, varnishd -C, php-fpm -t, php) from the unit tests. */
final class Processes {
    private Processes() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + " (is its package installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Path dir, String... command) {
        return run(dir, Map.of(), command);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack on loopback with free ports and every file under {@code runDir}, as the stack test builds it. */
    static StackLayout loopback(Path runDir) {
        return new StackLayout(freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1:" + freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1",
                0,
                runDir.resolve("html").toString(),
                runDir.toString());
    }
}
