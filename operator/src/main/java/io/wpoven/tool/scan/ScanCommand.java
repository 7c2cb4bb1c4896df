package io.wpoven.tool.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;
import io.wpoven.tool.Log;
import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.files.Trees;

/**
 * {@code scan}: looks for malware in a WordPress site (docs/malware-scan.md) and, with ACTION=Quarantine, cleans it.
 * <ul>
 * <li>CONTENT_DIR: wp-content (required); EXCLUDE: globs relative to it that are not scanned;</li>
 * <li>CORE_DIR and CORE_MANIFEST: a WordPress core and the sha256 manifest of its exact version; a manifest path that
 * does not exist (an image without one) skips the core check and says so; PRISTINE_DIR: where Quarantine restores
 * modified or missing core files from (without it core files are reported only);</li>
 * <li>CLAMAV_DB: a ClamAV signature folder (optional: ClamAV runs only with one);</li>
 * <li>DB_*: the site's database, read only; SITE_DOMAINS, ALLOWED_ADMINS, TABLE_PREFIX for its checks;</li>
 * <li>SCAN_ID (default ARTIFACT_NAME, the Job's name): the quarantine folder's name; MAX_FILE_BYTES (16 MiB): larger
 * files are not given to the signature scanners.</li>
 * </ul>
 * Findings are no failure: the command exits 0 and lists them; it fails when a check could not run.
 */
public final class ScanCommand {
    static final Pattern PHP_NAME = Pattern.compile(".*\\.(php[0-9]?|phtml|phar|pht)$", Pattern.CASE_INSENSITIVE);
    static final String CONTENT = "wp-content/";

    public enum Action {
        Report, Quarantine
    }

    private ScanCommand() {
    }

    public static ScanResult run(Env env, Path workDir) throws SQLException {
        Trees.requireUtf8FileNames();
        long started = System.nanoTime();
        Path content = env.directory("CONTENT_DIR");
        if (!Files.isDirectory(content)) {
            throw new ConfigException("CONTENT_DIR", content + " is not a directory");
        }
        Action action = action(env);
        List<String> exclusions = env.list("EXCLUDE");
        long maxBytes = env.integer("MAX_FILE_BYTES", 16 << 20);
        Duration timeout = env.duration("SCAN_TIMEOUT").orElse(Duration.ofMinutes(30));
        ScanResult result = new ScanResult();

        // the files: wp-content's, and the core's when there is one (wp-content inside it is the same tree)
        List<String> contentFiles = FileSet.of(content, exclusions);
        Optional<Path> core = env.optional("CORE_DIR").map(Path::of);
        List<String> coreFiles = core.map(c -> FileSet.of(c, List.of("wp-content", "wp-content/**"))).orElse(List.of());
        result.filesScanned = contentFiles.size() + coreFiles.size();
        Log.info("scan: " + contentFiles.size() + " files in wp-content, " + coreFiles.size() + " in the core");

        List<Finding> findings = new ArrayList<>();
        // 1. the core against its manifest
        if (core.isPresent()) {
            Path manifest = Path.of(env.required("CORE_MANIFEST"));
            if (Files.isRegularFile(manifest)) {
                findings.addAll(CoreManifest.read(manifest).check(core.get()));
                result.checks.add("core");
            } else {
                result.checks.add("core skipped: no manifest at " + manifest);
            }
        }
        // 2. PHP where only media belongs
        contentFiles.stream().filter(f -> f.startsWith("uploads/") && PHP_NAME.matcher(f).matches())
                .forEach(f -> findings.add(new Finding(Finding.PHP_IN_UPLOADS, CONTENT + f, "uploads-php")));
        // 3. signatures: the project's YARA rules, and ClamAV with the platform's signatures
        List<String> small = sized(content, contentFiles, maxBytes);
        YaraScanner yara = new YaraScanner(YaraScanner.bundledRules(workDir), timeout);
        yara.scan(content, small, workDir).forEach(f -> findings.add(prefixed(f)));
        core.ifPresent(c -> findings.addAll(yara.scan(c, sized(c, coreFiles, maxBytes), workDir)));
        result.checks.add("yara");
        Optional<Path> clamDb = env.optional("CLAMAV_DB").map(Path::of);
        if (clamDb.isPresent()) {
            if (!Files.isDirectory(clamDb.get())) {
                throw new ConfigException("CLAMAV_DB", clamDb.get() + " is not a directory");
            }
            ClamScanner clam = new ClamScanner(clamDb.get(), timeout);
            clam.scan(content, small, workDir).forEach(f -> findings.add(prefixed(f)));
            core.ifPresent(c -> findings.addAll(clam.scan(c, sized(c, coreFiles, maxBytes), workDir)));
            result.checks.add("clamav");
        }
        // 4. the database, read only
        if (env.optional("DB_HOST").isPresent()) {
            Set<String> domains = new HashSet<>();
            env.list("SITE_DOMAINS").forEach(d -> domains.add(d.toLowerCase(Locale.ROOT)));
            if (domains.isEmpty()) {
                throw new ConfigException("SITE_DOMAINS", "is required to check the database");
            }
            DatabaseChecks checks = new DatabaseChecks(env.get("TABLE_PREFIX", "wp_"), domains,
                    new HashSet<>(env.list("ALLOWED_ADMINS")));
            try (Connection c = DbConfig.fromEnv(env, "DB_").connect()) {
                findings.addAll(checks.check(c));
            }
            result.checks.add("database");
        }
        findings.sort(Comparator.comparing(Finding::where).thenComparing(Finding::kind));
        result.findings.addAll(findings);

        if (action == Action.Quarantine) {
            clean(env, content, core, findings, result);
        }
        result.millis = (System.nanoTime() - started) / 1_000_000;
        Log.info("scan: " + result.filesScanned + " files, " + findings.size() + " findings " + result.classes()
                + ", " + result.quarantined.size() + " quarantined, " + result.restored.size() + " restored, "
                + result.millis + " ms");
        return result;
    }

