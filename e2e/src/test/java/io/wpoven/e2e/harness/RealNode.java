package io.wpoven.e2e.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;

/**
 * The cluster's real node (hack/cluster.sh node up: kubelet + containerd beside the KWOK nodes) with the project's
 * images loaded (hack/images.sh, cached by content). Only tests that ask for it use it: a namespace sends its pods
 * there with {@link #sendPodsHere(TestNamespace)}; every other pod stays on KWOK. Enabled with WPOVEN_REAL_NODE=1
 * (hack/test.sh sets it), since it changes the machine's network (a bridge, iptables rules, routes).
 */
public final class RealNode {
    public static final String KIND_LABEL = "wpoven.io/node-kind";
    private static RealNode instance;

    private final String name;
    private final String containerdSocket;
    private final Map<String, String> images;

    private RealNode(String name, String containerdSocket, Map<String, String> images) {
        this.name = name;
        this.containerdSocket = containerdSocket;
        this.images = images;
    }

    public static boolean enabled() {
        return "1".equals(System.getenv("WPOVEN_REAL_NODE"));
    }

    /** Brings the node up and the images in (both idempotent, fast when done: hack/test.sh did it). */
    public static synchronized RealNode get() {
        if (instance == null) {
            Cluster.get();
            String cluster = Repo.root().resolve("hack/cluster.sh").toString();
            String imagesScript = Repo.root().resolve("hack/images.sh").toString();
            Cluster.run(Duration.ofMinutes(30), cluster, "node", "up");
            Cluster.run(Duration.ofMinutes(30), imagesScript, "load");
            Map<String, String> images = new LinkedHashMap<>();
            Cluster.run(Duration.ofMinutes(1), imagesScript, "refs").lines().map(l -> l.split("=", 2))
                    .forEach(kv -> images.put(kv[0], kv[1]));
            Node node = Cluster.get().client().nodes().withLabel(KIND_LABEL, "real").list().getItems().stream()
                    .findFirst().orElseThrow(() -> new IllegalStateException("no node labelled " + KIND_LABEL + "=real"));
            instance = new RealNode(node.getMetadata().getName(),
                    Cluster.run(Duration.ofMinutes(1), cluster, "node", "containerd").trim(), images);
            System.out.printf("[e2e] real node %s, images %s%n", instance.name, images.values());
        }
        return instance;
    }

    public String name() {
        return name;
    }

    /** The reference of one of the project's images (images/NAME), e.g. image("nginx"). */
    public String image(String imageName) {
        String ref = images.get(imageName);
        if (ref == null) {
            throw new IllegalArgumentException("no project image " + imageName + " in " + images.keySet());
        }
        return ref;
    }

    /** The recipe hash of one of the project's images: it changes whenever the image's content does. */
    public String imageHash(String imageName) {
        return Cluster.run(Duration.ofMinutes(1), Repo.root().resolve("hack/images.sh").toString(), "hash", imageName)
                .trim();
    }

    /** The node's InternalIP: its bridge gateway, where kubelet and the cluster DNS listen. */
    public String address() {
        return Cluster.get().client().nodes().withName(name).get().getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType())).map(a -> a.getAddress()).findFirst()
                .orElseThrow(() -> new IllegalStateException("node " + name + " has no InternalIP"));
    }

    /** Annotates the namespace so that its pods are scheduled on this node (PodNodeSelector, PodTolerationRestriction). */
    public void sendPodsHere(TestNamespace ns) {
        Cluster.run(Duration.ofMinutes(1), Repo.root().resolve("hack/cluster.sh").toString(), "node", "namespace",
                ns.name());
    }

    /** Kills a container's process the way a crash would (SIGKILL through containerd); kubelet restarts it. */
    public void killContainer(String containerId) {
        String id = containerId.replaceFirst("^containerd://", "");
        Cluster.run(Duration.ofSeconds(30), "ctr", "-a", containerdSocket, "-n", "k8s.io", "tasks", "kill", "-s",
                "SIGKILL", id);
    }
}
