package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.wpoven.e2e.harness.Repo;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.BackendNginxConfig;
import io.wpoven.operator.config.ObjectCacheDropIn;
import io.wpoven.operator.config.PhpFpmPoolConfig;
import io.wpoven.operator.config.PurgeMuPlugin;
import io.wpoven.operator.config.StackLayout;
import io.wpoven.operator.config.VarnishParameters;
import io.wpoven.operator.config.Waf;
import io.wpoven.operator.config.WordPressConfigExtra;
import io.wpoven.operator.site.SiteConfigFiles;

/**
 * A site's whole stack as real Debian daemons on loopback, each started from the file the operator renders for it
 * (the same renderer code as in the cluster; only the {@link StackLayout}'s addresses, ports and paths differ):
 * visitor → nginx proxy → Varnish → nginx backend (optionally with ModSecurity) → PHP-FPM → Redis and MariaDB,
 * with WordPress from Debian's package installed into the MariaDB. Everything lives in one temporary directory;
 * {@link #close()} stops the daemons in reverse order and removes it.
 */
public final class LocalStack implements AutoCloseable {
    public static final String ADMIN_USER = "stackadmin";
    public static final String ADMIN_PASSWORD = "Stack-test password 42!";
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String TITLE = "WPOven Stack Test";

    static final String MARIADB = "mariadb";
    static final String REDIS = "redis";
    static final String PHP_FPM = "php-fpm";
    static final String BACKEND = "nginx-backend";
    static final String VARNISH = "varnish";
    static final String PROXY = "nginx-proxy";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Path PHP_CONF_D = Path.of("/etc/php/8.2/fpm/conf.d");
    /** Lines in a daemon's log that mean a process crashed (nginx and PHP-FPM workers, the Varnish child). */
    private static final Pattern CRASH = Pattern.compile(
            "exited on signal|Child \\(\\d+\\) died|Child \\(\\d+\\) Panic|[Pp]anic at|segfault|SIGSEGV|core dumped|Assert error");

    private final WordPressSite site;
    private final Path root;
    private final Path conf;
    private final Path run;
    private final Path logs;
    private final Path docroot;
    private final StackLayout layout;
    private final String dbPassword = random(24);
    private final String redisPassword = random(24);
    private final String purgeToken = random(32);
    private final Map<String, String> salts = new LinkedHashMap<>();
    private final Map<String, Supplier<Daemon>> launchers = new LinkedHashMap<>();
    private final Map<String, Daemon> running = new LinkedHashMap<>();
    private boolean waf;
    private Thread shutdownHook;

