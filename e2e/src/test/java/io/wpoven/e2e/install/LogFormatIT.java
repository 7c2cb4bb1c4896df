package io.wpoven.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Repo;

/**
 * The chart's logFormat reaches the operator: with json, the packaged operator writes one JSON object per log
 * record (Quarkus' JSON logging), with text plain lines. No cluster: the operator is started with the env the
 * chart renders and a kubeconfig that does not exist, and its first records are read.
 */
class LogFormatIT {

    @Test
    void jsonLogFormatWritesOneJsonObjectPerRecord() throws Exception {
        for (String line : firstLines(envOf("json"), 3)) {
            JsonNode record = new ObjectMapper().readTree(line);
            assertThat(record.path("timestamp").asText()).as(line).isNotBlank();
            assertThat(record.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR", "DEBUG");
            assertThat(record.path("loggerName").asText()).as(line).isNotBlank();
            assertThat(record.has("message")).as(line).isTrue();
        }
    }

    @Test
    void textLogFormatWritesPlainLines() throws Exception {
        assertThat(firstLines(envOf("text"), 2)).allSatisfy(line -> assertThat(line).doesNotStartWith("{")
                .containsPattern("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (INFO|WARN|ERROR) "));
    }

    /** QUARKUS_LOG_* variables of the operator container as the chart renders them. */
    static Map<String, String> envOf(String logFormat) throws IOException {
        String rendered = Cli.helm(Duration.ofMinutes(2), "template", "wpo", ChartDocsIT.CHART.toString(),
                "--set", "logFormat=" + logFormat, "--show-only", "templates/deployment.yaml").orThrow().out();
        JsonNode env = new ObjectMapper(new YAMLFactory()).readTree(rendered)
                .at("/spec/template/spec/containers/0/env");
        Map<String, String> out = new java.util.HashMap<>();
        env.forEach(e -> {
            if (e.get("name").asText().startsWith("QUARKUS_LOG_")) {
                out.put(e.get("name").asText(), e.get("value").asText());
            }
        });
        assertThat(out).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", String.valueOf(logFormat.equals("json")));
        return out;
    }

    static List<String> firstLines(Map<String, String> env, int count) throws Exception {
        Path app = Repo.root().resolve("operator/target/quarkus-app/quarkus-run.jar");
        assertThat(app).as("the packaged operator (mvn -pl operator,e2e verify)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", app.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("KUBECONFIG", Files.createTempFile("none", ".kubeconfig").toString());
        pb.environment().put("QUARKUS_HTTP_PORT", "0");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() < count && (line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(lines).as("the operator's first log records").hasSize(count);
        return lines;
    }
}
