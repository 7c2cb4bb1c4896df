package io.wpoven.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wpoven.e2e.harness.Commands.Result;

/**
 * The command-line tools an installing user runs: kubectl (from the local cluster's cache) and helm (built by
 * helm/build-helm.sh from Go modules on first use, then cached).
 */
public final class Cli {
    private static Path helm;

    private Cli() {
    }

    public static String kubernetesVersion() {
        String env = System.getenv("K8S_VERSION");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            Matcher m = Pattern.compile("K8S_VERSION=\\$\\{K8S_VERSION:-(v[0-9.]+)}")
                    .matcher(Files.readString(Repo.root().resolve("hack/lib/versions.sh")));
            if (!m.find()) {
                throw new IllegalStateException("no K8S_VERSION in hack/lib/versions.sh");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path cache() {
        String env = System.getenv("WPOVEN_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("wpoven");
    }

    /** The kubectl that hack/cluster.sh built for the cluster's Kubernetes version (hack/lib/versions.sh). */
    public static Path kubectl() {
        Path kubectl = cache().resolve("bin/kubernetes-" + kubernetesVersion() + "/kubectl");
        if (!Files.isExecutable(kubectl)) {
            throw new IllegalStateException(kubectl + " is missing: run hack/cluster.sh build (or up)");
        }
        return kubectl;
    }

    /** helm, built once by helm/build-helm.sh (a few minutes on a cold cache; CI runs it before the tests). */
    public static synchronized Path helm() {
        if (helm == null) {
            Result r = run(Duration.ofMinutes(20), null, Repo.root().resolve("helm/build-helm.sh").toString());
            if (!r.ok()) {
                throw new IllegalStateException("helm/build-helm.sh could not build helm (Go and the Go module proxy"
                        + " are needed):\n" + r.err());
            }
            helm = Path.of(r.out().trim());
        }
        return helm;
    }

    public static Result kubectl(String... args) {
        return kubectlWith(Cluster.get().kubeconfig(), args);
    }

    public static Result kubectlWith(Path kubeconfig, String... args) {
        List<String> cmd = new ArrayList<>(List.of(kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        return run(Duration.ofMinutes(2), null, cmd.toArray(String[]::new));
    }

    /** helm with its own arguments only (the kubeconfig among them), under a longer timeout. */
    public static Result helm(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(helm().toString()));
        cmd.addAll(List.of(args));
        return run(timeout, null, cmd.toArray(String[]::new));
    }

    public static Result helm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(helm().toString(), "--kubeconfig", Cluster.get().kubeconfig().toString()));
        cmd.addAll(List.of(args));
        return run(Duration.ofMinutes(5), null, cmd.toArray(String[]::new));
    }

    /** Runs a command from the repository root; stdin is the given text, or nothing. */

    public static Result run(Duration timeout, String stdin, String... command) {
        return Commands.run(timeout, stdin, command);
    }
}
