package io.wpoven.e2e.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.stack.Daemon;
import io.wpoven.e2e.stack.Exec;
import io.wpoven.e2e.stack.LocalStack;

/**
 * An S3-compatible server on loopback: versitygw (posix backend, checks AWS Signature V4), built from Go modules by
 * hack/lib/build-s3.sh into ~/.cache/wpoven/bin/versitygw-&lt;version&gt;. Buckets are directories of its root.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "wpoven-test-access";
    final String secretKey = "s3-secret-" + Long.toHexString(System.nanoTime());
    private final Path root;
    private final Daemon daemon;
    private final int port;
    /** The CA certificate (PEM) of a server with TLS; null without. */
    final Path caFile;

    private S3Server(Path dir, boolean tls) throws IOException {
        this.root = Files.createDirectories(dir.resolve("s3"));
        this.port = LocalStack.freePort();
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", "127.0.0.1:" + port, "--quiet"));
        if (tls) {
            // a self-signed certificate for 127.0.0.1: the client trusts it only through S3_CA_FILE
            caFile = dir.resolve("s3-cert.pem");
            Path key = dir.resolve("s3-key.pem");
            Exec.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out",
                    caFile.toString()), Map.of(), dir, Duration.ofSeconds(60));
            command.addAll(List.of("--cert", caFile.toString(), "--key", key.toString()));
        } else {
            caFile = null;
        }
        command.addAll(List.of("posix", root.toString()));
        daemon = Daemon.of("versitygw", command, Map.of("ROOT_ACCESS_KEY_ID", ACCESS_KEY, "ROOT_SECRET_ACCESS_KEY", secretKey),
                dir.resolve("versitygw.log"), port);
        daemon.start(Duration.ofSeconds(30));
    }

    static S3Server start(Path dir) {
        return start(dir, false);
    }

    static S3Server start(Path dir, boolean tls) {
        try {
            return new S3Server(dir, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty bucket. */
    String bucket(String name) {
        try {
            Files.createDirectories(root.resolve(name));
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the server keeps an object (to damage it behind the server's back). */
    Path object(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    String endpoint() {
        return (caFile == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    Map<String, String> env(String bucket, String prefix) {
        if (caFile != null) {
            Map<String, String> env = new java.util.HashMap<>(plainEnv(bucket, prefix));
            env.put("S3_CA_FILE", caFile.toString());
            return env;
        }
        return plainEnv(bucket, prefix);
    }

    private Map<String, String> plainEnv(String bucket, String prefix) {
        return Map.of("STORAGE_TYPE", "s3", "S3_ENDPOINT", endpoint(), "S3_BUCKET", bucket, "S3_PREFIX", prefix,
                "S3_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secretKey);
    }

    private static Path binary() throws IOException {
        Matcher version = Pattern.compile("VERSITYGW_VERSION=\\$\\{VERSITYGW_VERSION:-([^}]+)}")
                .matcher(Files.readString(Repo.root().resolve("hack/lib/versions.sh")));
        if (!version.find()) {
            throw new IllegalStateException("no VERSITYGW_VERSION in hack/lib/versions.sh");
        }
        String cache = System.getenv().getOrDefault("WPOVEN_CACHE",
                Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"), "wpoven")
                        .toString());
        Path binary = Path.of(cache, "bin", "versitygw-" + version.group(1), "versitygw");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: build it with hack/lib/build-s3.sh");
        }
        return binary;
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
