package io.wpoven.operator.site.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.WafSpec;
import io.wpoven.operator.site.SiteConfigFiles;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.TestSites;

/** spec.web.waf: ModSecurity with the Core Rule Set in the WordPress pods' nginx, behind the caches. */
class WafTest {

    @Test
    void offByDefaultNoModuleAndNoRules() {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        Map<String, String> files = SiteConfigFiles.render(site);
        assertThat(files).doesNotContainKey(SiteConfigFiles.MODSECURITY);
        assertThat(files.get(SiteConfigFiles.BACKEND_NGINX)).doesNotContain("modsecurity").doesNotContain("load_module");
    }

    @Test
    void onTheBackendLoadsTheModuleAndTheRulesItsPodMounts() {
        WordPressSite site = withWaf(WafSpec.Mode.BLOCK, 1);
        Map<String, String> files = SiteConfigFiles.render(site);
        assertThat(files.get(SiteConfigFiles.BACKEND_NGINX))
                .contains("\nload_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;\n")
                .contains("modsecurity on;\n        modsecurity_rules_file /etc/wpoven/modsecurity.conf;");
        assertThat(files.get(SiteConfigFiles.MODSECURITY)).contains("SecRuleEngine On\n")
                .contains("Include /usr/share/modsecurity-crs/rules/REQUEST-942-APPLICATION-ATTACK-SQLI.conf");
        // the proxy never inspects: cache hits stay free
        assertThat(files.get(SiteConfigFiles.PROXY_NGINX)).doesNotContain("modsecurity");

        var pod = Dependents.wordpress(site).getSpec().getTemplate().getSpec();
        var items = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow()
                .getConfigMap().getItems().stream().map(KeyToPath::getKey).toList();
        assertThat(items).contains(SiteConfigFiles.MODSECURITY, SiteConfigFiles.BACKEND_NGINX);
        assertThat(SiteConfigFiles.keysOf(site, Component.PROXY)).doesNotContain(SiteConfigFiles.MODSECURITY);
    }

    @Test
    void modeAndParanoiaLevelFollowTheSpecAndRollOnlyTheWordPressPods() {
        WordPressSite blocking = withWaf(WafSpec.Mode.BLOCK, 1);
        WordPressSite detecting = withWaf(WafSpec.Mode.DETECT, 3);
        assertThat(SiteConfigFiles.render(detecting).get(SiteConfigFiles.MODSECURITY))
                .contains("SecRuleEngine DetectionOnly\n").contains("setvar:tx.paranoia_level=3\"");
        assertThat(SiteConfigFiles.hash(detecting, Component.WORDPRESS)).isNotEqualTo(SiteConfigFiles.hash(blocking, Component.WORDPRESS));
        for (Component other : new Component[] {Component.PROXY, Component.VARNISH, Component.REDIS}) {
            assertThat(SiteConfigFiles.hash(detecting, other)).as(other.label()).isEqualTo(SiteConfigFiles.hash(blocking, other));
        }
    }

    private static WordPressSite withWaf(WafSpec.Mode mode, int paranoia) {
        WordPressSite site = TestSites.site("blog", "blog.example.com");
        WafSpec waf = site.getSpec().getWeb().getWaf();
        waf.setEnabled(true);
        waf.setMode(mode);
        waf.setParanoiaLevel(paranoia);
        return site;
    }
}
