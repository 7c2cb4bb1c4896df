package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private mariadbd from Debian's mariadb-server on loopback: its own data directory, socket and port, root over the
 * socket. The stack test runs it with the my.cnf the operator renders; the tool's tests with a minimal one.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path datadir;
    private final Path socket;
    private final Path pidFile;
    private final Path errorLog;
    private final Path log;
    private final int port;
    private Daemon daemon;

    /** Paths under run/ and logs/ beside the data directory, as LocalStack lays them out. */
    public MariaDbServer(Path datadir, Path run, Path logs, int port) {
        this.datadir = datadir;
        this.socket = run.resolve("mysqld.sock");
        this.pidFile = run.resolve("mysqld.pid");
        this.errorLog = logs.resolve("mariadb-error.log");
        this.log = logs.resolve(LocalStack.MARIADB + ".log");
        this.port = port;
    }

    /** A server of its own in dir (created), with a minimal my.cnf: installed and started. */
    public static MariaDbServer start(Path dir) {
        try {
            Path run = Files.createDirectories(dir.resolve("run"));
            Path logs = Files.createDirectories(dir.resolve("logs"));
            int port = LocalStack.freePort();
            Path myCnf = dir.resolve("my.cnf");
            Files.writeString(myCnf, "[mysqld]\nbind-address = 127.0.0.1\nport = " + port + "\nskip-name-resolve\n"
                    + "innodb_buffer_pool_size = 64M\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n");
            MariaDbServer server = new MariaDbServer(dir.resolve("mysql"), run, logs, port);
            server.install();
            server.daemon = server.daemon(myCnf);
            server.daemon.start(START_TIMEOUT);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the data directory (mariadb-install-db). */
    public void install() {
        exec(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + datadir, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"), Duration.ofSeconds(60));
    }

    /** The daemon, not yet started, reading myCnf. */
    Daemon daemon(Path myCnf) {
        return new Daemon(LocalStack.MARIADB, List.of("mariadbd", "--defaults-file=" + myCnf, "--datadir=" + datadir,
                "--socket=" + socket, "--pid-file=" + pidFile, "--user=root", "--log-error=" + errorLog), Map.of(), log, port);
    }

    /** Runs SQL as root over the socket; returns the output (tab-separated, no column names). */
    public String sql(String sql) {
        return exec(List.of("mariadb", "--no-defaults", "--socket=" + socket, "-uroot", "--batch", "--skip-column-names",
                "-e", sql), Duration.ofSeconds(60));
    }

    /** A database and a user with every privilege on it. */
    public void createDatabase(String database, String user, String password) {
        sql("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + " CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "';"
                + " GRANT ALL ON `" + database + "`.* TO '" + user + "'@'%';");
    }

    public int port() {
        return port;
    }

    public String log() {
        return daemon == null ? "" : daemon.tail(60);
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private static String exec(List<String> command, Duration timeout) {
        return Exec.run(command, Map.of(), null, timeout);
    }
}
