package io.wpoven.operator.config;

import static java.util.Map.entry;

import java.util.Map;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.PhpSpec;

/**
 * php.ini overrides (templates/php.ini) from {@code spec.wordpress.php}: memory, upload and time limits, OPcache
 * that still notices plugins installed at run time, and every temporary file under the layout's run dir.
 */
public final class PhpIni {
    private static final Template TEMPLATE = Template.load("php.ini");

    private PhpIni() {
    }

    public static String render(WordPressSite site, StackLayout layout) {
        PhpSpec php = site.getSpec().getWordpress().getPhp();
        return TEMPLATE.render(Map.ofEntries(
                entry("memoryLimit", php.getMemoryLimit()),
                entry("uploadMaxSize", php.getUploadMaxSize()),
                entry("maxExecutionTime", php.getMaxExecutionTime()),
                entry("opcacheMemory", php.getOpcacheMemory()),
                entry("opcacheInternedStrings", internedStringsMiB(php.getOpcacheMemory())),
                entry("runDir", layout.runDir()))) + (gitDeployed(site) ? GIT_DEPLOYED : "");
    }

    /**
     * A site with Git deployment (docs/git-deploy.md) switches a folder by renaming a symlink. PHP's realpath cache
     * keeps each worker's old resolution of it for realpath_cache_ttl (120 s), so workers would go on compiling the
     * old release, each at its own time; without the cache every include resolves the symlink as it is now, and the
     * shared OPcache turns to the new files at its next revalidation (opcache.revalidate_freq) for every worker.
     */
    static final String GIT_DEPLOYED = """

            ; Git deployment switches a symlink: resolve it anew on every include (docs/git-deploy.md)
            realpath_cache_size = 0
            """;

    static boolean gitDeployed(WordPressSite site) {
        return site.getSpec().getCode() != null && site.getSpec().getCode().getGit() != null;
    }

    /** An eighth of OPcache (16 MiB of the default 128), at most 64: it must fit inside opcache.memory_consumption. */
    static int internedStringsMiB(int opcacheMemoryMiB) {
        return Math.min(64, opcacheMemoryMiB / 8);
    }
}
