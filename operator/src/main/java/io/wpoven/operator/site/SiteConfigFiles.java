package io.wpoven.operator.site;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.WafSpec;
import io.wpoven.operator.config.AuthorizedKeys;
import io.wpoven.operator.config.BackendNginxConfig;
import io.wpoven.operator.config.ConfigHash;
import io.wpoven.operator.config.MariaDbConfig;
import io.wpoven.operator.config.ModSecurityConfig;
import io.wpoven.operator.config.ObjectCacheDropIn;
import io.wpoven.operator.config.PhpFpmPoolConfig;
import io.wpoven.operator.config.PhpIni;
import io.wpoven.operator.config.ProxyNginxConfig;
import io.wpoven.operator.config.PurgeMuPlugin;
import io.wpoven.operator.config.RedisConfig;
import io.wpoven.operator.config.StackLayout;
import io.wpoven.operator.config.VarnishVcl;
import io.wpoven.operator.config.Waf;
import io.wpoven.operator.config.WordPressConfigExtra;
import io.wpoven.operator.config.WordPressInstaller;
import io.wpoven.operator.support.Component;

/** The site's rendered configuration files (keys of its ConfigMap), which component reads which, and their hash. */
public final class SiteConfigFiles {
    private SiteConfigFiles() {
    }

    public static final String PROXY_NGINX = "proxy-nginx.conf";
    public static final String VARNISH_VCL = "default.vcl";
    public static final String BACKEND_NGINX = "backend-nginx.conf";
    public static final String FPM_POOL = "php-fpm-pool.conf";
    public static final String PHP_INI = "php.ini";
    public static final String OBJECT_CACHE = "object-cache.php";
    /** mu-plugin: WordPress bans changed pages in Varnish on publish, update and comments. */
    public static final String PURGE_MU_PLUGIN = "wpoven-purge.php";
    /** The installer: wp_install() with the administrator from the site Secret (WordPressInstallJobDependent). */
    public static final String WORDPRESS_INSTALL = "wordpress-install.php";
    /** The image check and the core's database upgrade (WordPressRuntimeJobs). */
    public static final String WORDPRESS_RUNTIME = "wordpress-runtime.php";
    public static final String MY_CNF = "my.cnf";
    public static final String REDIS_CONF = "redis.conf";
    /** ModSecurity's rules for the backend nginx, with spec.web.waf.enabled. */
    public static final String MODSECURITY = "modsecurity.conf";
    /** The inline public keys of spec.access.ssh (an authorized_keys file), with SSH on and keys given. */
    public static final String SSH_AUTHORIZED_KEYS = "ssh-authorized-keys";
    /** Where every pod mounts its files of the ConfigMap. */
    public static final String CONFIG_DIR = "/etc/wpoven";

    public static List<String> keysOf(Component component) {
        return switch (component) {
            case PROXY -> List.of(PROXY_NGINX);
            case VARNISH -> List.of(VARNISH_VCL);
            case WORDPRESS -> List.of(BACKEND_NGINX, MODSECURITY, FPM_POOL, PHP_INI, OBJECT_CACHE, PURGE_MU_PLUGIN);
            case INSTALLER -> List.of(WORDPRESS_INSTALL, WORDPRESS_RUNTIME, PHP_INI, OBJECT_CACHE);
            case CRON -> List.of(PHP_INI, OBJECT_CACHE, PURGE_MU_PLUGIN);
            case REDIS -> List.of(REDIS_CONF);
            case DATABASE -> List.of(MY_CNF);
            // the SSH server's PHP CLI loads WordPress as the WordPress pods do (drop-ins included)
            case SHELL -> List.of(PHP_INI, OBJECT_CACHE, PURGE_MU_PLUGIN, SSH_AUTHORIZED_KEYS);
            default -> List.of();
        };
    }

    /** The files of this site's ConfigMap that one component reads (object-cache.php only when Redis runs). */
    public static List<String> keysOf(WordPressSite site, Component component) {
        Map<String, Supplier<String>> present = renderers(site, StackLayout.inCluster(site), CONFIG_DIR,
                ProxyNginxConfig.TRUSTED_PEERS, false);
        return keysOf(component).stream().filter(present::containsKey).toList();
    }

    /** Every file of the site's ConfigMap, rendered for the cluster. */
    public static Map<String, String> render(WordPressSite site) {
        return render(site, ProxyNginxConfig.TRUSTED_PEERS);
    }

    /** @param forwarders the peers whose X-Forwarded-* the proxy believes (wpoven.policy.trusted-forwarders) */
    public static Map<String, String> render(WordPressSite site, List<String> forwarders) {
        return render(site, forwarders, false);
    }

