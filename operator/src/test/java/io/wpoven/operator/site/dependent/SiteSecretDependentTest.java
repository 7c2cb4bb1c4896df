package io.wpoven.operator.site.dependent;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

class SiteSecretDependentTest {

    private final SiteSecretDependent dependent = new SiteSecretDependent();

    @Test
    void generatesEveryCredentialTheStackNeeds() {
        Secret secret = dependent.desired(site("blog", "blog.example.com"), null);

        assertThat(secret.getMetadata().getName()).isEqualTo("blog-credentials");
        assertThat(secret.getStringData())
                .containsKeys(SiteSecretDependent.DB_ROOT_PASSWORD, SiteSecretDependent.DB_PASSWORD,
                        SiteSecretDependent.REDIS_PASSWORD, SiteSecretDependent.PURGE_TOKEN,
                        SiteSecretDependent.ADMIN_PASSWORD)
                .containsKeys(SiteSecretDependent.SALTS).containsKey(SiteSecretDependent.BACKUP_SIGNING_KEY).hasSize(14);
        assertThat(secret.getStringData().get(SiteSecretDependent.DB_PASSWORD)).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(secret.getStringData().get("AUTH_KEY")).hasSize(64);
    }

    @Test
    void everyValueIsFreshlyRandom() {
        WordPressSite site = site("blog", "blog.example.com");
        Secret a = dependent.desired(site, null);
        Secret b = dependent.desired(site, null);
        assertThat(a.getStringData().get(SiteSecretDependent.DB_PASSWORD))
                .isNotEqualTo(b.getStringData().get(SiteSecretDependent.DB_PASSWORD));
        assertThat(a.getStringData().values()).doesNotHaveDuplicates();
    }

    @Test
    void aReconcileNeverRegeneratesAValueItOnlyAddsMissingKeys() {
        assertThat(dependent).isInstanceOf(Creator.class).isInstanceOf(Updater.class);
        WordPressSite site = site("blog", "blog.example.com");
        java.util.Map<String, String> old = new java.util.HashMap<>();
        for (String key : SiteSecretDependent.keys()) {
            old.put(key, java.util.Base64.getEncoder().encodeToString(("old-" + key).getBytes()));
        }
        old.remove(SiteSecretDependent.BACKUP_SIGNING_KEY); // a Secret from before the signing key
        Secret actual = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("blog-credentials")
                .withNamespace("default").withResourceVersion("7").endMetadata().withData(old).build();
        assertThat(dependent.match(actual, site, null).matched()).isFalse();
        Secret merged = SiteSecretDependent.withMissingKeys(actual, dependent.desired(site, null));
        assertThat(merged.getData()).containsAllEntriesOf(old).containsKey(SiteSecretDependent.BACKUP_SIGNING_KEY);
        assertThat(merged.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(dependent.match(merged, site, null).matched()).isTrue();
    }
}
