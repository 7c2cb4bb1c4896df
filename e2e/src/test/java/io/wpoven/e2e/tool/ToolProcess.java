package io.wpoven.e2e.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.wpoven.e2e.harness.Repo;

/**
 * The tool as the Jobs run it: {@code java -cp 'app/*:lib/main/*' io.wpoven.tool.WpovenTool <command>} from the
 * packaged operator (operator/target/quarkus-app, the image's /deployments), configured by environment only.
 */
final class ToolProcess {
    /** What a run left: exit code, stdout and the termination log's line. */
    record Run(int exit, String out, String result) {
        Run expectOk() {
            if (exit != 0) {
                throw new AssertionError("tool exited " + exit + ": " + result + "\n" + out);
            }
            return this;
        }
    }

    private ToolProcess() {
    }

    static Run run(String command, Map<String, String> env, Path workDir) {
        Path app = Repo.root().resolve("operator/target/quarkus-app");
        if (!Files.isDirectory(app.resolve("lib/main"))) {
            throw new IllegalStateException(app + " is missing: run mvn -pl operator package -DskipTests first");
        }
        try {
            Path termination = Files.createTempFile(workDir, "termination-", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*", "io.wpoven.tool.WpovenTool", command)
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().put("LANG", "C.UTF-8"); // as the Jobs set it: file names are UTF-8
            builder.environment().putAll(env);
            builder.environment().put("TERMINATION_LOG", termination.toString());
            builder.environment().put("WORK_DIR", workDir.resolve("work").toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the tool did not finish within 5 minutes:\n" + out);
            }
            System.out.println("--- tool " + command + " → " + process.exitValue() + "\n" + out);
            String result = Files.readString(termination).strip();
            Files.delete(termination);
            return new Run(process.exitValue(), out, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> secretsIn(Run run, Map<String, String> env) {
        return env.entrySet().stream().filter(e -> e.getKey().contains("PASSWORD") || e.getKey().contains("SECRET"))
                .map(Map.Entry::getValue).filter(v -> run.out().contains(v) || run.result().contains(v)).toList();
    }
}
