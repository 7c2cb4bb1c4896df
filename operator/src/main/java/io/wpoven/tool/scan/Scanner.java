package io.wpoven.tool.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.wpoven.tool.ToolException;

/** Runs a signature scanner (yara, clamscan) over a list of files and turns its output into findings. */
abstract class Scanner {
    private final Duration timeout;

    Scanner(Duration timeout) {
        this.timeout = timeout;
    }

    /** What the scanner says of the files (absolute paths) listed in list. */
    abstract List<String> command(Path list);

    /** A finding from one line of output, or null for a line that is none. */
    abstract Finding parse(String line, Path root);

    /** Whether an exit code means the scan ran (clamscan exits 1 when it found something). */
    abstract boolean ran(int exit);

    List<Finding> scan(Path root, List<String> files, Path workDir) {
        if (files.isEmpty()) {
            return List.of();
        }
        try {
            Path list = Files.createTempFile(workDir, "scan-list-", ".txt");
            try {
                StringBuilder text = new StringBuilder();
                files.forEach(f -> text.append(root.resolve(f).toAbsolutePath()).append('\n'));
                Files.writeString(list, text, StandardCharsets.UTF_8);
                return run(command(list), root);
            } finally {
                Files.deleteIfExists(list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Finding> run(List<String> command, Path root) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ToolException(command.get(0) + " cannot run (" + e.getMessage() + "): is it installed?");
        }
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ToolException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ToolException(command.get(0) + " was interrupted");
        }
        if (!ran(process.exitValue())) {
            String stderr = err.join().strip();
            throw new ToolException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                    + (stderr.length() > 300 ? stderr.substring(0, 300) + "…" : stderr));
        }
        List<Finding> findings = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                Finding f = parse(line, root);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** path, absolute as the list gave it, relative to root again; null when it is outside. */
    static String relative(Path root, String path) {
        Path abs = root.toAbsolutePath();
        Path p = Path.of(path);
        return p.startsWith(abs) ? abs.relativize(p).toString() : null;
    }
}
