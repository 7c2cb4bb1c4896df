package io.wpoven.tool.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.wpoven.tool.ToolException;

/**
 * The sha256 of every file of a pristine WordPress core, in {@code sha256sum}'s format ({@code <hex>  <path>}), so the
 * image build can write it with coreutils and {@code sha256sum -c} can read it. It covers everything but wp-content
 * (the site's own) and the per-site files (wp-config.php, .htaccess, .user.ini); symbolic links are followed, as the
 * image copies the core with {@code cp -rL}.
 */
public final class CoreManifest {
    /** Where the project's WordPress image keeps the manifest of its /usr/src/wordpress (images/wordpress). */
    public static final String IMAGE_PATH = "/usr/local/lib/wpoven/core.sha256";
    /** The folders where no file may be that the core did not ship. */
    static final List<String> CORE_FOLDERS = List.of("wp-admin", "wp-includes");
    static final Set<String> SITE_FILES = Set.of("wp-config.php", ".htaccess", ".user.ini");

    private final Map<String, String> sums;

    private CoreManifest(Map<String, String> sums) {
        this.sums = sums;
    }

    public Map<String, String> sums() {
        return sums;
    }

    public static CoreManifest build(Path core) {
        if (!Files.isRegularFile(core.resolve("wp-includes/version.php"))) {
            throw new ToolException(core + " is not a WordPress core (no wp-includes/version.php)");
        }
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> all = Files.walk(core, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String rel = core.relativize(file).toString();
                if (covered(rel)) {
                    sums.put(rel, sha256(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CoreManifest(sums);
    }

    /** Whether a path (relative to the web root) is core, that is in the manifest when pristine. */
    static boolean covered(String rel) {
        return !rel.equals("wp-content") && !rel.startsWith("wp-content/") && !SITE_FILES.contains(rel);
    }

    public static CoreManifest read(Path file) {
        Map<String, String> sums = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() < 67 || line.charAt(64) != ' ') {
                    throw new ToolException(file + " is not a sha256sum manifest: '" + line + "'");
                }
                // "<hex>  <path>" (text mode) or "<hex> *<path>" (binary mode)
                String path = line.substring(66);
                sums.put(path.startsWith("./") ? path.substring(2) : path, line.substring(0, 64));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CoreManifest(sums);
    }

    public void write(Path file) {
        StringBuilder out = new StringBuilder();
        sums.forEach((path, sum) -> out.append(sum).append("  ").append(path).append('\n'));
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * core against the manifest: files that differ, are missing, or sit in wp-admin/wp-includes (or are PHP at the top)
     * without being in it. Paths are relative to core.
     */
    public List<Finding> check(Path core) {
        List<Finding> findings = new ArrayList<>();
        sums.forEach((path, sum) -> {
            Path file = core.resolve(path);
            if (!Files.isRegularFile(file)) {
                findings.add(new Finding(Finding.CORE_MISSING, path, "core-manifest"));
            } else if (!sum.equals(sha256(file))) {
                findings.add(new Finding(Finding.CORE_MODIFIED, path, "core-manifest"));
            }
        });
        for (String folder : CORE_FOLDERS) {
            for (String rel : FileSet.of(core.resolve(folder), List.of())) {
                String path = folder + "/" + rel;
                if (!sums.containsKey(path)) {
                    findings.add(new Finding(Finding.CORE_UNKNOWN, path, "core-manifest"));
                }
            }
        }
        try (Stream<Path> top = Files.list(core)) {
            top.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".php") && covered(name) && !sums.containsKey(name))
                    .sorted().forEach(name -> findings.add(new Finding(Finding.CORE_UNKNOWN, name, "core-manifest")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
