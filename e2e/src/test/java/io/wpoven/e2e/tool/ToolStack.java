package io.wpoven.e2e.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.wpoven.e2e.stack.Exec;
import io.wpoven.e2e.stack.MariaDbServer;
import io.wpoven.e2e.stack.WordPressInstall;

/**
 * What the tool's tests run against: a private MariaDB with WordPress (Debian's package) installed into database
 * {@code live}, a WordPress docroot to read it back through PHP (get_option), a wp-content directory, and the
 * versitygw S3 server. Everything lives in one temporary directory, removed by {@link #close()}.
 */
final class ToolStack implements AutoCloseable {
    static final String LIVE_URL = "http://live.example.test";
    static final String DB_USER = "wordpress";
    final String dbPassword = "db-pass-" + Long.toHexString(System.nanoTime());
    final Path root;
    final Path docroot;
    final MariaDbServer db;
    final S3Server s3;

    private ToolStack() throws IOException {
        root = Files.createTempDirectory("wpoven-tool-");
        db = MariaDbServer.start(root.resolve("db"));
        docroot = root.resolve("html");
        WordPressInstall.copyCore(docroot);
        s3 = S3Server.start(root);
        Files.createDirectories(root.resolve("work"));
    }

    static ToolStack start() {
        try {
            return new ToolStack();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database with WordPress installed at url, seeded by tool/seed.php (posts, widgets, theme mods, options). */
    void installWordPress(String database, String url) {
        db.createDatabase(database, DB_USER, dbPassword);
        Map<String, String> env = wordpressEnv(database);
        env.put("WPOVEN_TEST_HOME", url);
        WordPressInstall.install(docroot, root, null, env, "Tool test", "tooladmin", "admin@example.com", "Tool-test pw 1!");
        php(database, "seed.php", url);
    }

    /** Runs a PHP script of resources tool/ with WordPress loaded on database; returns its last line. */
    String php(String database, String script, String... args) {
        try {
            Path file = root.resolve(script);
            if (!Files.exists(file)) {
                try (var in = ToolStack.class.getResourceAsStream("/tool/" + script)) {
                    Files.copy(in, file);
                }
            }
            List<String> command = new java.util.ArrayList<>(List.of("php", file.toString(), docroot.toString()));
            command.addAll(List.of(args));
            String out = Exec.run(command, wordpressEnv(database), root, Duration.ofSeconds(60)).strip();
            return out.substring(out.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> wordpressEnv(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("WORDPRESS_DB_HOST", "127.0.0.1:" + db.port());
        env.put("WORDPRESS_DB_NAME", database);
        env.put("WORDPRESS_DB_USER", DB_USER);
        env.put("WORDPRESS_DB_PASSWORD", dbPassword);
        return env;
    }

    /** The tool's DB_* (or SOURCE_DB_*, TARGET_DB_*) variables for database. */
    Map<String, String> dbEnv(String prefix, String database) {
        return Map.of(prefix + "HOST", "127.0.0.1", prefix + "PORT", String.valueOf(db.port()), prefix + "NAME", database,
                prefix + "USER", DB_USER, prefix + "PASSWORD", dbPassword);
    }

    Connection connect(String database) {
        try {
            return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + db.port() + "/" + database, DB_USER, dbPassword);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table of database with its CHECKSUM TABLE and its CREATE TABLE. */
    Map<String, String> checksums(String database) {
        Map<String, String> sums = new TreeMap<>();
        String tables = db.sql("SELECT GROUP_CONCAT(CONCAT('`', TABLE_NAME, '`')) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + database + "'").strip();
        if (tables.isEmpty() || tables.equals("NULL")) {
            return sums;
        }
        for (String line : db.sql("USE `" + database + "`; CHECKSUM TABLE " + tables).strip().split("\n")) {
            String[] parts = line.split("\t");
            sums.put(parts[0].substring(parts[0].indexOf('.') + 1), parts[1]);
        }
        return sums;
    }

    /** sha256, mode and link target of every entry under dir. */
    static Map<String, String> fingerprint(Path dir) {
        Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted().toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    prints.put(name, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    prints.put(name, "dir " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else {
                    prints.put(name, sha256(Files.readAllBytes(p)) + " "
                            + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                }
            }
            return prints;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        db.close();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not remove " + root + ": " + e);
        }
    }
}
