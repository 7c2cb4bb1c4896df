package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.FpmSpec;
import io.wpoven.operator.api.v1alpha1.spec.FpmSpec.ProcessManager;

class PhpFpmPoolConfigTest {

    private final WordPressSite site = site("blog", "blog.example.com");

    @Test
    void processManagerFollowsTheSpec() {
        FpmSpec fpm = site.getSpec().getWordpress().getFpm();
        fpm.setMaxChildren(24);
        fpm.setStartServers(4);
        fpm.setMinSpareServers(2);
        fpm.setMaxSpareServers(6);
        fpm.setMaxRequests(1000);

        assertThat(PhpFpmPoolConfig.render(site, StackLayout.inCluster(site)))
                .contains("pm = dynamic\n")
                .contains("pm.max_children = 24\n")
                .contains("pm.start_servers = 4\n")
                .contains("pm.min_spare_servers = 2\n")
                .contains("pm.max_spare_servers = 6\n")
                .contains("pm.max_requests = 1000\n");
    }

    @Test
    void staticAndOndemandCarryOnlyTheirSettings() {
        site.getSpec().getWordpress().getFpm().setPm(ProcessManager.STATIC);
        assertThat(PhpFpmPoolConfig.render(site, StackLayout.inCluster(site)))
                .contains("pm = static\n").contains("pm.max_children = 10\n").doesNotContain("spare");

        site.getSpec().getWordpress().getFpm().setPm(ProcessManager.ONDEMAND);
        assertThat(PhpFpmPoolConfig.render(site, StackLayout.inCluster(site)))
                .contains("pm = ondemand\n").contains("pm.process_idle_timeout = 10s").doesNotContain("spare");
    }

    @Test
    void listensInsideThePodAndKeepsTheEnvironment() {
        assertThat(PhpFpmPoolConfig.render(site, StackLayout.inCluster(site)))
                .startsWith("; PHP-FPM pool").contains("\n[www]\n")
                .contains("listen = 127.0.0.1:9000\n")
                .contains("pm.status_path = /fpm-status\n")
                .contains("ping.path = /fpm-ping\n")
                .contains("clear_env = no\n")
                .contains("catch_workers_output = yes\n")
                .contains("decorate_workers_output = no\n")
                // PHP may run 60 s; FPM stops a stuck worker a little later
                .contains("request_terminate_timeout = 70s\n")
                .doesNotContainPattern("(?m)^(user|group)\\s*=")
                .doesNotContain("{{");
    }

    @ParameterizedTest
    @EnumSource(ProcessManager.class)
    void phpFpmAcceptsIt(ProcessManager pm, @TempDir Path dir) throws IOException {
        site.getSpec().getWordpress().getFpm().setPm(pm);
        StackLayout layout = Processes.loopback(dir);
        Path file = Files.writeString(dir.resolve("php-fpm.conf"),
                PhpFpmPoolConfig.renderGlobal(layout) + "\n" + PhpFpmPoolConfig.render(site, layout));

        // -R: the test runs as root, the pods do not
        Processes.Result result = Processes.run(dir, "php-fpm8.2", "-t", "-R", "-y", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("test is successful").doesNotContain("WARNING");
    }
}
