package io.wpoven.operator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.PodTemplateSpec;

/** A site's own pull secrets must be labelled wpoven.io/credentials=registry; the refusal names the entry. */
@EnableKubernetesMockClient(crud = true)
class PullSecretsRefusalTest {
    static KubernetesClient client;

    static void secret(String name, Map<String, String> labels) {
        client.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
    }

    static WordPressSite site(String... pullSecrets) {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        PodTemplateSpec template = new PodTemplateSpec();
        template.setImagePullSecrets(List.of(pullSecrets));
        site.getSpec().setPodTemplate(template);
        return site;
    }

    @Test
    void eachPullSecretMustBeLabelledForRegistriesAndNotBeTheOperatorsOwn() {
        secret("registry", Map.of(CredentialSecrets.LABEL, CredentialSecrets.REGISTRY));
        secret("s3-keys", Map.of(CredentialSecrets.LABEL, CredentialSecrets.S3));
        secret("blog-credentials", Map.of(Labels.MANAGED_BY, Labels.OPERATOR, CredentialSecrets.LABEL, CredentialSecrets.REGISTRY));

        assertThat(CredentialSecrets.pullSecretsRefusal(client, TestSites.site("blog", "blog.example.com")))
                .as("none named").isEmpty();
        assertThat(CredentialSecrets.pullSecretsRefusal(client, site("registry"))).isEmpty();
        assertThat(CredentialSecrets.pullSecretsRefusal(client, site("registry", "s3-keys"))).hasValueSatisfying(m -> assertThat(m)
                .startsWith("spec.podTemplate.imagePullSecrets[1]: Secret s3-keys is not labelled wpoven.io/credentials=registry"));
        assertThat(CredentialSecrets.pullSecretsRefusal(client, site("blog-credentials")))
                .hasValueSatisfying(m -> assertThat(m).contains("[0]", "made by the operator"));
        assertThat(CredentialSecrets.pullSecretsRefusal(client, site("gone")))
                .hasValueSatisfying(m -> assertThat(m).contains("Secret gone not found"));
    }
}