    /** @param https the site's certificate is issued (SiteHttps): the proxy redirects to HTTPS and sends HSTS */
    public static Map<String, String> render(WordPressSite site, List<String> forwarders, boolean https) {
        Map<String, String> files = new TreeMap<>();
        renderers(site, StackLayout.inCluster(site), CONFIG_DIR, forwarders, https).forEach((key, renderer) -> files.put(key, renderer.get()));
        return files;
    }

    /**
     * Every file, for any layout: the stack test renders the same files for loopback. {@code configDir}: where the
     * daemons find these files (files name each other: the backend nginx its ModSecurity rules).
     */
    public static Map<String, String> render(WordPressSite site, StackLayout layout, String configDir) {
        Map<String, String> files = new TreeMap<>();
        renderers(site, layout, configDir, ProxyNginxConfig.TRUSTED_PEERS, false).forEach((key, renderer) -> files.put(key, renderer.get()));
        return files;
    }

    /** The WAF of the operator's nginx image (Debian's module and Core Rule Set), its rules in {@code configDir}. */
    public static Waf waf(String configDir) {
        return Waf.debian(configDir + "/" + MODSECURITY);
    }

    /** Hash of the files one component reads; on its pod template, so a change rolls exactly those pods. */
    public static String hash(WordPressSite site, Component component) {
        return hash(site, component, ProxyNginxConfig.TRUSTED_PEERS);
    }

    public static String hash(WordPressSite site, Component component, List<String> forwarders) {
        return hash(site, component, forwarders, false);
    }

    public static String hash(WordPressSite site, Component component, List<String> forwarders, boolean https) {
        Map<String, Supplier<String>> present = renderers(site, StackLayout.inCluster(site), CONFIG_DIR, forwarders, https);
        Map<String, String> mine = new TreeMap<>();
        for (String key : keysOf(component)) {
            if (present.containsKey(key)) {
                mine.put(key, present.get(key).get());
            }
        }
        if (component == Component.WORDPRESS || component == Component.CRON) {
            mine.put("WORDPRESS_CONFIG_EXTRA", wordpressConfigExtra(site));
        }
        return ConfigHash.of(mine);
    }

    /** The files this site has, each with its renderer: only the files asked for get rendered. */
    private static Map<String, Supplier<String>> renderers(WordPressSite site, StackLayout layout, String configDir,
            List<String> forwarders, boolean https) {
        Map<String, Supplier<String>> files = new TreeMap<>();
        files.put(PROXY_NGINX, () -> ProxyNginxConfig.render(site, layout, forwarders, https));
        files.put(VARNISH_VCL, () -> VarnishVcl.render(site, layout));
        if (WafSpec.on(site.getSpec().getWeb().getWaf())) {
            Waf waf = waf(configDir);
            files.put(BACKEND_NGINX, () -> BackendNginxConfig.render(site, layout, waf));
            files.put(MODSECURITY, () -> ModSecurityConfig.render(site, layout, waf));
        } else {
            files.put(BACKEND_NGINX, () -> BackendNginxConfig.render(site, layout));
        }
        files.put(FPM_POOL, () -> PhpFpmPoolConfig.render(site, layout));
        files.put(PHP_INI, () -> PhpIni.render(site, layout));
        files.put(PURGE_MU_PLUGIN, PurgeMuPlugin::render);
        files.put(WORDPRESS_INSTALL, WordPressInstaller::render);
        files.put(WORDPRESS_RUNTIME, WordPressInstaller::renderRuntime);
        // the same tests as the condition classes, written out: the stack test renders without JOSDK on its classpath
        if (Boolean.TRUE.equals(site.getSpec().getObjectCache().getEnabled())) {
            files.put(OBJECT_CACHE, ObjectCacheDropIn::render);
            files.put(REDIS_CONF, () -> RedisConfig.render(site, layout));
        }
        if (!AuthorizedKeys.inline(site).isEmpty()) {
            files.put(SSH_AUTHORIZED_KEYS, () -> AuthorizedKeys.render(site));
        }
        if (site.getSpec().getDatabase().getManaged() != null) {
            files.put(MY_CNF, () -> MariaDbConfig.render(MariaDbConfig.memoryBytes(site), layout));
        }
        return files;
    }

    /** PHP for the official image's WORDPRESS_CONFIG_EXTRA: URLs, proxy HTTPS detection, Redis settings. */
    public static String wordpressConfigExtra(WordPressSite site) {
        return WordPressConfigExtra.render(site, StackLayout.inCluster(site));
    }
}
