package io.wpoven.operator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.TestSites;

/** Which Secret a site created again adopts: only the operator's, of this site's name, owned by no other site. */
class RetainedCredentialsTest {
    final WordPressSite site = TestSites.site("blog", "blog.example.com");

    static Secret secret(Map<String, String> labels, String ownerKind, String ownerUid) {
        SecretBuilder b = new SecretBuilder().withNewMetadata().withName("blog-credentials").withNamespace("shop")
                .withLabels(labels).endMetadata();
        if (ownerKind != null) {
            b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withKind(ownerKind).withUid(ownerUid)
                    .withName("x").withApiVersion("v1").build()).endMetadata();
        }
        return b.build();
    }

    static final Map<String, String> OPERATORS = Map.of("app.kubernetes.io/managed-by", "wpoven-operator",
            "app.kubernetes.io/instance", "blog");

    @Test
    void aRetainedSecretOfThisSiteIsAdoptedWithAnOwnerReferenceToTheNewSite() {
        Secret retained = secret(OPERATORS, null, null);
        assertThat(RetainedCredentials.adoptable(retained, site)).isTrue();
        assertThat(RetainedCredentials.adopted(retained.getMetadata().getOwnerReferences(), site)).singleElement()
                .satisfies(o -> {
                    assertThat(o.getUid()).isEqualTo(site.getMetadata().getUid());
                    assertThat(o.getKind()).isEqualTo("WordPressSite");
                });
    }

    @Test
    void noSecretOfAnotherSiteOrMadeByAnyoneElseIsAdopted() {
        assertThat(RetainedCredentials.adoptable(null, site)).isFalse();
        assertThat(RetainedCredentials.adoptable(secret(Map.of("app.kubernetes.io/instance", "blog"), null, null), site))
                .as("not the operator's").isFalse();
        assertThat(RetainedCredentials.adoptable(secret(Map.of("app.kubernetes.io/managed-by", "wpoven-operator",
                "app.kubernetes.io/instance", "shop"), null, null), site)).as("another site's").isFalse();
        assertThat(RetainedCredentials.adoptable(secret(OPERATORS, "WordPressSite", "old-uid"), site))
                .as("still owned by a site (being deleted: the garbage collector takes it)").isFalse();
        assertThat(RetainedCredentials.adoptable(secret(OPERATORS, "WordPressSite", site.getMetadata().getUid()), site))
                .as("already this site's").isFalse();
    }
}
