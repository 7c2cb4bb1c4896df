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
}
