package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.SshStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * SSH and SFTP into a site on real pods (docs/ssh.md), with the in-cluster operator and the project's shell image:
 * Debian's ssh and sftp on this machine log in through the site's SSH Service with a key pair made here. A Secret of
 * keys without the wpoven.io/credentials=ssh label is refused by name; once labelled, its key logs in as well as the
 * inline one, the server's host key is the one in the operator's Secret, WordPress loads from PHP in the session with
 * the site's URL, the MariaDB client reads the site's database, a file sent with sftp into uploads is served through
 * the proxy, and a wrong key and any password are refused. Turning SSH off removes the server. Runs with
 * WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealSshIT {
    private static final String SITE = "shell";
    private static final String DOMAIN = "shell.wpoven.test";
    private static final String KEYS_SECRET = "team-keys";
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration COMMAND = Duration.ofSeconds(40);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void theSiteOwnerLogsInWithAKeyRunsWordPressAndTheDatabaseAndUploadsWithSftp(TestNamespace ns, @TempDir Path dir)
            throws Exception {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        Path owner = keyPair(dir, "owner");
        Path team = keyPair(dir, "team");
        Path stranger = keyPair(dir, "stranger");
        // the team's key in a Secret not (yet) meant for SSH
        ns.apply(new SecretBuilder().withNewMetadata().withName(KEYS_SECRET).endMetadata()
                .withStringData(Map.of("authorized_keys", Files.readString(pub(team)))).build());
        ns.applySiteYaml(site(node, true, Files.readString(pub(owner)).strip()));

        // an unlabelled Secret: nothing applied, the field named in the condition and an Event
        WordPressSite refused = within(Duration.ofMinutes(1)).alias("the site refused for its keys Secret")
                .until(() -> ns.site(SITE).get(), s -> Sites.condition(s, "Ready") != null
                        && "SecretNotAllowed".equals(Sites.condition(s, "Ready").getReason()));
        assertThat(Sites.condition(refused, "Ready").getMessage()).contains("spec.access.ssh.authorizedKeysSecret")
                .contains(KEYS_SECRET).contains("wpoven.io/credentials=ssh");
        within(Duration.ofSeconds(30)).alias("the SecretNotAllowed Event").until(() -> Sites.events(ns, SITE).stream()
                .anyMatch(e -> "SecretNotAllowed".equals(e.getReason())
                        && e.getMessage().contains("spec.access.ssh.authorizedKeysSecret")));
        assertThat(ns.get(Deployment.class, SITE + "-ssh").get()).isNull();
        // labelled for SSH, then the site applied again (a new generation)
        ns.client().secrets().inNamespace(ns.name()).withName(KEYS_SECRET)
                .edit(s -> new SecretBuilder(s).editMetadata().addToLabels("wpoven.io/credentials", "ssh").endMetadata().build());
        io.wpoven.e2e.harness.TestNamespace.edit(ns.site(SITE), s -> {
            s.getMetadata().setAnnotations(Map.of("e2e/keys-labelled", "1"));
            return s;
        });

        within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));
        SshStatus ssh = within(READY).alias("the SSH server ready").until(() -> ns.site(SITE).get().getStatus().getSsh(),
                s -> s != null && Boolean.TRUE.equals(s.getReady()));
        assertThat(ssh.getService()).isEqualTo(SITE + "-ssh");
        assertThat(ssh.getPort()).isEqualTo(2222);
        assertThat(ssh.getUser()).isEqualTo("www-data");
        assertThat(ssh.getServiceType()).isEqualTo("ClusterIP");
        Service service = ns.get(Service.class, ssh.getService()).get();
        String address = service.getSpec().getClusterIP();
        // the server's host key is the operator's (a Secret made once): checked strictly against it
        Path knownHosts = knownHosts(ns, dir, address);
        RealSite site = new RealSite(ns, SITE, DOMAIN);
        Shell shell = new Shell(address, ssh.getPort(), knownHosts);

        // the inline key logs in as www-data in the document root; WordPress loads with the site's URL
        Commands.Result who = within(Duration.ofMinutes(1)).alias("a first login through the Service")
                .until(() -> shell.ssh(owner, "id -un; pwd"), Commands.Result::ok);
        assertThat(who.out().lines().toList()).containsExactly("www-data", "/home/www-data");
        Commands.Result siteurl = shell.ssh(owner,
                "cd /var/www/html && php -r 'require \"/var/www/html/wp-load.php\"; echo get_option(\"siteurl\");'")
                .orThrow();
        // the URL the operator's installer gave the site (https: TLS is on by default, served or not here)
        assertThat(siteurl.out()).isEqualTo("https://" + DOMAIN).isEqualTo(query(site,
                "SELECT option_value FROM wp_options WHERE option_name = 'siteurl'"));
        // the MariaDB client reads the site's database with the site's own login
        long posts = Long.parseLong(query(site, "SELECT COUNT(*) FROM wp_posts"));
        assertThat(posts).isPositive();
        assertThat(shell.ssh(owner, "mariadb -N -e 'SELECT COUNT(*) FROM wp_posts'").orThrow().out().strip())
                .isEqualTo(Long.toString(posts));
        // the Secret's key logs in too
        assertThat(shell.ssh(team, "whoami").orThrow().out().strip()).isEqualTo("www-data");

        // sftp into uploads; the site serves the file through its proxy
        String body = "sent over sftp " + UUID.randomUUID();
        Path local = Files.writeString(dir.resolve("hello.txt"), body);
        Commands.Result put = shell.sftp(owner, """
                -mkdir /var/www/html/wp-content/uploads
                mkdir /var/www/html/wp-content/uploads/ssh-e2e
                put %s /var/www/html/wp-content/uploads/ssh-e2e/hello.txt
                """.formatted(local)).orThrow();
        assertThat(put.exit()).isZero();
        RawHttp.Response served = within(Duration.ofSeconds(30)).alias("the uploaded file through the proxy")
                .until(() -> site.get("/wp-content/uploads/ssh-e2e/hello.txt?u=" + UUID.randomUUID()),
                        r -> r.status() == 200);
        assertThat(served.text()).isEqualTo(body);

        // a key nobody authorized, and passwords, are refused: only publickey is offered
        Commands.Result wrongKey = shell.ssh(stranger, "true");
        assertThat(wrongKey.exit()).as(wrongKey.toString()).isEqualTo(255);
        assertThat(wrongKey.err()).contains("Permission denied (publickey)");
        Commands.Result password = shell.run("ssh", "-o", "PreferredAuthentications=password,keyboard-interactive",
                "-o", "PubkeyAuthentication=no", "-p", Integer.toString(ssh.getPort()), "www-data@" + address, "true");
        assertThat(password.exit()).as(password.toString()).isEqualTo(255);
        assertThat(password.err()).contains("Permission denied (publickey)");

        // SSH off: the server, its Service, policy and host key go
        ns.applySiteYaml(site(node, false, Files.readString(pub(owner)).strip()));
        within(Duration.ofMinutes(1)).alias("the SSH objects removed").until(() -> ns.get(Deployment.class, SITE + "-ssh").get() == null
                && ns.get(Service.class, SITE + "-ssh").get() == null && ns.get(NetworkPolicy.class, SITE + "-ssh").get() == null
                && ns.get(Secret.class, SITE + "-ssh-host-key").get() == null
                && ns.site(SITE).get().getStatus().getSsh() == null);
    }

    private static String site(RealNode node, boolean ssh, String key) {
        return RealSite.yaml(node, SITE, DOMAIN) + """
                  access:
                    ssh: {enabled: %s, authorizedKeys: ['%s'], authorizedKeysSecret: {name: %s}}
                """.formatted(ssh, key, KEYS_SECRET);
    }

    /** One value read over JDBC, as root, straight from the site's MariaDB pod. */
    private static String query(RealSite site, String sql) throws Exception {
        try (var c = site.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static Path keyPair(Path dir, String name) {
        Path key = dir.resolve(name);
        Commands.run(Duration.ofSeconds(30), null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@e2e",
                "-f", key.toString()).orThrow();
        return key;
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    /** A known_hosts line for the Service's address from the host key in the operator's Secret. */
    private static Path knownHosts(TestNamespace ns, Path dir, String address) throws Exception {
        Secret hostKey = ns.get(Secret.class, SITE + "-ssh-host-key").get();
        Path key = dir.resolve("host_key");
        Files.write(key, Base64.getDecoder().decode(hostKey.getData().get("ssh_host_key")));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String publicKey = Commands.run(Duration.ofSeconds(30), null, "ssh-keygen", "-y", "-f", key.toString()).orThrow()
                .out().strip();
        assertThat(publicKey).startsWith("ecdsa-sha2-nistp256 ");
        return Files.writeString(dir.resolve("known_hosts"), "[" + address + "]:2222 " + publicKey + "\n",
                StandardCharsets.UTF_8);
    }

    /** Debian's ssh and sftp against one server, strict about its host key, never asking anything. */
    private record Shell(String address, int port, Path knownHosts) {
        List<String> options() {
            return List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
                    "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10",
                    "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR");
        }

        Commands.Result run(String... command) {
            List<String> args = new ArrayList<>(List.of(command[0]));
            args.addAll(options());
            args.addAll(List.of(command).subList(1, command.length));
            return Commands.run(COMMAND, null, args.toArray(String[]::new));
        }

        Commands.Result ssh(Path key, String command) {
            return run("ssh", "-i", key.toString(), "-p", Integer.toString(port), "www-data@" + address, command);
        }

        Commands.Result sftp(Path key, String batch) {
            return Commands.run(COMMAND, batch, concat(List.of("sftp"), options(),
                    List.of("-i", key.toString(), "-P", Integer.toString(port), "-b", "-", "www-data@" + address)));
        }

        private static String[] concat(List<String> a, List<String> b, List<String> c) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return all.toArray(String[]::new);
        }
    }
}
