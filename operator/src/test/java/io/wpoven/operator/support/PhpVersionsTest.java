package io.wpoven.operator.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.site.SitePolicy;

/** spec.wordpress.phpVersion: the image of each version the platform offers, and a clear refusal for any other. */
class PhpVersionsTest {
    private final OperatorConfig config = TestSites.config();

    @Test
    void eachOfferedVersionHasItsImageAndNoVersionIsTheDefaultImage() {
        assertThat(PhpVersions.offered(config)).containsExactly(java.util.Map.entry("8.2", "wordpress:test-fpm"),
                java.util.Map.entry("8.4", "wordpress:test-php8.4-fpm"));
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        assertThat(SiteImages.wordpress(site, config)).isEqualTo("wordpress:test-fpm");
        site.getSpec().getWordpress().setPhpVersion("8.4");
        assertThat(SiteImages.wordpress(site, config)).isEqualTo("wordpress:test-php8.4-fpm");
        site.getSpec().getWordpress().setPhpVersion("8.2");
        assertThat(SiteImages.wordpress(site, config)).isEqualTo("wordpress:test-fpm");
        site.getSpec().getWordpress().setImage("registry.example.com/wp:1");
        assertThat(SiteImages.wordpress(site, config)).as("an image named in the spec wins").isEqualTo("registry.example.com/wp:1");
    }

    @Test
    void aVersionThePlatformDoesNotOfferStopsTheSiteNamingTheField() {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        site.getSpec().getWordpress().setPhpVersion("7.4");
        var refusal = SitePolicy.check(site, config, java.util.List.of(site));
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo("PhpVersionNotOffered");
            assertThat(r.message()).startsWith("spec.wordpress.phpVersion: PHP 7.4 is not offered").contains("8.2, 8.4");
        });
        site.getSpec().getWordpress().setPhpVersion("8.4");
        assertThat(SitePolicy.check(site, config, java.util.List.of(site))).isEmpty();
    }
}
