package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.WafSpec;

class ModSecurityConfigTest {

    private final WordPressSite site = site("blog", "blog.example.com");
    private final Waf waf = new Waf("/modules/ngx_http_modsecurity_module.so", "/opt/crs/rules", "/etc/wpoven/modsecurity.conf");
    private final String conf = ModSecurityConfig.render(site, StackLayout.inCluster(site), waf);

    @Test
    void blocksWithTheCoreRuleSetAndWordPressExclusions() {
        assertThat(conf).contains("SecRuleEngine On\n")
                .contains("SecRequestBodyAccess On\n")
                .contains("setvar:tx.paranoia_level=1")
                .contains("setvar:tx.crs_exclusions_wordpress=1")
                .contains("setvar:tx.crs_setup_version=334")
                .contains("Include /opt/crs/rules/REQUEST-903.9002-WORDPRESS-EXCLUSION-RULES.conf\n")
                .contains("Include /opt/crs/rules/REQUEST-942-APPLICATION-ATTACK-SQLI.conf\n")
                .contains("Include /opt/crs/rules/REQUEST-949-BLOCKING-EVALUATION.conf\n")
                // the methods the front proxy lets through, the REST API's included
                .contains("tx.allowed_methods=GET HEAD POST OPTIONS PUT PATCH DELETE")
                .doesNotContain("{{");
    }

    /** libmodsecurity3 knows no IncludeOptional and no glob needs to match: every file is named. */
    @Test
    void includesEveryRuleFileByName() {
        assertThat(conf).doesNotContain("IncludeOptional").doesNotContain("*.conf");
        assertThat(includes(conf)).startsWith("/opt/crs/rules/REQUEST-901-INITIALIZATION.conf")
                .allMatch(file -> file.startsWith("/opt/crs/rules/"));
    }

    /** The files exist in the Core Rule Set the WAF is tested with (Debian's modsecurity-crs 3.3). */
    @Test
    void everyIncludedFileExistsInDebiansCoreRuleSet() throws IOException {
        String debian = ModSecurityConfig.render(site, StackLayout.inCluster(site), Waf.debian("/etc/wpoven/modsecurity.conf"));
        List<String> files = includes(debian);
        assertThat(files).hasSizeGreaterThan(15).allMatch(file -> Files.isRegularFile(Path.of(file)));
        try (Stream<Path> all = Files.list(Path.of(Waf.DEBIAN_CRS_RULES))) {
            // every attack class of the Core Rule Set is there
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.matches("REQUEST-9[3-4][0-9]-APPLICATION-ATTACK-.*\\.conf")))
                    .allMatch(name -> files.contains(Waf.DEBIAN_CRS_RULES + "/" + name));
        }
    }

    @Test
    void detectModeOnlyLogsAndTheParanoiaLevelFollowsTheSpec() {
        site.getSpec().getWeb().getWaf().setMode(WafSpec.Mode.DETECT);
        site.getSpec().getWeb().getWaf().setParanoiaLevel(4);
        assertThat(ModSecurityConfig.render(site, StackLayout.inCluster(site), waf))
                .contains("SecRuleEngine DetectionOnly\n").doesNotContain("SecRuleEngine On")
                .contains("setvar:tx.paranoia_level=4\"");
    }

    @Test
    void inspectsBodiesAsLargeAsPhpAcceptsAndWritesOnlyToTheRunDir() {
        assertThat(conf).contains("SecRequestBodyLimit 67108864\n").contains("SecTmpDir /tmp\n").contains("SecDataDir /tmp\n")
                .contains("SecResponseBodyAccess Off").contains("SecAuditEngine Off");

        site.getSpec().getWordpress().getPhp().setUploadMaxSize("2G");
        assertThat(ModSecurityConfig.render(site, StackLayout.inCluster(site), waf)).contains("SecRequestBodyLimit 1073741824\n");
    }

    private static List<String> includes(String conf) {
        Matcher m = Pattern.compile("(?m)^Include (\\S+)$").matcher(conf);
        return m.results().map(r -> r.group(1)).toList();
    }
}
