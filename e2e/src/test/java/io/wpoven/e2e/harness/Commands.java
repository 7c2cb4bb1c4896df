package io.wpoven.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a timeout and returns its exit code and output. */
public final class Commands {
    private Commands() {
    }

    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** Fails with the command's output when it did not exit 0. */
        public Result orThrow() {
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + "\nstdout:\n" + out
                        + "\nstderr:\n" + err);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " → exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    public static Result run(Duration timeout, String stdin, String... command) {
        return runWith(timeout, java.util.Map.of(), stdin, command);
    }

    /** The same with extra environment variables (e.g. PATH with a kubectl plugin's folder first). */
    public static Result runWith(Duration timeout, java.util.Map<String, String> env, String stdin, String... command) {
        try {
            Path out = Files.createTempFile("wpoven-cli", ".out");
            Path err = Files.createTempFile("wpoven-cli", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(Repo.root().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes());
                }
            }
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeout);
            }
            Result r = new Result(List.of(command), p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
