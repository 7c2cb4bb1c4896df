package io.wpoven.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The packaged operator (operator/target/quarkus-app) running as its own process against the test cluster,
 * as it would in a pod: the CRDs from crds/ are installed first, then the operator starts and must report
 * ready on its health endpoint.
 */
public final class OperatorProcess {
    private static OperatorProcess instance;

    private final Process process;
    private final Path log;
    private final int port;

    private OperatorProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static synchronized OperatorProcess get() {
        if (instance == null) {
            // the shared operator leaves sites labelled wpoven.io/operator to the dedicated operators of the
            // install tests (RBAC, leader election), so two operators never fight over one site
            // classes run side by side (junit-platform.properties), each test in its own namespace, many with the
            // same host names: a domain is claimed per namespace (policy.domainClaims), as on a platform with an
            // ingress per namespace; PlatformPolicyIT claims within one namespace, SitePolicyTest both scopes
            Map<String, String> env = new java.util.HashMap<>(selectorEnv("!wpoven.io/operator"));
            env.put("WPOVEN_POLICY_DOMAIN_CLAIMS", "namespace");
            // the management dashboard on the same port (DashboardIT signs in with ServiceAccount tokens)
            env.put("WPOVEN_DASHBOARD_ENABLED", "true");
            instance = start(Cluster.get(), env);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** The same label selector for every controller (sites, backups, restores, stagings). */
    public static Map<String, String> selectorEnv(String selector) {
        return Map.of("QUARKUS_OPERATOR_SDK_CONTROLLERS_WORDPRESSSITE_SELECTOR", selector,
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_BACKUP_SELECTOR", selector,
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_RESTORE_SELECTOR", selector,
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_STAGING_SELECTOR", selector);
    }

    public static void installCrds(KubernetesClient client) {
        try (var files = Files.list(Repo.crds())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata crd : client.load(Files.newInputStream(f)).items()) {
                    client.resource(crd).forceConflicts().serverSideApply();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .filter(c -> c.getSpec().getGroup().equals("wpoven.io"))
                .forEach(c -> client.apiextensions().v1().customResourceDefinitions().resource(c)
                        .waitUntilCondition(r -> r.getStatus() != null && r.getStatus().getConditions().stream()
                                .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")),
                                30, java.util.concurrent.TimeUnit.SECONDS));
    }

    public static OperatorProcess start(Cluster cluster, Map<String, String> extraEnv) {
        installCrds(cluster.client());
        Path app = Repo.root().resolve("operator/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: run the tests with `mvn verify` from the top");
        }
        try {
            int port = freePort();
            Files.createDirectories(Repo.target());
            Path log = Repo.target().resolve("operator-" + port + ".log");
            // Names resolve from this file only: the operator may try to reach in-cluster Service names
            // (one-click purge), and no lookup of them should leave this machine.
            Path hosts = Repo.target().resolve("hosts-loopback");
            Files.writeString(hosts, "127.0.0.1 localhost\n");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Djdk.net.hosts.file=" + hosts, "-jar", app.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            pb.environment().putAll(extraEnv);
            OperatorProcess op = new OperatorProcess(pb.start(), log, port);
            await("operator ready on :" + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!op.process.isAlive()) {
                            throw new IllegalStateException("operator exited " + op.process.exitValue() + ":\n" + op.logTail(80));
                        }
                        return op.healthStatus("/q/health/ready") == 200;
                    });
            return op;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int healthStatus(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no operator log: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or an OOM kill would end it: no shutdown hook, no Lease handed back. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