    private LocalStack(WordPressSite site, boolean waf) {
        this.site = site;
        this.waf = waf;
        try {
            root = Files.createTempDirectory("wpoven-stack-");
            // nginx's workers run as nobody when the master is root: they must reach the docroot and temp dirs
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            conf = Files.createDirectory(root.resolve("conf"));
            run = Files.createDirectory(root.resolve("run"));
            logs = Files.createDirectory(root.resolve("logs"));
            docroot = root.resolve("html");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int proxyPort = freePort();
        layout = new StackLayout(proxyPort,
                "127.0.0.1", freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1:" + freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1", freePort(),
                "127.0.0.1",
                proxyPort,
                docroot.toString(),
                run.toString());
        for (String salt : List.of("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")) {
            salts.put(salt, random(48));
        }
    }

    /** Renders the configs, starts every daemon and installs WordPress; on failure dumps the logs and cleans up. */
    public static LocalStack start(WordPressSite site, boolean waf) {
        Prerequisites.check(waf);
        LocalStack stack = new LocalStack(site, waf);
        // a JVM that is stopped (Ctrl-C, Maven's timeout) must not leave the daemons behind
        Thread cleanup = new Thread(stack::close, "stack-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        stack.shutdownHook = cleanup;
        try {
            stack.bringUp();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.dumpLogs("bring-up failed");
            stack.close();
            throw e;
        }
    }

    // --- what the tests use ---

    public WordPressSite site() {
        return site;
    }

    public StackLayout layout() {
        return layout;
    }

    /** The site's primary domain. */
    public String domain() {
        return site.getSpec().getDomains().get(0);
    }

    /** The Host visitors send: the primary domain with the front proxy's port. */
    public String publicHost() {
        return domain() + ":" + layout.proxyPort();
    }

    public int proxyPort() {
        return layout.proxyPort();
    }

    public int varnishPort() {
        return layout.varnishPort();
    }

    public int backendPort() {
        return layout.backendPort();
    }

    public int redisPort() {
        return layout.redisPort();
    }

    public String purgeToken() {
        return purgeToken;
    }

    public String redisPassword() {
        return redisPassword;
    }

    /** Every Redis key of this site starts with it (WP_REDIS_PREFIX). */
    public String redisPrefix() {
        return site.getMetadata().getNamespace() + ":" + site.getMetadata().getName() + ":";
    }

    public boolean wafEnabled() {
        return waf;
    }

    public Path docroot() {
        return docroot;
    }

    /** The running daemons, in start order. */
    public List<Daemon> daemons() {
        return List.copyOf(running.values());
    }

    public Daemon daemon(String name) {
        return running.get(name);
    }

    public void stop(String name) {
        Daemon daemon = running.remove(name);
        if (daemon != null) {
            daemon.stop();
        }
    }

    public void start(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException(name + " is running");
        }
        launch(name);
    }

    /** Restarts the nginx backend with or without the WAF (for the benchmark's comparison). */
    public void restartBackend(boolean withWaf) {
        stop(BACKEND);
        waf = withWaf;
        writeBackendConfig();
        start(BACKEND);
    }

    /**
     * Restarts the front proxy and Varnish from configs rendered with another spec.cache.microCacheSeconds (for the
     * benchmark's comparison; 0 turns the proxy's micro-cache off). Varnish starts empty.
     */
    public void restartCaches(int microCacheSeconds) {
        stop(PROXY);
        stop(VARNISH);
        site.getSpec().getCache().setMicroCacheSeconds(microCacheSeconds);
        Map<String, String> files = SiteConfigFiles.render(site, layout, conf.toString());
        write(conf.resolve("proxy-nginx.conf"), files.get(SiteConfigFiles.PROXY_NGINX));
        write(conf.resolve("default.vcl"), files.get(SiteConfigFiles.VARNISH_VCL));
        start(VARNISH);
        start(PROXY);
    }

    /**
     * For the benchmark's comparison only: the front proxy with the WAF in front of Varnish, where every request,
     * cache hits included, pays for it. The operator never renders this; the proxy's config is edited here.
     */
    public void restartProxyWithFrontWaf() {
        stop(PROXY);
        Waf modsecurity = SiteConfigFiles.waf(conf.toString());
        Map<String, String> files = SiteConfigFiles.render(site, layout, conf.toString());
        write(conf.resolve(SiteConfigFiles.MODSECURITY), files.get(SiteConfigFiles.MODSECURITY));
        String proxy = files.get(SiteConfigFiles.PROXY_NGINX);
        String serverNames = "server_name " + String.join(" ", site.getSpec().getDomains()) + ";\n";
        if (!proxy.contains(serverNames)) {
            throw new IllegalStateException("cannot find the site's server in the proxy config");
        }
        write(conf.resolve("proxy-nginx.conf"), "load_module " + modsecurity.modulePath() + ";\n"
                + proxy.replace(serverNames, serverNames + "        modsecurity on;\n        modsecurity_rules_file "
                        + modsecurity.rulesFile() + ";\n"));
        start(PROXY);
    }

    /** The PHP extensions WordPress runs with (php -m, with PHP-FPM's ini files and extensions). */
    public List<String> phpModules() {
        return exec(List.of("php", "-c", conf.resolve("php.ini").toString(), "-m"),
                Map.of("PHP_INI_SCAN_DIR", conf.resolve("php-conf.d").toString()), Duration.ofSeconds(30))
                .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("[")).toList();
    }

