package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One daemon of the stack, run in the foreground as a plain process; stdout and stderr go to its log file. */
public final class Daemon {
    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    Daemon(String name, List<String> command, Map<String, String> env, Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
        this.port = port;
    }

    /** A daemon for tests outside this package. */
    public static Daemon of(String name, List<String> command, Map<String, String> env, Path log, int port) {
        return new Daemon(name, command, env, log, port);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time used so far by the daemon and its children (nginx and PHP-FPM workers, Varnish's child). */
    Duration cpuTime() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts it and waits until its port accepts connections; fails with its log when it exits or times out. */
    public void start(Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            if (accepts(port)) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within " + timeout + ":\n" + tail(40));
    }

    /** SIGTERM, then SIGKILL after 10 s; children left behind (nginx and PHP-FPM workers) are killed too. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
