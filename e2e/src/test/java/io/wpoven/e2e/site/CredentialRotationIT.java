package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.events;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.CredentialRotationStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Credential rotation on the API (KWOK completes the Job without running it; ToolRotatePasswordIT runs the tool on a
 * real MariaDB): the request owns the site's fence, the Job gets the new password only by reference, the Secret
 * takes it once the Job succeeded, and the site comes back.
 */
@E2eTest
class CredentialRotationIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    static void annotate(TestNamespace ns, String site, String value) {
        ns.site(site).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"wpoven.io/rotate-credentials\":\"" + value + "\"}}}");
    }

    static CredentialRotationStatus rotation(TestNamespace ns, String site) {
        WordPressSite s = ns.site(site).get();
        return s.getStatus() == null ? null : s.getStatus().getCredentialRotation();
    }

    @Test
    void aRotationChangesTheDatabasePasswordInMariaDbAndTheSecretTogether(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        Map<String, String> before = ns.get(Secret.class, "blog-credentials").get().getData();

        annotate(ns, "blog", "r1");
        Job job = within(WAIT).alias("rotation Job").until(() -> ns.client().batch().v1().jobs().inNamespace(ns.name())
                .list().getItems().stream().filter(j -> j.getMetadata().getName().startsWith("blog-rotate-")).findFirst()
                .orElse(null), j -> j != null);
        var tool = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(tool.getCommand()).endsWith("rotate-password");
        EnvVar next = tool.getEnv().stream().filter(e -> e.getName().equals("NEW_PASSWORD")).findFirst().orElseThrow();
        assertThat(next.getValue()).as("by reference only").isNull();
        assertThat(next.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("mariadb-password-next");

        CredentialRotationStatus done = within(WAIT).alias("rotation Succeeded").until(() -> rotation(ns, "blog"),
                r -> r != null && "Succeeded".equals(r.getOutcome()));
        assertThat(done.getRequest()).isEqualTo("r1");
        Map<String, String> after = ns.get(Secret.class, "blog-credentials").get().getData();
        assertThat(after.get("mariadb-password")).isNotEqualTo(before.get("mariadb-password"));
        assertThat(after).doesNotContainKey("mariadb-password-next")
                .containsEntry("mariadb-root-password", before.get("mariadb-root-password"))
                .containsEntry("AUTH_KEY", before.get("AUTH_KEY"));
        assertThat(ns.site("blog").get().getMetadata().getAnnotations()).doesNotContainKey("wpoven.io/quiesced-by");
        assertThat(events(ns, "blog")).extracting(e -> e.getReason()).contains("CredentialRotationStarted", "CredentialsRotated");
        awaitReady(ns, "blog");

        // the same value again is the same request: nothing more happens
        annotate(ns, "blog", "r1");
        assertThat(rotation(ns, "blog").getCompletionTime()).isEqualTo(done.getCompletionTime());
    }

    @Test
    void anExternalDatabasesCredentialsAreNotRotated(TestNamespace ns) {
        ns.client().secrets().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("db").withLabels(Map.of("wpoven.io/credentials", "database")).endMetadata()
                .withStringData(Map.of("username", "u", "password", "p")).build()).create();
        ns.applySiteYaml(minimal("ext", "ext.example.com") + """
                  database:
                    external: {host: db.example.com, name: wp, credentialsSecret: {name: db}}
                """);
        within(WAIT).alias("site reconciled").until(() -> ns.site("ext").get().getStatus() != null);
        annotate(ns, "ext", "r1");
        CredentialRotationStatus failed = within(WAIT).alias("rotation Failed").until(() -> rotation(ns, "ext"),
                r -> r != null && "Failed".equals(r.getOutcome()));
        assertThat(failed.getMessage()).contains("managed database");
    }
}
