package io.wpoven.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The cluster the e2e tests run against, found in this order:
 * <ol>
 * <li>an explicit kubeconfig: env WPOVEN_E2E_KUBECONFIG (an existing cluster);</li>
 * <li>k3s through Testcontainers, when a Docker engine answers and the k3s image is present locally
 * (env WPOVEN_E2E_K3S_IMAGE, default rancher/k3s:v1.33.1-k3s1; nothing is pulled);</li>
 * <li>the local control plane from hack/cluster.sh (built from Go modules, KWOK nodes).</li>
 * </ol>
 */
public final class Cluster {
    private static Cluster instance;

    private final String kind;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private Cluster(String kind, Path kubeconfig) {
        this.kind = kind;
        this.kubeconfig = kubeconfig;
        try {
            this.client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kubeconfig " + kubeconfig, e);
        }
    }

    public static synchronized Cluster get() {
        if (instance == null) {
            instance = find();
            System.out.printf("[e2e] cluster: %s (kubeconfig %s)%n", instance.kind, instance.kubeconfig);
        }
        return instance;
    }

    private static Cluster find() {
        String explicit = System.getenv("WPOVEN_E2E_KUBECONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new Cluster("explicit kubeconfig", Path.of(explicit));
        }
        String k3sImage = System.getenv().getOrDefault("WPOVEN_E2E_K3S_IMAGE", "rancher/k3s:v1.33.1-k3s1");
        if (k3sImageAvailable(k3sImage)) {
            K3sContainer k3s = new K3sContainer(DockerImageName.parse(k3sImage));
            k3s.start();
            Runtime.getRuntime().addShutdownHook(new Thread(k3s::stop));
            try {
                Path kc = Files.createTempFile("k3s", ".kubeconfig");
                Files.writeString(kc, k3s.getKubeConfigYaml());
                return new Cluster("k3s " + k3sImage, kc);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Cluster("local control plane (hack/cluster.sh, KWOK nodes)", localCluster());
    }

    private static boolean k3sImageAvailable(String image) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return false;
            }
            return !DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(image).exec().isEmpty();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path localCluster() {
        Path script = Repo.root().resolve("hack/cluster.sh");
        run(Duration.ofMinutes(60), script.toString(), "up");
        return Path.of(run(Duration.ofMinutes(1), script.toString(), "kubeconfig").trim());
    }

    static String run(Duration timeout, String... command) {
        return Commands.run(timeout, null, command).orThrow().out();
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String kind() {
        return kind;
    }
}
