package io.wpoven.operator.config;

import static io.wpoven.operator.support.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.operator.api.v1alpha1.WordPressSite;

class VarnishParametersTest {

    @Test
    void masksThePrintfFormattedLogRecordsButKeepsTheGrouping() {
        assertThat(VarnishParameters.arguments()).containsExactly("-p", VarnishParameters.VSL_MASK);
        assertThat(VarnishParameters.VSL_MASK).startsWith("vsl_mask=")
                .contains("-Timestamp", "-ReqAcct", "-VCL_call", "-VCL_return", "-Hit")
                // varnishlog -g request groups by these; the request itself stays visible
                .doesNotContain("Begin", "End", "Link", "ReqURL", "ReqHeader", "RespStatus", "VCL_Log");
    }

    @Test
    void varnishAcceptsThem(@TempDir Path dir) throws IOException {
        WordPressSite site = site("blog", "blog.example.com");
        Path file = Files.writeString(dir.resolve("default.vcl"), VarnishVcl.render(site, Processes.loopback(dir)));
        List<String> command = new ArrayList<>(List.of("varnishd", "-j", "none", "-C", "-f", file.toString(),
                "-n", dir.resolve("n").toString()));
        command.addAll(VarnishParameters.arguments());
        Processes.Result result = Processes.run(dir, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();

        Processes.Result wrongTag = Processes.run(dir, "varnishd", "-j", "none", "-C", "-f", file.toString(),
                "-n", dir.resolve("n2").toString(), "-p", "vsl_mask=-NoSuchTag");
        assertThat(wrongTag.exitCode()).as("varnishd checks the tag names").isNotZero();
    }
}
