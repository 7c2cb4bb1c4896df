package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class ConfigHashTest {

    @Test
    void sameFilesSameHashWhateverTheMapOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("nginx.conf", "x");
        a.put("default.vcl", "y");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("default.vcl", "y");
        b.put("nginx.conf", "x");

        assertThat(ConfigHash.of(a)).isEqualTo(ConfigHash.of(b)).matches("[0-9a-f]{16}");
    }

    @Test
    void aSpecChangeRollsThePods() {
        WordPressSite site = site("blog", "blog.example.com");
        String before = ConfigHash.of(Map.of("default.vcl", VarnishVcl.render(site, StackLayout.inCluster(site))));
        site.getSpec().getCache().setTtlSeconds(600);
        String after = ConfigHash.of(Map.of("default.vcl", VarnishVcl.render(site, StackLayout.inCluster(site))));

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void textMovedBetweenNameAndContentIsAChange() {
        assertThat(ConfigHash.of(Map.of("ab", "c"))).isNotEqualTo(ConfigHash.of(Map.of("a", "bc")));
        assertThat(ConfigHash.of(Map.of("a", "", "b", "c"))).isNotEqualTo(ConfigHash.of(Map.of("a", "b", "c", "")));
    }
}
