package io.wpoven.e2e.install;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Repo;

/**
 * Operator processes of this package's tests, each managing only the sites labelled
 * {@code wpoven.io/operator=<its value>}. The harness's shared operator must leave such sites alone: it runs
 * with the selector {@code !wpoven.io/operator} (env QUARKUS_OPERATOR_SDK_CONTROLLERS_<NAME>_SELECTOR of every controller).
 */
final class DedicatedOperator {
    static final String LABEL = "wpoven.io/operator";
    static final String SELECTOR_ENV = "QUARKUS_OPERATOR_SDK_CONTROLLERS_WORDPRESSSITE_SELECTOR";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DedicatedOperator() {
    }

    /** Starts the packaged operator with extra env, managing only sites labelled {@code wpoven.io/operator=value}. */
    static OperatorProcess start(String value, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(OperatorProcess.selectorEnv(LABEL + "=" + value));
        return OperatorProcess.start(Cluster.get(), all);
    }

    /** Applies a site manifest (e.g. a sample) into a namespace, labelled for one dedicated operator. */
    static GenericKubernetesResource applySite(Path manifest, String namespace, String operatorValue) throws IOException {
        return applySiteYaml(Files.readString(manifest), namespace, operatorValue);
    }

    /**
     * Applies a site as written (every field kept, whatever the API classes on the test classpath know), into a
     * namespace and labelled for one dedicated operator.
     */
    @SuppressWarnings("unchecked")
    static GenericKubernetesResource applySiteYaml(String yaml, String namespace, String operatorValue) throws IOException {
        Map<String, Object> site = YAML.readValue(yaml, LinkedHashMap.class);
        Map<String, Object> metadata = (Map<String, Object>) site.get("metadata");
        metadata.put("namespace", namespace);
        Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels", k -> new LinkedHashMap<>());
        labels.put(LABEL, operatorValue);
        KubernetesClient client = Cluster.get().client();
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .convertValue(site, GenericKubernetesResource.class);
        return client.genericKubernetesResources("wpoven.io/v1alpha1", "WordPressSite").inNamespace(namespace)
                .resource(resource).fieldManager("e2e").forceConflicts().serverSideApply();
    }

    /** Applies any wpoven.io object (Backup, Restore …) into a namespace, labelled for one dedicated operator. */
    @SuppressWarnings("unchecked")
    static GenericKubernetesResource applyYaml(String yaml, String namespace, String operatorValue) throws IOException {
        Map<String, Object> object = YAML.readValue(yaml, LinkedHashMap.class);
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        metadata.put("namespace", namespace);
        ((Map<String, Object>) metadata.computeIfAbsent("labels", k -> new LinkedHashMap<>())).put(LABEL, operatorValue);
        KubernetesClient client = Cluster.get().client();
        GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        return client.resource(resource).inNamespace(namespace).fieldManager("e2e").forceConflicts().serverSideApply();
    }

    static Path sample(String name) {
        return Repo.root().resolve("manifests/samples").resolve(name);
    }

    /**
     * The HTTP port of an operator process. The harness keeps it private but names the log after it
     * (operator-PORT.log); replace with a port() accessor once OperatorProcess has one.
     */
    static int port(OperatorProcess op) {
        Matcher m = Pattern.compile("operator-(\\d+)\\.log").matcher(op.log().getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("cannot tell the operator's port from its log " + op.log());
        }
        return Integer.parseInt(m.group(1));
    }

    static String get(OperatorProcess op, String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(op) + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + ":\n" + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the cluster's kubeconfig that acts as a service account (kubectl honours `as`). */
    @SuppressWarnings("unchecked")
    static Path impersonatingKubeconfig(String user, String namespace) throws IOException {
        Map<String, Object> kc = YAML.readValue(Cluster.get().kubeconfig().toFile(), LinkedHashMap.class);
        for (Object u : (Iterable<Object>) kc.get("users")) {
            ((Map<String, Object>) ((Map<String, Object>) u).get("user")).put("as", user);
        }
        for (Object c : (Iterable<Object>) kc.get("contexts")) {
            ((Map<String, Object>) ((Map<String, Object>) c).get("context")).put("namespace", namespace);
        }
        Path file = Files.createTempFile("impersonating", ".kubeconfig");
        YAML.writeValue(file.toFile(), kc);
        return file;
    }
}
