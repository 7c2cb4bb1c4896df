package io.wpoven.operator.site.dependent;

import java.util.List;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.config.StackLayout;
import io.wpoven.operator.config.WordPressConfigExtra;
import io.wpoven.operator.support.Names;

/**
 * What the install Job (wordpress-install.php) needs to install WordPress without manual steps: the site's URL and
 * title and the administrator, whose password is in the site's Secret. Only the Job gets them, not the serving pods.
 * The Secret key is optional because Secrets made before it existed lack it (they are create-only): the Job then
 * fails with that reason and the site is installed by hand.
 */
public final class WordPressInstallEnv {
    static final String SITE_URL = "WPOVEN_SITE_URL";
    static final String SITE_TITLE = "WPOVEN_SITE_TITLE";
    static final String ADMIN_USER = "WPOVEN_ADMIN_USER";
    static final String ADMIN_EMAIL = "WPOVEN_ADMIN_EMAIL";
    static final String ADMIN_PASSWORD = "WPOVEN_ADMIN_PASSWORD";
    public static final String ADMIN_NAME = "admin";

    private WordPressInstallEnv() {
    }

    static List<EnvVar> of(WordPressSite site) {
        String domain = site.getSpec().getDomains().get(0);
        return List.of(
                Pods.env(SITE_URL, WordPressConfigExtra.homeUrl(site, StackLayout.inCluster(site))),
                Pods.env(SITE_TITLE, site.getMetadata().getName()),
                Pods.env(ADMIN_USER, ADMIN_NAME),
                Pods.env(ADMIN_EMAIL, ADMIN_NAME + "@" + domain),
                new EnvVarBuilder().withName(ADMIN_PASSWORD).withNewValueFrom().withNewSecretKeyRef()
                        .withName(Names.secret(site)).withKey(SiteSecretDependent.ADMIN_PASSWORD).withOptional(true)
                        .endSecretKeyRef().endValueFrom().build());
    }
}
