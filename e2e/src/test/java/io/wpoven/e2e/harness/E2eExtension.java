package io.wpoven.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

public class E2eExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(E2eExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Cluster.get();
        OperatorProcess.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        KubernetesClient client = Cluster.get().client();
        String test = context.getRequiredTestMethod().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
        String name = "e2e-" + test.substring(0, Math.min(30, test.length())) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        context.getStore(STORE).put("ns", TestNamespace.create(client, name));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespace ns = context.getStore(STORE).get("ns", TestNamespace.class);
        if (ns == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            dump(context, ns);
        }
        ns.client().namespaces().withName(ns.name()).delete();
    }

    private static void dump(ExtensionContext context, TestNamespace ns) {
        Path dir = Repo.target().resolve("e2e-dumps").resolve(ns.name());
        try {
            Files.createDirectories(dir);
            KubernetesClient c = ns.client();
            StringBuilder all = new StringBuilder();
            List<List<? extends HasMetadata>> lists = List.of(
                    c.resources(WordPressSite.class).inNamespace(ns.name()).list().getItems(),
                    c.resources(io.wpoven.operator.api.v1alpha1.Backup.class).inNamespace(ns.name()).list().getItems(),
                    c.resources(io.wpoven.operator.api.v1alpha1.Restore.class).inNamespace(ns.name()).list().getItems(),
                    c.batch().v1().jobs().inNamespace(ns.name()).list().getItems(),
                    c.batch().v1().cronjobs().inNamespace(ns.name()).list().getItems(),
                    c.apps().deployments().inNamespace(ns.name()).list().getItems(),
                    c.apps().statefulSets().inNamespace(ns.name()).list().getItems(),
                    c.pods().inNamespace(ns.name()).list().getItems(),
                    c.services().inNamespace(ns.name()).list().getItems(),
                    c.configMaps().inNamespace(ns.name()).list().getItems(),
                    c.persistentVolumeClaims().inNamespace(ns.name()).list().getItems(),
                    c.resources(io.wpoven.operator.api.v1alpha1.Staging.class).inNamespace(ns.name()).list().getItems(),
                    c.v1().events().inNamespace(ns.name()).list().getItems());
            for (List<? extends HasMetadata> items : lists) {
                for (HasMetadata item : items) {
                    item.getMetadata().setManagedFields(null);
                    all.append("---\n").append(c.getKubernetesSerialization().asYaml(item));
                }
            }
            Files.writeString(dir.resolve("objects.yaml"), all);
            String log = OperatorProcess.get().logTail(300);
            Files.writeString(dir.resolve("operator.log"), log);
            if (InClusterOperator.started()) {
                Files.writeString(dir.resolve("operator-in-cluster.log"), InClusterOperator.get().logTail(400));
                System.out.printf("[e2e] in-cluster operator log (tail):%n%s%n", InClusterOperator.get().logTail(60));
            }
            System.out.printf("%n[e2e] %s failed; namespace %s dumped to %s%n[e2e] operator log (tail):%n%s%n",
                    context.getDisplayName(), ns.name(), dir, OperatorProcess.get().logTail(60));
        } catch (IOException | RuntimeException e) {
            System.out.println("[e2e] dump of " + ns.name() + " failed: " + e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(STORE).get("ns", TestNamespace.class);
    }
}
