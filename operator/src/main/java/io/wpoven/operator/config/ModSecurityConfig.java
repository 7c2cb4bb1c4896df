package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.WafSpec;
import io.wpoven.operator.support.Memory;

/**
 * The backend nginx's ModSecurity rules file (templates/modsecurity.conf): the engine blocking (spec.web.waf.mode
 * Block) or only logging (Detect), request bodies up to PHP's upload limit inspected, and the OWASP Core Rule Set 3.3
 * at spec.web.waf.paranoiaLevel in anomaly-scoring mode with WordPress's exclusions, each rule file included by name. Used with {@link BackendNginxConfig#render(WordPressSite,
 * StackLayout, Waf)}, which loads the module and points {@code modsecurity_rules_file} here.
 */
public final class ModSecurityConfig {
    private static final Template TEMPLATE = Template.load("modsecurity.conf");

    private ModSecurityConfig() {
    }

    public static String render(WordPressSite site, StackLayout layout, Waf waf) {
        WafSpec spec = site.getSpec().getWeb().getWaf();
        boolean detectOnly = spec != null && spec.getMode() == WafSpec.Mode.DETECT;
        int paranoia = spec != null && spec.getParanoiaLevel() != null ? spec.getParanoiaLevel() : 1;
        return TEMPLATE.render(Map.ofEntries(
                entry("ruleEngine", detectOnly ? "DetectionOnly" : "On"),
                entry("paranoiaLevel", paranoia),
                entry("requestBodyLimitBytes", requestBodyLimitBytes(site)),
                entry("runDir", layout.runDir()),
                entry("crsRulesDir", waf.crsRulesDir())));
    }

    /** PHP's upload limit ("64M") in bytes, at most ModSecurity's own ceiling of 1 GiB. */
    static long requestBodyLimitBytes(WordPressSite site) {
        return Math.min(Memory.varnishSize(site.getSpec().getWordpress().getPhp().getUploadMaxSize()), 1L << 30);
    }
}