    private static Action action(Env env) {
        String value = env.get("ACTION", "Report");
        try {
            return Action.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ACTION", "must be Report or Quarantine, not '" + value + "'");
        }
    }

    /** Infected files into the quarantine; modified and missing core files back from the pristine copy. */
    private static void clean(Env env, Path content, Optional<Path> core, List<Finding> findings, ScanResult result) {
        String id = env.optional("SCAN_ID").or(() -> env.optional("ARTIFACT_NAME"))
                .orElse("scan-" + Instant.now().getEpochSecond());
        Quarantine quarantine = new Quarantine(content, id);
        Optional<Path> pristine = env.optional("PRISTINE_DIR").map(Path::of);
        Set<String> done = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (!f.isFile() || !done.add(f.where())) {
                continue;
            }
            boolean inContent = f.where().startsWith(CONTENT);
            Path file = inContent ? content.resolve(f.where().substring(CONTENT.length())) : core.map(c -> c.resolve(f.where())).orElse(null);
            if (file == null) {
                continue;
            }
            boolean coreFile = !inContent && CoreManifest.covered(f.where()) && !Finding.CORE_UNKNOWN.equals(f.kind());
            if (!inContent && pristine.isEmpty()) {
                // a core tree without a pristine copy (the scan Job's copy of the image) is only reported
                continue;
            }
            if (Files.isRegularFile(file)) {
                quarantine.take(file, f.where(), f);
                result.quarantined.add(f.where());
            }
            if (coreFile) {
                Path source = pristine.get().resolve(f.where());
                if (Files.isRegularFile(source)) {
                    copy(source, file);
                    result.restored.add(f.where());
                }
            }
        }
        if (!result.quarantined.isEmpty()) {
            result.quarantineId = id;
        }
    }

    private static void copy(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Finding prefixed(Finding f) {
        return new Finding(f.kind(), CONTENT + f.where(), f.rule());
    }

    private static List<String> sized(Path root, List<String> files, long maxBytes) {
        return files.stream().filter(f -> {
            try {
                return Files.size(root.resolve(f)) <= maxBytes;
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }
}