    /** Lines of the daemons' logs that tell of a crash. */
    public List<String> crashes() {
        List<String> found = new ArrayList<>();
        for (Path log : logFiles()) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                lines.filter(line -> CRASH.matcher(line).find())
                        .forEach(line -> found.add(log.getFileName() + ": " + line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The text of one daemon's log. */
    public String log(String name) {
        try {
            Path log = logs.resolve(name + ".log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the end of every log and keeps a copy of all of them under e2e/target/stack-logs/. */
    public void dumpLogs(String reason) {
        StringBuilder out = new StringBuilder("\n===== stack logs (" + reason + "): " + root + " =====\n");
        for (Path log : logFiles()) {
            out.append("----- ").append(log.getFileName()).append(" -----\n").append(tail(log, 60)).append('\n');
        }
        System.out.println(out);
        try {
            Path target = Repo.target().resolve("stack-logs")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                            + reason.replaceAll("[^A-Za-z0-9]+", "-"));
            Files.createDirectories(target);
            for (Path log : logFiles()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> configs = Files.list(conf)) {
                configs.filter(Files::isRegularFile).forEach(file -> copyQuietly(file, target.resolve(file.getFileName())));
            }
            System.out.println("stack logs and configs kept in " + target);
        } catch (IOException | RuntimeException e) {
            System.out.println("could not keep the stack logs: " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds nothing left to stop
            }
        }
        List<String> names = new ArrayList<>(running.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            stop(names.get(i));
        }
        if (!Boolean.getBoolean("wpoven.stack.keep")) {
            deleteRecursively(root);
        }
    }

    // --- bring-up ---

    /** What the Redis pod's init container does: the password from the environment into the included file. */
    private void writeRedisAuth() {
        try {
            ProcessBuilder auth = new ProcessBuilder("sh", "-c", io.wpoven.operator.config.RedisConfig.authScript(layout))
                    .redirectErrorStream(true);
            auth.environment().put(io.wpoven.operator.config.RedisConfig.PASSWORD_ENV, redisPassword);
            Process p = auth.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("writing the Redis password file failed: " + out);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void bringUp() {
        Map<String, String> files = SiteConfigFiles.render(site, layout, conf.toString());
        write(conf.resolve("proxy-nginx.conf"), files.get(SiteConfigFiles.PROXY_NGINX));
        write(conf.resolve("default.vcl"), files.get(SiteConfigFiles.VARNISH_VCL));
        write(conf.resolve("php-fpm.conf"), PhpFpmPoolConfig.renderGlobal(layout) + "\n" + files.get(SiteConfigFiles.FPM_POOL));
        write(conf.resolve("php.ini"), files.get(SiteConfigFiles.PHP_INI));
        write(conf.resolve("my.cnf"), files.get(SiteConfigFiles.MY_CNF));
        write(conf.resolve("redis.conf"), files.get(SiteConfigFiles.REDIS_CONF));
        writeBackendConfig();
        Path phpConfD = phpExtensions();

        Map<String, String> wordpressEnv = wordpressEnv(phpConfD);
        MariaDbServer mariadb = new MariaDbServer(root.resolve("mysql"), run, logs, layout.dbPort());
        launchers.put(MARIADB, () -> mariadb.daemon(conf.resolve("my.cnf")));
        writeRedisAuth();
        launchers.put(REDIS, () -> new Daemon(REDIS, List.of("redis-server", conf.resolve("redis.conf").toString()),
                Map.of(), logs.resolve(REDIS + ".log"), layout.redisPort()));
        launchers.put(PHP_FPM, () -> new Daemon(PHP_FPM, List.of("php-fpm8.2", "-R", "-F",
                "-y", conf.resolve("php-fpm.conf").toString(), "-c", conf.resolve("php.ini").toString()),
                wordpressEnv, logs.resolve(PHP_FPM + ".log"), port(layout.fpmAddress())));
        launchers.put(BACKEND, () -> nginx(BACKEND, conf.resolve("backend-nginx.conf"), layout.backendPort()));
        List<String> varnishd = new ArrayList<>(List.of("varnishd", "-F", "-j", "none",
                "-a", "127.0.0.1:" + layout.varnishPort(), "-f", conf.resolve("default.vcl").toString(),
                "-s", "malloc," + site.getSpec().getCache().getSize(), "-n", root.resolve("varnish").toString()));
        varnishd.addAll(VarnishParameters.arguments());
        launchers.put(VARNISH, () -> new Daemon(VARNISH, varnishd,
                Map.of("WPOVEN_PURGE_TOKEN", purgeToken), logs.resolve(VARNISH + ".log"), layout.varnishPort()));
        launchers.put(PROXY, () -> nginx(PROXY, conf.resolve("proxy-nginx.conf"), layout.proxyPort()));

        mariadb.install();
        launch(MARIADB);
        mariadb.createDatabase("wordpress", "wordpress", dbPassword);
        launch(REDIS);
        installWordPress(wordpressEnv);
        launch(PHP_FPM);
        launch(BACKEND);
        launch(VARNISH);
        launch(PROXY);
    }

    /** The backend as the operator renders it with the WAF (spec.web.waf), or without it for the benchmark's comparison. */
    private void writeBackendConfig() {
        if (waf) {
            Map<String, String> files = SiteConfigFiles.render(site, layout, conf.toString());
            if (!files.containsKey(SiteConfigFiles.MODSECURITY)) {
                throw new IllegalStateException("the site's spec.web.waf is off: the operator renders no WAF for it");
            }
            write(conf.resolve(SiteConfigFiles.MODSECURITY), files.get(SiteConfigFiles.MODSECURITY));
            write(conf.resolve("backend-nginx.conf"), files.get(SiteConfigFiles.BACKEND_NGINX));
        } else {
            write(conf.resolve("backend-nginx.conf"), BackendNginxConfig.render(site, layout));
        }
    }

    private Daemon nginx(String name, Path config, int port) {
        return new Daemon(name, List.of("nginx", "-e", "stderr", "-p", run.toString(), "-c", config.toString(),
                "-g", "daemon off;"), Map.of(), logs.resolve(name + ".log"), port);
    }

    private void launch(String name) {
        Daemon daemon = launchers.get(name).get();
        running.put(name, daemon);
        daemon.start(START_TIMEOUT);
    }

    /**
     * The environment of the PHP-FPM container as the operator builds it (WordPressDeploymentDependent): the
     * official image's WORDPRESS_* variables, the secrets as plain values here, WORDPRESS_CONFIG_EXTRA rendered for
     * this layout. PHP loads the extensions of the official image's kind, without phpredis.
     */
    private Map<String, String> wordpressEnv(Path phpConfD) {
        Map<String, String> env = new TreeMap<>();
        env.put("WORDPRESS_DB_HOST", layout.dbHost() + ":" + layout.dbPort());
        env.put("WORDPRESS_DB_NAME", "wordpress");
        env.put("WORDPRESS_DB_USER", "wordpress");
        env.put("WORDPRESS_DB_PASSWORD", dbPassword);
        salts.forEach((salt, value) -> env.put("WORDPRESS_" + salt, value));
        env.put(WordPressConfigExtra.REDIS_PASSWORD_ENV, redisPassword);
        env.put("WPOVEN_PURGE_TOKEN", purgeToken);
        env.put("WORDPRESS_CONFIG_EXTRA", WordPressConfigExtra.render(site, layout));
        env.put("PHP_INI_SCAN_DIR", phpConfD.toString());
        return env;
    }

    /** Debian's PHP extensions for PHP-FPM, less phpredis: the object-cache drop-in must work without it. */
    private Path phpExtensions() {
        Path dir = conf.resolve("php-conf.d");
        try (Stream<Path> inis = Files.list(PHP_CONF_D)) {
            Files.createDirectories(dir);
            for (Path ini : inis.toList()) {
                String name = ini.getFileName().toString();
                if (name.endsWith(".ini") && !name.contains("redis") && !name.contains("igbinary")) {
                    Files.copy(ini, dir.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * WordPress core from Debian's package in a docroot of its own (symlinks resolved), wp-config.php as the official
     * image writes it, the operator's object-cache drop-in and purge mu-plugin, then the installer run with the
     * same environment as PHP-FPM.
     */
    private void installWordPress(Map<String, String> wordpressEnv) {
        WordPressInstall.copyCore(docroot);
        write(docroot.resolve("wp-content/object-cache.php"), ObjectCacheDropIn.render());
        try {
            Files.createDirectories(docroot.resolve(PurgeMuPlugin.PATH).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(docroot.resolve(PurgeMuPlugin.PATH), PurgeMuPlugin.render());
        Map<String, String> env = new TreeMap<>(wordpressEnv);
        env.put("WPOVEN_TEST_HOME", "https://" + publicHost());
        String out = WordPressInstall.install(docroot, conf, conf.resolve("php.ini"), env, TITLE, ADMIN_USER, ADMIN_EMAIL,
                ADMIN_PASSWORD);
        write(logs.resolve("wordpress-install.log"), out);
    }

    // --- helpers ---

    private String exec(List<String> command, Map<String, String> env, Duration timeout) {
        return Exec.run(command, env, root, timeout);
    }

    private List<Path> logFiles() {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }

    private static void copyQuietly(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // a config that cannot be kept does not hide the failure being reported
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not remove " + dir + ": " + e);
        }
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
