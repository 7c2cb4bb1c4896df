package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.PhpSpec;

class PhpIniTest {

    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void limitsFollowTheSpec() {
        PhpSpec php = site.getSpec().getWordpress().getPhp();
        php.setMemoryLimit("512M");
        php.setUploadMaxSize("128M");
        php.setMaxExecutionTime(120);
        php.setOpcacheMemory(256);

        assertThat(PhpIni.render(site, StackLayout.inCluster(site)))
                .contains("memory_limit = 512M\n")
                .contains("upload_max_filesize = 128M\n")
                .contains("post_max_size = 128M\n")
                .contains("max_execution_time = 120\n")
                .contains("opcache.memory_consumption = 256\n")
                .contains("opcache.interned_strings_buffer = 32\n");
    }

    @Test
    void opcacheNoticesPluginsInstalledAtRunTime() {
        assertThat(PhpIni.render(site, StackLayout.inCluster(site)))
                .contains("opcache.enable = 1\n")
                .contains("opcache.validate_timestamps = 1\n")
                .contains("opcache.revalidate_freq = 2\n")
                .contains("opcache.max_accelerated_files = ")
                .contains("expose_php = Off\n");
    }

    @Test
    void internedStringsAlwaysFitInOpcache() {
        assertThat(PhpIni.internedStringsMiB(16)).isEqualTo(2);
        assertThat(PhpIni.internedStringsMiB(128)).isEqualTo(16);
        assertThat(PhpIni.internedStringsMiB(4096)).isEqualTo(64);
    }

    /** The CLI always runs without a time limit, so max_execution_time is checked in the text only. */
    @Test
    void phpAppliesIt(@TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("php.ini"), PhpIni.render(site, Processes.loopback(dir)));
        Processes.Result result = Processes.run(dir, "php", "-c", ini.toString(), "-r",
                "foreach (['memory_limit', 'upload_max_filesize', 'post_max_size',"
                        + " 'session.save_path', 'upload_tmp_dir', 'opcache.memory_consumption',"
                        + " 'opcache.revalidate_freq'] as $k) { echo $k, '=', ini_get($k), PHP_EOL; }");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .doesNotContain("Warning")
                .contains("memory_limit=256M\n")
                .contains("upload_max_filesize=64M\n")
                .contains("post_max_size=64M\n")
                .contains("session.save_path=" + dir + "\n")
                .contains("upload_tmp_dir=" + dir + "\n")
                .contains("opcache.memory_consumption=128\n")
                .contains("opcache.revalidate_freq=2\n");
    }

    /**
     * A worker that included a file through the symlink of a Git-deployed folder, which is then switched by another
     * process (the deploy Job): with the rendered ini, its next include reads the new release (OPcache on, as in the
     * pods; revalidation at once here); with PHP's default realpath cache it would go on reading the old one.
     */
    @Test
    void aGitDeployedSiteSeesASwitchedSymlinkAtOnce(@TempDir Path dir) throws IOException {
        for (String v : new String[] { "r1", "r2" }) {
            Files.createDirectories(dir.resolve(v));
            Files.writeString(dir.resolve(v).resolve("x.php"), "<?php return '" + v + "';\n");
        }
        dir.resolve("r2/x.php").toFile().setLastModified(System.currentTimeMillis() + 5000);
        String script = "$p = '" + dir + "/cur/x.php'; echo include $p, ' ';"
                + " exec('cd " + dir + " && ln -s r2 next && mv -T next cur'); echo include $p, PHP_EOL;";
        var git = new io.wpoven.operator.api.v1alpha1.spec.GitCodeSpec();
        git.setRepository("https://git.example.com/theme.git");
        git.setPath("themes/acme");
        var code = new io.wpoven.operator.api.v1alpha1.spec.CodeSpec();
        code.setGit(git);
        for (boolean deployed : new boolean[] { false, true }) {
            site.getSpec().setCode(deployed ? code : null);
            Files.deleteIfExists(dir.resolve("cur"));
            Files.createSymbolicLink(dir.resolve("cur"), Path.of("r1"));
            Path ini = Files.writeString(dir.resolve("php.ini"), PhpIni.render(site, Processes.loopback(dir)));
            Processes.Result result = Processes.run(dir, "php", "-c", ini.toString(), "-d", "opcache.enable_cli=1",
                    "-d", "opcache.revalidate_freq=0", "-r", script);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).as("spec.code.git " + (deployed ? "set" : "absent"))
                    .isEqualTo(deployed ? "r1 r2\n" : "r1 r1\n");
        }
    }
}
