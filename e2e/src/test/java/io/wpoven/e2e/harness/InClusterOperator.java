package io.wpoven.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator as it is deployed: the project's tool image (which runs the operator by default) installed with
 * {@code helm upgrade --install} from helm/wpoven-operator onto the real node (values: image, nodeSelector and
 * toleration of the real node, the project's images as site defaults). It manages only objects labelled
 * {@value #SELECTOR_KEY}={@value #SELECTOR_VALUE} (the chart's {@code siteSelector}), the host operator
 * ({@link OperatorProcess}) everything else, so the two never share a site. Real-node tests label their sites,
 * Backups, Restores and Stagings with {@link #labels()}.
 */
public final class InClusterOperator {
    public static final String NAMESPACE = "wpoven-system";
    public static final String RELEASE = "wpoven";
    public static final String FULLNAME = RELEASE + "-wpoven-operator";
    public static final String SELECTOR_KEY = "wpoven.io/operator";
    public static final String SELECTOR_VALUE = "in-cluster";
    private static InClusterOperator instance;

    private final KubernetesClient client;

    private InClusterOperator(KubernetesClient client) {
        this.client = client;
    }

    /** Installs (or upgrades) the release once per test run and waits until its pod is Ready. */
    public static synchronized InClusterOperator get() {
        if (instance == null) {
            RealNode node = RealNode.get();
            OperatorProcess.installCrds(Cluster.get().client());
            Commands.Result r = Cli.helm(Duration.ofMinutes(6), installArgs(node, Cluster.get().kubeconfig()));
            if (!r.ok()) {
                throw new IllegalStateException("helm install of the operator failed:\n" + r.out() + r.err());
            }
            instance = new InClusterOperator(Cluster.get().client());
            instance.awaitReady(Duration.ofMinutes(4));
            System.out.printf("[e2e] in-cluster operator: pod %s on %s%n", instance.pod().getMetadata().getName(),
                    instance.pod().getSpec().getNodeName());
        }
        return instance;
    }

    /** The helm arguments a platform team would use here: the project's images, the real node's placement. */
    static String[] installArgs(RealNode node, Path kubeconfig) {
        String tool = node.image("tool");
        int colon = tool.lastIndexOf(':');
        List<String> args = new ArrayList<>(List.of("upgrade", "--install", RELEASE,
                Repo.root().resolve("helm/wpoven-operator").toString(), "--namespace", NAMESPACE, "--create-namespace",
                "--kubeconfig", kubeconfig.toString(),
                "--set", "image.repository=" + tool.substring(0, colon), "--set", "image.tag=" + tool.substring(colon + 1),
                // the image is loaded into the node's containerd, never pulled
                "--set", "image.pullPolicy=Never",
                // the kill tests restart it often: seen ready within a second of starting, not at the next 5-10 s probe
                "--set", "probePeriodSeconds.startup=1", "--set", "probePeriodSeconds.readiness=1",
                // the tests apply crds/ themselves (OperatorProcess.installCrds), so they are not the release's
                "--set", "crds.enabled=false",
                "--set", "siteSelector=" + SELECTOR_KEY + "=" + SELECTOR_VALUE,
                // the CA ClusterIssuer of the local cluster's cert-manager add-on (hack/lib/addons/cert-manager.sh)
                "--set-json", "policy.allowedClusterIssuers=[\"wpoven-local-ca\"]",
                "--set-json", "nodeSelector={\"" + RealNode.KIND_LABEL + "\":\"real\"}",
                "--set-json", "tolerations=[{\"key\":\"" + RealNode.KIND_LABEL
                        + "\",\"operator\":\"Equal\",\"value\":\"real\",\"effect\":\"NoSchedule\"}]",
                // a rebuilt image under the same tag rolls the pod
                "--set-string", "podAnnotations.wpoven\\.io/image-hash=" + node.imageHash("tool"),
                // the local API server's certificate names kubernetes.default.svc, not the Service's ClusterIP
                "--set-json", "extraEnv=[{\"name\":\"QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL\","
                        + "\"value\":\"https://kubernetes.default.svc\"}]",
                "--wait", "--timeout", "5m"));
        for (String component : List.of("wordpress", "nginx", "varnish", "redis", "mariadb", "shell")) {
            args.addAll(List.of("--set", "defaults.images." + component + "=" + node.image(component)));
        }
        // the exporter sidecars (spec.monitoring.exporters) from the project's images
        for (String exporter : List.of("nginx", "phpFpm", "varnish", "redis", "mysqld")) {
            String image = exporter.equals("phpFpm") ? "php-fpm" : exporter;
            args.addAll(List.of("--set", "exporterImages." + exporter + "=" + node.image(image + "-exporter")));
        }
        // PHP 8.4: the WordPress image built on Debian 13 (spec.wordpress.phpVersion: "8.4")
        args.addAll(List.of("--set", "defaults.images.wordpressPhp.8\\.4=" + node.image("wordpress-php8.4")));
        // the real node's cluster DNS is CoreDNS on the node's address (its bridge gateway), not a pod: a site with
        // spec.security.egress Restricted may ask it (docs/network-policies.md)
        args.addAll(List.of("--set-json", "networkPolicy.dns.cidrs=[\"" + node.address() + "/32\"]"));
        return args.toArray(String[]::new);
    }

    private void awaitReady(Duration timeout) {
        await("the operator's pod Ready").atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName(FULLNAME).get();
            return d != null && d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                    && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
                    && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas())
                    && Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())
                    && Integer.valueOf(1).equals(d.getStatus().getReplicas());
        });
    }

    /**
     * Kills the operator as a crash would (SIGKILL to its container through containerd: no shutdown hook, no lease
     * released) and waits until kubelet has restarted it in the same pod and it is Ready again (the same identity,
     * so it takes its Lease back at once). Returns how long it was away.
     */
    public Duration kill() {
        Pod before = pod();
        var status = before.getStatus().getContainerStatuses().get(0);
        int restarts = status.getRestartCount();
        long start = System.nanoTime();
        RealNode.get().killContainer(status.getContainerID());
        await("the operator restarted after SIGKILL").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Pod p = client.pods().inNamespace(NAMESPACE).withName(before.getMetadata().getName()).get();
                    var c = p == null ? null : p.getStatus().getContainerStatuses().get(0);
                    return c != null && c.getRestartCount() > restarts && Boolean.TRUE.equals(c.getReady());
                });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The labels that put an object in this operator's hands. */
    public static Map<String, String> labels() {
        return Map.of(SELECTOR_KEY, SELECTOR_VALUE);
    }

    /** The running operator pod (one replica). */
    public Pod pod() {
        return client.pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no operator pod in " + NAMESPACE));
    }

    public String logTail(int lines) {
        try {
            return client.pods().inNamespace(NAMESPACE).withName(pod().getMetadata().getName()).tailingLines(lines)
                    .getLog();
        } catch (RuntimeException e) {
            return "(no log of the in-cluster operator: " + e.getMessage() + ")";
        }
    }

    /** Whether this run started it (dumps add its log only then). */
    public static synchronized boolean started() {
        return instance != null;
    }
}
