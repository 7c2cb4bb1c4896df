package io.wpoven.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.e2e.stack.RedisKeys;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * One site on the real node as a visitor and its owner see it: pages through the proxy Service, its database over
 * JDBC (the MariaDB pod's address, root password from the site Secret), its object cache, and wp-content as files
 * (the local-path volume's folder on this machine, which is the real node).
 */
record RealSite(TestNamespace ns, String name, String domain) {
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    /** The project's images, one pod each, both claims on the real node's StorageClass; no micro-cache. */
    static String yaml(RealNode node, String name, String domain) {
        return Sites.inCluster(Sites.minimal(name, domain)) + """
                  replicas: 1
                  wordpress: {image: %s}
                  web: {image: %s, proxyReplicas: 1}
                  cache: {image: %s, microCacheSeconds: 0}
                  objectCache: {image: %s}
                  database:
                    managed:
                      image: %s
                      storage: {storageClassName: wpoven-node, size: 1Gi}
                  storage: {storageClassName: wpoven-node, size: 1Gi}
                """.formatted(node.image("wordpress"), node.image("nginx"), node.image("varnish"), node.image("redis"),
                node.image("mariadb"));
    }

    /** A GET through the proxy Service, as a browser sends it; extra headers (e.g. Authorization) added. */
    RawHttp.Response get(String target, Map.Entry<String, String>... extra) {
        Service proxy = ns.client().services().inNamespace(ns.name()).withName(name + "-proxy").get();
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Host", domain),
                Map.entry("Accept-Encoding", "gzip"), Map.entry("User-Agent", "wpoven-e2e")));
        headers.addAll(List.of(extra));
        return RawHttp.exchange(proxy.getSpec().getClusterIP(), 80, RawHttp.request("GET", target, headers, null), false,
                HTTP_TIMEOUT);
    }

    String secret(String key) {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(name + "-credentials").get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    Pod pod(Component component) {
        List<Pod> pods = ns.client().pods().inNamespace(ns.name())
                .withLabels(Map.of(Labels.INSTANCE, name, Labels.COMPONENT, component.label())).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        assertThat(pods).as(name + " " + component.label() + " pods").hasSize(1);
        return pods.get(0);
    }

    /** A command in one container of the site's pod of that component (pods/exec): its output; it must exit 0. */
    String exec(Component component, String container, String... command) {
        return exec(pod(component), container, command);
    }

    /** A command in one container of that pod of the site's (pods/exec): its output; it must exit 0. */
    String exec(Pod pod, String container, String... command) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (io.fabric8.kubernetes.client.dsl.ExecWatch watch = ns.client().pods().inNamespace(ns.name())
                .withName(pod.getMetadata().getName()).inContainer(container).writingOutput(out)
                .writingError(err).exec(command)) {
            Integer code = watch.exitCode().get(HTTP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(code).as(String.join(" ", command) + ": " + err.toString(StandardCharsets.UTF_8)
                    + out.toString(StandardCharsets.UTF_8)).isZero();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("exec in " + pod.getMetadata().getName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** PHP with WordPress loaded (wp-load.php) in the site's running PHP-FPM container: what it prints. */
    String wordpressPhp(String code) {
        return wordpressPhp(pod(Component.WORDPRESS), code);
    }

    /** The same in one WordPress pod of several. */
    String wordpressPhp(Pod pod, String code) {
        return exec(pod, "php-fpm", "php", "-r",
                "$_SERVER['HTTP_HOST'] = '" + domain + "'; require '/var/www/html/wp-load.php'; " + code);
    }

    /** The first column of the first row of a query. */
    String query(String sql) {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The site's database as root, straight to its MariaDB pod. */
    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + pod(Component.DATABASE).getStatus().getPodIP()
                + ":3306/wordpress?connectTimeout=5000", "root", secret("mariadb-root-password"));
    }

    void sql(String... statements) {
        try (Connection c = db(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + name + ": " + e.getMessage(), e);
        }
    }

    /** CHECKSUM TABLE of every table, by name. */
    Map<String, Long> checksums() {
        Map<String, Long> sums = new TreeMap<>();
        try (Connection c = db(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + table + "` EXTENDED")) {
                    rs.next();
                    sums.put(table, rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checksums of " + name + ": " + e.getMessage(), e);
        }
        return sums;
    }

    /** Empties the site's Redis: what WordPress itself keeps in step when data changes through it, SQL does not. */
    void flushObjectCache() {
        RedisKeys.flush(pod(Component.REDIS).getStatus().getPodIP(), 6379, secret("redis-password"));
    }

    /** wp-content's folder on this machine (the local-path volume of the site's claim). */
    Path contentDir() {
        return volumeDir(ns, name + "-content");
    }

    static Path volumeDir(TestNamespace ns, String claimName) {
        PersistentVolumeClaim claim = ns.client().persistentVolumeClaims().inNamespace(ns.name()).withName(claimName)
                .get();
        assertThat(claim).as("claim " + claimName).isNotNull();
        PersistentVolume pv = ns.client().persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
        String path = pv.getSpec().getHostPath() != null ? pv.getSpec().getHostPath().getPath()
                : pv.getSpec().getLocal().getPath();
        return Path.of(path);
    }

    /** sha256 of every regular file below dir, by relative path. */
    static Map<String, String> fileSums(Path dir) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(f).toString(), sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** WordPress's user in the site's pods (www-data): what it uploads is that user's. */
    static final int WWW_DATA = 33;

    /** Writes a file into wp-content as WordPress would, owned by its user (the volume's root folder is root's). */
    void upload(String relative, String content) {
        try {
            Path root = contentDir();
            Path file = root.resolve(relative);
            Path dir = root;
            for (Path part : root.relativize(file.getParent())) {
                dir = dir.resolve(part);
                if (!Files.isDirectory(dir)) {
                    Files.createDirectory(dir);
                    ownedByWordPress(dir);
                }
            }
            Files.writeString(file, content);
            ownedByWordPress(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownedByWordPress(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", WWW_DATA);
        Files.setAttribute(path, "unix:gid", WWW_DATA);
    }

    /** A claim on the real node's StorageClass (made when a pod first mounts it). */
    static void claim(TestNamespace ns, String name) {
        ns.applyRaw("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: %s
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: wpoven-node
                  resources: {requests: {storage: 1Gi}}
                """.formatted(name));
    }
}
