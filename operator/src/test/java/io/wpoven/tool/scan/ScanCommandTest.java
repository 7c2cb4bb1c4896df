package io.wpoven.tool.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wpoven.tool.Env;

/**
 * The scan on real trees with the real scanners: Debian's wordpress package (WordPress 6.1 with its default theme and
 * plugins) as the stock site, the project's samples (test resources malware/samples) planted into a copy, Debian's
 * yara with the project's rules and Debian's clamscan with the project's test signatures.
 */
class ScanCommandTest {
    static final Path DEBIAN_WORDPRESS = Path.of("/usr/share/wordpress");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path pristine;
    static Path manifest;

    @TempDir
    Path tmp;
    Path live;
    Path content;
    Path work;

    @BeforeAll
    static void pristineCoreAndManifest() throws IOException {
        // as the WordPress image makes its core: Debian's tree with its symbolic links resolved
        pristine = shared.resolve("pristine");
        copy(DEBIAN_WORDPRESS, pristine);
        manifest = shared.resolve("core.sha256");
        ManifestCommand.run(new Env(Map.of("CORE_DIR", pristine.toString(), "MANIFEST_FILE", manifest.toString())));
    }

    @BeforeEach
    void liveSite() throws IOException {
        live = tmp.resolve("html");
        copy(pristine, live);
        content = live.resolve("wp-content");
        Files.createDirectories(content.resolve("uploads/2026/11"));
        Files.write(content.resolve("uploads/2026/11/photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, (byte) 0xd9});
        work = Files.createDirectories(tmp.resolve("work"));
    }

    @Test
    void theManifestHasEveryCoreFileAndIsWhatSha256sumWrites() throws Exception {
        CoreManifest read = CoreManifest.read(manifest);
        assertThat(read.sums()).containsKeys("wp-includes/version.php", "wp-login.php", "wp-admin/index.php")
                .doesNotContainKeys("wp-config.php", "wp-content/plugins/index.php");
        // sha256sum -c (coreutils) accepts it for the pristine tree, as the image's build makes it
        Process check = new ProcessBuilder("sha256sum", "--quiet", "-c", manifest.toString()).directory(pristine.toFile())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(out).isZero();
    }

    @Test
    void aStockWordPressWithItsDefaultThemesAndPluginsHasNoFindings() throws Exception {
        JsonNode result = scan(Map.of());
        assertThat(result.get("findings")).as(result.toString()).isEmpty();
        assertThat(result.get("findingsCount").asInt()).isZero();
        // every file of the core and of wp-content: Debian's package has about 2,600
        assertThat(result.get("filesScanned").asInt()).isGreaterThan(2500);
        assertThat(result.get("checks")).extracting(JsonNode::asText).containsExactly("core", "yara");
    }

    @Test
    void everyPlantedSampleIsReportedInItsClassAndNothingIsTouched() throws Exception {
        plant();
        JsonNode result = scan(Map.of());
        assertThat(findings(result)).containsExactlyInAnyOrder(
                tuple("core-modified", "wp-includes/version.php"),
                tuple("webshell", "wp-includes/version.php"),
                tuple("core-missing", "wp-admin/about.php"),
                tuple("core-unknown", "wp-includes/wp-vcd.php"),
                tuple("obfuscated-php", "wp-includes/wp-vcd.php"),
                tuple("webshell", "wp-content/plugins/hello-shell/shell.php"),
                tuple("webshell", "wp-content/themes/twentytwentythree/assert.php"),
                tuple("php-in-uploads", "wp-content/uploads/2026/11/loader.php"),
                tuple("obfuscated-php", "wp-content/uploads/2026/11/loader.php"),
                tuple("php-in-uploads", "wp-content/uploads/2026/11/image.jpg.php"),
                tuple("obfuscated-php", "wp-content/plugins/akismet/chain.php"),
                tuple("obfuscated-php", "wp-content/plugins/akismet/preg.php"),
                tuple("injected-js", "wp-content/themes/twentytwentythree/assets/loader.js"));
        assertThat(result.get("classes").get("obfuscated-php").asInt()).isEqualTo(4);
        assertThat(result.get("quarantined")).isEmpty();
        // Report changes nothing
        assertThat(content.resolve("plugins/hello-shell/shell.php")).exists();
        assertThat(live.resolve(Path.of("wp-includes/version.php"))).content().contains("$_COOKIE['k']");
        assertThat(content.resolve(Quarantine.FOLDER)).doesNotExist();
    }

    @Test
    void quarantineMovesInfectedFilesOutRestoresTheCoreAndUnquarantineGivesThemBack() throws Exception {
        plant();
        JsonNode result = scan(Map.of("ACTION", "Quarantine", "PRISTINE_DIR", pristine.toString(), "SCAN_ID", "scan-1"));
        assertThat(result.get("quarantineId").asText()).isEqualTo("scan-1");
        assertThat(result.get("quarantined")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "wp-includes/version.php", "wp-includes/wp-vcd.php",
                "wp-content/plugins/hello-shell/shell.php", "wp-content/themes/twentytwentythree/assert.php",
                "wp-content/uploads/2026/11/loader.php", "wp-content/uploads/2026/11/image.jpg.php",
                "wp-content/plugins/akismet/chain.php", "wp-content/plugins/akismet/preg.php",
                "wp-content/themes/twentytwentythree/assets/loader.js");
        assertThat(result.get("restored")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("wp-includes/version.php", "wp-admin/about.php");

        // the core is pristine again, the infected files are gone from the site, kept in the quarantine, owner-only
        assertThat(live.resolve("wp-includes/version.php")).hasSameBinaryContentAs(pristine.resolve("wp-includes/version.php"));
        assertThat(live.resolve("wp-admin/about.php")).hasSameBinaryContentAs(pristine.resolve("wp-admin/about.php"));
        assertThat(live.resolve("wp-includes/wp-vcd.php")).doesNotExist();
        assertThat(content.resolve("plugins/hello-shell/shell.php")).doesNotExist();
        assertThat(content.resolve("uploads/2026/11/photo.jpg")).exists();
        Path kept = content.resolve(Quarantine.FOLDER + "/scan-1/wp-content/plugins/hello-shell/shell.php");
        assertThat(kept).hasSameTextualContentAs(sample("webshell.php"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("r--------");
        assertThat(content.resolve(Quarantine.FOLDER + "/scan-1/wp-includes/version.php")).content().contains("$_COOKIE['k']");

        // the next scan finds nothing (the quarantine itself is never scanned)
        JsonNode again = scan(Map.of("ACTION", "Quarantine", "PRISTINE_DIR", pristine.toString(), "SCAN_ID", "scan-2"));
        assertThat(again.get("findings")).as(again.toString()).isEmpty();
        assertThat(again.has("quarantineId")).isFalse();

        // a file quarantined by mistake goes back where it was, byte for byte
        var back = UnquarantineCommand.run(new Env(Map.of("CONTENT_DIR", content.toString(), "QUARANTINE_ID", "scan-1",
                "FILES", "wp-content/plugins/hello-shell/shell.php")));
        assertThat(back.toJson()).contains("wp-content/plugins/hello-shell/shell.php");
        assertThat(content.resolve("plugins/hello-shell/shell.php")).hasSameTextualContentAs(sample("webshell.php"));
        assertThat(kept).doesNotExist();
    }

    @Test
    void exclusionsAreNotScanned() throws Exception {
        Files.createDirectories(content.resolve("uploads/cache"));
        Files.copy(sample("loader.php"), content.resolve("uploads/cache/loader.php"));
        Files.copy(sample("webshell.php"), content.resolve("plugins/shell.php"));
        JsonNode result = scan(Map.of("EXCLUDE", "uploads/cache/**"));
        assertThat(findings(result)).containsExactly(tuple("webshell", "wp-content/plugins/shell.php"));
    }

    @Test
    void clamAvWithAPlatformSignatureFolderFindsTheEicarTestFileAndAProjectSignature() throws Exception {
        // the EICAR test string, put together here so that no file in the repository is one
        String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        Files.writeString(content.resolve("uploads/2026/11/eicar.com"), eicar);
        Files.writeString(content.resolve("uploads/2026/11/notes.txt"), "a wpoven-malware-test-marker here");
        Path db = Files.createDirectories(tmp.resolve("clamav"));
        for (String name : List.of("wpoven.hdb", "wpoven.ndb")) {
            try (InputStream in = getClass().getResourceAsStream("/malware/clamav/" + name)) {
                Files.copy(in, db.resolve(name));
            }
        }
        JsonNode result = scan(Map.of("CLAMAV_DB", db.toString()));
        assertThat(result.get("findings")).extracting(f -> f.get("kind").asText(), f -> f.get("where").asText(),
                f -> f.get("rule").asText()).containsExactlyInAnyOrder(
                        tuple("clamav", "wp-content/uploads/2026/11/eicar.com", "clamav:Wpoven.Test.EICAR.UNOFFICIAL"),
                        tuple("clamav", "wp-content/uploads/2026/11/notes.txt", "clamav:Wpoven.Test.Marker.UNOFFICIAL"));
        assertThat(result.get("checks")).extracting(JsonNode::asText).containsExactly("core", "yara", "clamav");
    }

    @Test
    void anImageWithoutAManifestIsScannedWithoutTheCoreCheckAndSaysSo() throws Exception {
        JsonNode result = scan(Map.of("CORE_MANIFEST", tmp.resolve("none.sha256").toString()));
        assertThat(result.get("checks").get(0).asText()).startsWith("core skipped: no manifest");
        assertThat(result.get("findingsCount").asInt()).isZero();
    }

    @Test
    void fiveHundredFindingsAreCountedWholeAndTheListIsCutToFitTheTerminationMessage() throws Exception {
        Path dir = Files.createDirectories(content.resolve("plugins/many"));
        for (int i = 0; i < 500; i++) {
            Files.copy(sample("webshell.php"), dir.resolve("shell-" + i + ".php"));
        }
        String json = ScanCommand.run(env(Map.of()), work).toJson();
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        JsonNode result = JSON.readTree(json);
        assertThat(result.get("findingsCount").asInt()).isEqualTo(500);
        assertThat(result.get("classes").get("webshell").asInt()).isEqualTo(500);
        assertThat(result.get("truncated").asBoolean()).isTrue();
        assertThat(result.get("findings").size()).isBetween(1, 50);
    }

    /** The samples where attackers put them; a core file changed, one removed, one added. */
    private void plant() throws IOException {
        Files.createDirectories(content.resolve("plugins/hello-shell"));
        Files.copy(sample("webshell.php"), content.resolve("plugins/hello-shell/shell.php"));
        Files.copy(sample("assert-post.php"), content.resolve("themes/twentytwentythree/assert.php"));
        Files.copy(sample("loader.php"), content.resolve("uploads/2026/11/loader.php"));
        Files.copy(sample("fake-image.php"), content.resolve("uploads/2026/11/image.jpg.php"));
        Files.copy(sample("chain.php"), content.resolve("plugins/akismet/chain.php"));
        Files.copy(sample("preg-e.php"), content.resolve("plugins/akismet/preg.php"));
        Files.createDirectories(content.resolve("themes/twentytwentythree/assets"));
        Files.copy(sample("injected.js"), content.resolve("themes/twentytwentythree/assets/loader.js"));
        Files.write(live.resolve("wp-includes/version.php"), Files.readAllBytes(sample("core-backdoor.txt")),
                StandardOpenOption.APPEND);
        Files.delete(live.resolve("wp-admin/about.php"));
        Files.copy(sample("loader.php"), live.resolve("wp-includes/wp-vcd.php"));
    }

    private JsonNode scan(Map<String, String> more) throws Exception {
        return JSON.readTree(ScanCommand.run(env(more), work).toJson());
    }

    private Env env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("CONTENT_DIR", content.toString(), "CORE_DIR", live.toString(),
                "CORE_MANIFEST", manifest.toString()));
        env.putAll(more);
        return new Env(env);
    }

    private static List<org.assertj.core.groups.Tuple> findings(JsonNode result) {
        return java.util.stream.StreamSupport.stream(result.get("findings").spliterator(), false)
                .map(f -> tuple(f.get("kind").asText(), f.get("where").asText())).toList();
    }

    static Path sample(String name) {
        try {
            return Path.of(ScanCommandTest.class.getResource("/malware/samples/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** cp -rL: symbolic links resolved. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
