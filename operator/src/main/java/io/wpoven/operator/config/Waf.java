package io.wpoven.operator.config;

import java.util.Objects;

/**
 * Where the backend nginx finds its web application firewall: the ModSecurity module, the OWASP Core Rule Set's
 * rule files (both come with the nginx image) and the rules file that {@link ModSecurityConfig} renders.
 * The WAF sits in the backend nginx, behind Varnish, so that only cache misses pay for it.
 *
 * @param modulePath  ngx_http_modsecurity_module.so, for {@code load_module}
 * @param crsRulesDir the directory of the Core Rule Set's {@code REQUEST-*.conf} files (CRS 3.3)
 * @param rulesFile   where the rendered {@link ModSecurityConfig} is mounted
 */
public record Waf(String modulePath, String crsRulesDir, String rulesFile) {

    /** Debian's packages libnginx-mod-http-modsecurity and modsecurity-crs. */
    public static final String DEBIAN_MODULE = "/usr/lib/nginx/modules/ngx_http_modsecurity_module.so";
    public static final String DEBIAN_CRS_RULES = "/usr/share/modsecurity-crs/rules";

    public Waf {
        requireAbsolute("modulePath", modulePath);
        requireAbsolute("crsRulesDir", crsRulesDir);
        requireAbsolute("rulesFile", rulesFile);
    }

    /** The module and rules where Debian's packages put them; the rendered rules file at {@code rulesFile}. */
    public static Waf debian(String rulesFile) {
        return new Waf(DEBIAN_MODULE, DEBIAN_CRS_RULES, rulesFile);
    }

    private static void requireAbsolute(String name, String path) {
        Objects.requireNonNull(path, name);
        if (!path.startsWith("/") || path.contains("\n") || path.contains(";") || path.contains(" ")) {
            throw new IllegalArgumentException(name + " must be an absolute path without spaces: " + path);
        }
    }
}
