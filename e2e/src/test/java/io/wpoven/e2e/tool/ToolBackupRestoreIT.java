package io.wpoven.e2e.tool;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.wpoven.e2e.stack.Exec;
import io.wpoven.tool.Manifest;
import io.wpoven.tool.Owner;
import io.wpoven.tool.Signing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * backup, restore and retention with the packaged tool against a real MariaDB holding a WordPress site, a real
 * wp-content directory, a volume directory and a real S3 server (versitygw).
 */
@Exclusive.LoopbackDaemons
class ToolBackupRestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "live";
    private static ToolStack stack;
    private static Path files;
    private static Path volume;

    @BeforeAll
    static void start() throws IOException {
        stack = ToolStack.start();
        stack.installWordPress(DB, ToolStack.LIVE_URL);
        files = Files.createDirectories(stack.root.resolve("wp-content"));
        Files.createDirectories(files.resolve("uploads/2026/11"));
        Files.write(files.resolve("uploads/2026/11/photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1, 2, (byte) 0xd9});
        Files.writeString(files.resolve("uploads/ünïcödé name.txt"), "multibyte ☕");
        Files.createDirectories(files.resolve("themes/child"));
        Files.writeString(files.resolve("themes/child/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(files.resolve("themes/child/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(files.resolve("themes/current"), Path.of("child"));
        volume = Files.createDirectories(stack.root.resolve("backups"));
        // binary data and a zero date, which a dump must carry exactly
        try (Connection c = stack.connect(DB); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wp_binary (id INT PRIMARY KEY, data LONGBLOB, d DATETIME, f DOUBLE, n DECIMAL(10,3))");
            s.execute("INSERT INTO wp_binary VALUES (1, 0x00FF27225C0A0D1A, '0000-00-00 00:00:00', 1.25e-7, -12.5),"
                    + " (2, NULL, NULL, NULL, NULL), (3, '', '2026-01-02 03:04:05', 0, 0)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The site's signing key (ARTIFACT_HMAC_KEY) and the Backup whose Job runs the tool (OWNER_*). */
    static final String KEY = "it-signing-key-0123456789abcdef";
    static final Owner OWNER = new Owner("Backup", "shop", "site1-backup", "uid-site1-backup");

    private static Map<String, String> env(Map<String, String> storage, String... more) {
        Map<String, String> env = new HashMap<>(stack.dbEnv("DB_", DB));
        env.put(Signing.ENV, KEY);
        env.put("OWNER_KIND", OWNER.kind());
        env.put("OWNER_NAMESPACE", OWNER.namespace());
        env.put("OWNER_NAME", OWNER.name());
        env.put("OWNER_UID", OWNER.uid());
        env.put("FILES_DIR", files.toString());
        env.putAll(storage);
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static Map<String, String> pvc() {
        return Map.of("STORAGE_TYPE", "pvc", "STORAGE_PATH", volume.toString(), "STORAGE_PREFIX", "site1");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static void damage() throws IOException, SQLException {
        try (Connection c = stack.connect(DB); Statement s = c.createStatement()) {
            s.execute("DROP TABLE wp_posts");
            s.execute("UPDATE wp_options SET option_value = 'damaged' WHERE option_name = 'blogname'");
            s.execute("DELETE FROM wp_binary WHERE id = 1");
            s.execute("CREATE TABLE wp_extra (id INT PRIMARY KEY)");
        }
        Files.delete(files.resolve("uploads/2026/11/photo.jpg"));
        Files.writeString(files.resolve("uploads/stray.txt"), "not in the backup");
    }

    @Test
    void roundTripThroughAVolumeAndThroughS3() throws Exception {
        Map<String, String> sums = stack.checksums(DB);
        Map<String, String> prints = ToolStack.fingerprint(files);
        String bucket = stack.s3.bucket("roundtrip");

        ToolProcess.Run pvcBackup = ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "rt-1", "SITE_NAME", "site1"),
                stack.root).expectOk();
        JsonNode result = json(pvcBackup.result());
        assertThat(result.get("command").asText()).isEqualTo("backup");
        assertThat(result.get("artifact").asText()).isEqualTo("rt-1");
        assertThat(result.get("files")).extracting(JsonNode::asText)
                .containsExactly("database.sql.gz", "wp-content.tar.gz", "manifest.json");
        JsonNode manifest = JSON.readTree(volume.resolve("site1/rt-1/manifest.json").toFile());
        assertThat(manifest.get("site").asText()).isEqualTo("site1");
        assertThat(manifest.get("compression").asText()).isEqualTo("gzip");
        assertThat(Instant.parse(manifest.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        for (JsonNode file : manifest.get("files")) {
            byte[] data = Files.readAllBytes(volume.resolve("site1/rt-1").resolve(file.get("name").asText()));
            assertThat(data.length).isEqualTo(file.get("size").asLong());
            assertThat(ToolStack.sha256(data)).isEqualTo(file.get("sha256").asText());
        }
        assertThat(manifest.get("database").get("tables")).anySatisfy(t -> {
            assertThat(t.get("name").asText()).isEqualTo("wp_binary");
            assertThat(t.get("rows").asLong()).isEqualTo(3);
        });

        ToolProcess.Run s3Backup = ToolProcess.run("backup", env(stack.s3.env(bucket, "sites/site1"),
                "ARTIFACT_NAME", "rt-2", "SITE_NAME", "site1", "COMPRESSION", "none"), stack.root).expectOk();
        assertThat(json(s3Backup.result()).get("files")).extracting(JsonNode::asText)
                .containsExactly("database.sql", "wp-content.tar", "manifest.json");
        assertThat(Files.exists(stack.s3.object(bucket, "sites/site1/rt-2/manifest.json"))).isTrue();
        assertThat(ToolProcess.secretsIn(s3Backup, env(stack.s3.env(bucket, "sites/site1")))).isEmpty();

        damage();
        assertThat(stack.checksums(DB)).isNotEqualTo(sums);
        ToolProcess.Run restore = ToolProcess.run("restore", env(pvc(), "ARTIFACT_NAME", "rt-1"), stack.root).expectOk();
        assertThat(json(restore.result()).get("command").asText()).isEqualTo("restore");
        assertThat(stack.checksums(DB)).isEqualTo(sums);
        assertThat(ToolStack.fingerprint(files)).isEqualTo(prints);
        assertThat(stack.db.sql("SELECT HEX(data), d, f, n FROM live.wp_binary WHERE id = 1").strip())
                .isEqualTo("00FF27225C0A0D1A\t0000-00-00 00:00:00\t0.000000125\t-12.500");

        damage();
        ToolProcess.run("restore", env(stack.s3.env(bucket, "sites/site1"), "ARTIFACT_NAME", "rt-2"), stack.root).expectOk();
        assertThat(stack.checksums(DB)).isEqualTo(sums);
        assertThat(ToolStack.fingerprint(files)).isEqualTo(prints);
        assertThat(stack.db.sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'live'"
                + " AND TABLE_NAME LIKE '\\_wp%'")).isBlank();
    }

    @Test
    void damagedArtifactsAreRefusedBeforeAnythingIsTouched() throws Exception {
        String bucket = stack.s3.bucket("damaged");
        ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "good"), stack.root).expectOk();
        ToolProcess.run("backup", env(stack.s3.env(bucket, ""), "ARTIFACT_NAME", "good-s3"), stack.root).expectOk();
        // the site changes after the backups: a refused restore must leave these changes in place
        try (Connection c = stack.connect(DB); Statement s = c.createStatement()) {
            s.execute("UPDATE wp_options SET option_value = 'changed after backup' WHERE option_name = 'blogdescription'");
        }
        Files.writeString(files.resolve("uploads/after-backup.txt"), "new");
        Map<String, String> sums = stack.checksums(DB);
        Map<String, String> prints = ToolStack.fingerprint(files);

        // one byte flipped in the archive
        copyArtifact("good", "corrupted");
        Path tar = volume.resolve("site1/corrupted/wp-content.tar.gz");
        byte[] data = Files.readAllBytes(tar);
        data[data.length / 2] ^= 0x40;
        Files.write(tar, data);
        expectRefused(env(pvc(), "ARTIFACT_NAME", "corrupted"), "sha256 mismatch for wp-content.tar.gz");

        // the dump cut short
        copyArtifact("good", "truncated");
        Path dump = volume.resolve("site1/truncated/database.sql.gz");
        byte[] whole = Files.readAllBytes(dump);
        Files.write(dump, java.util.Arrays.copyOf(whole, whole.length / 2));
        expectRefused(env(pvc(), "ARTIFACT_NAME", "truncated"), "size mismatch for database.sql.gz");

        // cut short and its manifest rewritten to match: the manifest's HMAC (the site's key) no longer fits
        copyArtifact("good", "truncated-consistent");
        Path cut = volume.resolve("site1/truncated-consistent/database.sql.gz");
        byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(cut), whole.length / 2);
        Files.write(cut, half);
        Path manifestFile = volume.resolve("site1/truncated-consistent/manifest.json");
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
        for (JsonNode file : manifest.get("files")) {
            if (file.get("name").asText().equals("database.sql.gz")) {
                ((ObjectNode) file).put("size", half.length).put("sha256", ToolStack.sha256(half));
            }
        }
        JSON.writeValue(manifestFile.toFile(), manifest);
        expectRefused(env(pvc(), "ARTIFACT_NAME", "truncated-consistent"), "its manifest has a wrong HMAC");
        // and without an HMAC at all: written by someone else than the site's backups
        manifest.remove("hmac");
        JSON.writeValue(manifestFile.toFile(), manifest);
        expectRefused(env(pvc(), "ARTIFACT_NAME", "truncated-consistent"), "its manifest carries no HMAC");
        // signed with the site's key after all (a backup cut short that lied): reading the gzip stream to its end finds it
        Files.write(manifestFile, Manifest.parse("x", Files.readAllBytes(manifestFile)).signed(new Signing(KEY)).toJson());
        expectRefused(env(pvc(), "ARTIFACT_NAME", "truncated-consistent"),
                "database.sql.gz in artifact truncated-consistent is not readable to its end");
        // a valid HMAC, but under another key (another site's backups)
        expectRefused(env(pvc(), "ARTIFACT_NAME", "good", Signing.ENV, "another-sites-key-0123456789"),
                "its manifest has a wrong HMAC");

        // no manifest: an incomplete artifact
        copyArtifact("good", "incomplete");
        Files.delete(volume.resolve("site1/incomplete/manifest.json"));
        expectRefused(env(pvc(), "ARTIFACT_NAME", "incomplete"), "has no manifest.json");

        // damaged in the bucket, behind the S3 server's back
        Path object = stack.s3.object(bucket, "good-s3/database.sql.gz");
        byte[] stored = Files.readAllBytes(object);
        stored[10] ^= 0x01;
        Files.write(object, stored);
        expectRefused(env(stack.s3.env(bucket, ""), "ARTIFACT_NAME", "good-s3"), "sha256 mismatch for database.sql.gz");

        assertThat(stack.checksums(DB)).isEqualTo(sums);
        assertThat(ToolStack.fingerprint(files)).isEqualTo(prints);
        Files.delete(files.resolve("uploads/after-backup.txt"));
    }

    private void expectRefused(Map<String, String> env, String message) {
        ToolProcess.Run run = ToolProcess.run("restore", env, stack.root);
        assertThat(run.exit()).isEqualTo(1);
        JsonNode result = json(run.result());
        assertThat(result.get("command").asText()).isEqualTo("restore");
        assertThat(result.get("error").asText()).contains(message);
    }

    private static void copyArtifact(String from, String to) throws IOException {
        Path source = volume.resolve("site1").resolve(from);
        Path target = Files.createDirectories(volume.resolve("site1").resolve(to));
        try (Stream<Path> list = Files.list(source)) {
            for (Path file : list.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        // renamed in its manifest too, and signed again with the site's key (as the site's own backup would be)
        Path manifest = target.resolve("manifest.json");
        Manifest m = Manifest.parse(from, Files.readAllBytes(manifest));
        Files.write(manifest, new Manifest(to, m.site(), m.createdAt(), m.compression(), m.files(), m.database(), m.owner())
                .signed(new Signing(KEY)).toJson());
    }

    @Test
    void retentionKeepsWhatThePolicySays() throws Exception {
        Path dir = Files.createDirectories(volume.resolve("retention"));
        Instant now = Instant.now();
        // complete artifacts of various ages (as their manifests say), two incomplete ones
        for (int days : new int[] {1, 3, 5, 8, 40}) {
            fakeArtifact(dir, "daily-" + days, now.minus(Duration.ofDays(days)));
        }
        Path dead = Files.createDirectories(dir.resolve("dead"));
        Files.write(dead.resolve(Owner.FILE_NAME), OWNER.toJson(new Signing(KEY)));
        Files.writeString(dead.resolve("database.sql.gz"), "partial");
        Files.setLastModifiedTime(dead.resolve("database.sql.gz"), FileTime.from(now.minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(dead.resolve(Owner.FILE_NAME), FileTime.from(now.minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(dead, FileTime.from(now.minus(Duration.ofHours(2))));
        Path running = Files.createDirectories(dir.resolve("running"));
        Files.write(running.resolve(Owner.FILE_NAME), OWNER.toJson(new Signing(KEY)));
        Files.writeString(running.resolve("database.sql.gz"), "being written");
        // what is not provably this Backup's: a folder without an owner record, another Backup's, a forged manifest
        Path stranger = Files.createDirectories(dir.resolve("stranger"));
        Files.writeString(stranger.resolve("database.sql.gz"), "someone else's");
        Files.setLastModifiedTime(stranger.resolve("database.sql.gz"), FileTime.from(now.minus(Duration.ofDays(9))));
        fakeArtifact(dir, "other-backups", now.minus(Duration.ofDays(50)), new Owner("Backup", "shop", "b2", "uid-b2"), KEY);
        fakeArtifact(dir, "forged", now.minus(Duration.ofDays(50)), OWNER, "not-the-sites-key-0123456789");
        List<String> foreign = List.of("stranger", "other-backups", "forged");

        Map<String, String> storage = Map.of("STORAGE_TYPE", "pvc", "STORAGE_PATH", volume.toString(), "STORAGE_PREFIX",
                "retention");
        ToolProcess.Run run = ToolProcess.run("retention", env(storage, "KEEP_LAST", "3", "MAX_AGE", "30d"), stack.root)
                .expectOk();
        assertThat(json(run.result()).get("deleted")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("daily-8", "daily-40", "dead");
        assertThat(names(dir)).containsExactlyInAnyOrder("daily-1", "daily-3", "daily-5", "running", "stranger",
                "other-backups", "forged");

        ToolProcess.run("retention", env(storage, "MAX_AGE", "2d"), stack.root).expectOk();
        assertThat(names(dir)).containsExactlyInAnyOrder("daily-1", "running", "stranger", "other-backups", "forged");

        // everything too old: the newest complete artifact stays all the same
        ToolProcess.run("retention", env(storage, "MAX_AGE", "1h"), stack.root).expectOk();
        assertThat(names(dir)).containsExactlyInAnyOrder("daily-1", "running", "stranger", "other-backups", "forged");

        ToolProcess.Run bad = ToolProcess.run("retention", env(storage, "MAX_AGE", "soon"), stack.root);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(json(bad.result()).get("error").asText()).contains("MAX_AGE");
        // purge (a Backup deleted with deletionPolicy Delete): its own artifacts go, and only those
        Path other = Files.createDirectories(volume.resolve("other-backup"));
        fakeArtifact(other, "keep-me", now);
        ToolProcess.Run purge = ToolProcess.run("purge", env(storage), stack.root).expectOk();
        assertThat(json(purge.result()).get("deleted")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("daily-1", "running");
        assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(foreign);
        assertThat(names(other)).containsExactly("keep-me");
    }

    @Test
    void backupAppliesRetentionInS3() throws Exception {
        String bucket = stack.s3.bucket("keep");
        Map<String, String> s3 = stack.s3.env(bucket, "p");
        for (int i = 1; i <= 3; i++) {
            ToolProcess.Run run = ToolProcess.run("backup", env(s3, "ARTIFACT_NAME", "b" + i, "KEEP_LAST", "2",
                    "INCLUDE_FILES", "false"), stack.root).expectOk();
            assertThat(json(run.result()).get("files")).extracting(JsonNode::asText)
                    .containsExactly("database.sql.gz", "manifest.json");
            assertThat(json(run.result()).get("deleted")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(i == 3 ? List.of("b1") : List.of());
        }
        assertThat(names(stack.s3.object(bucket, "p"))).containsExactlyInAnyOrder("b2", "b3");
    }

    @Test
    void s3OverTlsTrustsTheGivenCaOnly() throws Exception {
        try (S3Server tls = S3Server.start(Files.createDirectories(stack.root.resolve("tls")), true)) {
            String bucket = tls.bucket("tls");
            ToolProcess.Run run = ToolProcess.run("backup", env(tls.env(bucket, ""), "ARTIFACT_NAME", "over-tls",
                    "INCLUDE_FILES", "false"), stack.root).expectOk();
            assertThat(json(run.result()).get("files")).extracting(JsonNode::asText)
                    .containsExactly("database.sql.gz", "manifest.json");
            assertThat(Files.exists(tls.object(bucket, "over-tls/manifest.json"))).isTrue();
            // without the CA the server's certificate is not trusted
            Map<String, String> untrusted = env(tls.env(bucket, ""), "ARTIFACT_NAME", "untrusted", "INCLUDE_FILES", "false");
            untrusted.remove("S3_CA_FILE");
            ToolProcess.Run refused = ToolProcess.run("backup", untrusted, stack.root);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(json(refused.result()).get("error").asText()).contains("S3");
        }
    }

    @Test
    void restoreUnderAnotherDomainRewritesUrls() throws Exception {
        stack.db.createDatabase("copy", ToolStack.DB_USER, stack.dbPassword);
        ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "for-copy", "INCLUDE_FILES", "false"), stack.root).expectOk();
        Map<String, String> restore = env(pvc(), "ARTIFACT_NAME", "for-copy", "FROM_URL", ToolStack.LIVE_URL,
                "TO_URL", "https://copy.example.test");
        restore.putAll(stack.dbEnv("DB_", "copy"));
        ToolProcess.Run run = ToolProcess.run("restore", restore, stack.root).expectOk();
        assertThat(json(run.result()).get("changes").asLong()).isGreaterThan(5);
        assertThat(json(run.result()).get("files")).extracting(JsonNode::asText).containsExactly("database.sql.gz");
        JsonNode copy = JSON.readTree(stack.php("copy", "read.php"));
        assertThat(copy.get("broken")).isEmpty();
        assertThat(copy.get("home").asText()).isEqualTo("https://copy.example.test");
        assertThat(copy.get("objectC").asText()).isEqualTo("Ünï https://copy.example.test/c");
        assertThat(JSON.readTree(stack.php(DB, "read.php")).get("home").asText()).isEqualTo(ToolStack.LIVE_URL);
    }

    @Test
    void badConfigurationNamesTheVariable() {
        ToolProcess.Run run = ToolProcess.run("backup", Map.of("STORAGE_TYPE", "pvc"), stack.root);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(json(run.result()).get("error").asText()).contains("ARTIFACT_NAME");
        ToolProcess.Run s3 = ToolProcess.run("backup", env(Map.of("STORAGE_TYPE", "s3"), "ARTIFACT_NAME", "x"), stack.root);
        assertThat(s3.exit()).isEqualTo(2);
        assertThat(json(s3.result()).get("error").asText()).contains("S3_ENDPOINT");
        // without a UTF-8 locale the JVM would mangle non-ASCII file names: refused
        ToolProcess.Run ascii = ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "x", "LANG", "C"), stack.root);
        assertThat(ascii.exit()).isEqualTo(2);
        assertThat(json(ascii.result()).get("error").asText()).contains("LANG");
    }

    @Test
    void importLoadsAStandardMysqldumpAndRefusesAnythingElse() throws Exception {
        Path dump = stack.root.resolve("live-mysqldump.sql");
        Exec.run(List.of("mariadb-dump", "--no-defaults", "-h127.0.0.1", "-P" + stack.db.port(), "-u" + ToolStack.DB_USER,
                "-p" + stack.dbPassword, "--hex-blob", "--single-transaction", "--result-file=" + dump, DB), Map.of(),
                stack.root, Duration.ofSeconds(60));
        String text = Files.readString(dump);
        assertThat(text).contains("LOCK TABLES").contains("/*!40101").contains("DROP TABLE IF EXISTS");
        stack.db.createDatabase("imported", ToolStack.DB_USER, stack.dbPassword);
        try (Connection c = stack.connect("imported"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wp_leftover (id INT PRIMARY KEY)");
        }
        Map<String, String> importEnv = new HashMap<>(stack.dbEnv("DB_", "imported"));
        importEnv.put("IMPORT_FILE", dump.toString());
        ToolProcess.Run run = ToolProcess.run("import", importEnv, stack.root).expectOk();
        assertThat(json(run.result()).get("tables")).extracting(JsonNode::asText).contains("wp_options", "wp_binary");
        assertThat(stack.checksums("imported")).isEqualTo(stack.checksums(DB));

        // a statement mysqldump does not write refuses the whole file before anything is swapped in
        Map<String, String> before = stack.checksums("imported");
        for (String evil : List.of("SET GLOBAL general_log = 1;", "INSERT INTO `wp_options` SELECT * FROM mysql.user;",
                "CREATE TABLE `wp_x` (`a` int) ENGINE=CONNECT TABLE_TYPE=DOS FILE_NAME='/etc/passwd';",
                "GRANT ALL ON *.* TO 'wordpress'@'%';", "DROP TABLE `wp_users`;")) {
            Path bad = stack.root.resolve("evil.sql");
            Files.writeString(bad, text + "\n" + evil + "\n");
            importEnv.put("IMPORT_FILE", bad.toString());
            ToolProcess.Run refused = ToolProcess.run("import", importEnv, stack.root);
            assertThat(refused.exit()).as(evil).isEqualTo(1);
            assertThat(json(refused.result()).get("error").asText()).contains("refused");
            assertThat(stack.checksums("imported")).isEqualTo(before);
        }
    }

    /**
     * A site made elsewhere, as a host hands it over: a stock mysqldump (gzipped) and {@code tar czf} of wp-content,
     * in a folder of an S3 bucket. Both go in together, the old address rewritten, the old files gone.
     */
    @Test
    void importBringsADumpAndAContentArchiveFromS3WithTheAddressRewritten() throws Exception {
        String bucket = stack.s3.bucket("imports");
        Path folder = Files.createDirectories(stack.s3.object(bucket, "handover/oldblog"));
        Exec.run(List.of("sh", "-c", "mariadb-dump --no-defaults -h127.0.0.1 -P" + stack.db.port() + " -u" + ToolStack.DB_USER
                + " -p\"$PW\" --hex-blob --single-transaction " + DB + " | gzip > " + folder.resolve("oldblog.sql.gz")),
                Map.of("PW", stack.dbPassword), stack.root, Duration.ofSeconds(60));
        Exec.run(List.of("tar", "czf", folder.resolve("wp-content.tar.gz").toString(), "-C", stack.root.toString(),
                "wp-content"), Map.of(), stack.root, Duration.ofSeconds(60));
        Map<String, String> prints = ToolStack.fingerprint(files);
        stack.db.createDatabase("imported2", ToolStack.DB_USER, stack.dbPassword);
        Path content = Files.createDirectories(stack.root.resolve("imported-content"));
        Files.writeString(content.resolve("hello.txt"), "the new site's own file, replaced by the import");

        Map<String, String> env = new HashMap<>(stack.dbEnv("DB_", "imported2"));
        env.putAll(stack.s3.env(bucket, "handover"));
        env.putAll(Map.of("IMPORT_FOLDER", "oldblog", "IMPORT_DATABASE", "oldblog.sql.gz", "IMPORT_CONTENT",
                "wp-content.tar.gz", "FILES_DIR", content.toString(), "FROM_URL", ToolStack.LIVE_URL,
                "TO_URL", "https://imported.example.test"));
        ToolProcess.Run run = ToolProcess.run("import", env, stack.root).expectOk();
        assertThat(json(run.result()).get("files")).extracting(JsonNode::asText)
                .containsExactly("oldblog.sql.gz", "wp-content.tar.gz");
        assertThat(json(run.result()).get("changes").asLong()).isGreaterThan(5);
        assertThat(ToolStack.fingerprint(content)).as("wp-content: the archive's, nothing else").isEqualTo(prints);
        JsonNode imported = JSON.readTree(stack.php("imported2", "read.php"));
        assertThat(imported.get("broken")).isEmpty();
        assertThat(imported.get("home").asText()).isEqualTo("https://imported.example.test");
        assertThat(imported.get("objectC").asText()).isEqualTo("Ünï https://imported.example.test/c");
        assertThat(ToolProcess.secretsIn(run, env)).isEmpty();

        // a file name that is a path is refused, naming the variable, before anything is read
        env.put("IMPORT_DATABASE", "../oldblog/oldblog.sql.gz");
        ToolProcess.Run refused = ToolProcess.run("import", env, stack.root);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(json(refused.result()).get("error").asText()).contains("IMPORT_DATABASE");
    }

    @Test
    void rowsNearTheServersPacketLimitBackUpAndRestore() throws Exception {
        long packet = Long.parseLong(stack.db.sql("SELECT @@max_allowed_packet").strip());
        stack.db.createDatabase("big", ToolStack.DB_USER, stack.dbPassword);
        byte[] blob = new byte[(int) Math.min(packet * 3 / 4, 12 << 20)]; // as hex in the dump: 1.5 × the packet limit
        new java.util.Random(7).nextBytes(blob);
        String text = "ü".repeat(blob.length / 4) + "'\\\n";
        try (Connection c = stack.connect("big"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wp_big (id INT PRIMARY KEY, data LONGBLOB, body LONGTEXT) DEFAULT CHARSET=utf8mb4");
            try (var insert = c.prepareStatement("INSERT INTO wp_big VALUES (?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setBytes(2, blob);
                insert.setNull(3, java.sql.Types.VARCHAR);
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setNull(2, java.sql.Types.BLOB);
                insert.setString(3, text);
                insert.executeUpdate();
            }
        }
        Map<String, String> sums = stack.checksums("big");
        Map<String, String> big = new HashMap<>(env(pvc(), "ARTIFACT_NAME", "big-rows", "INCLUDE_FILES", "false"));
        big.putAll(stack.dbEnv("DB_", "big"));
        ToolProcess.run("backup", big, stack.root).expectOk();
        try (Connection c = stack.connect("big"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM wp_big");
        }
        ToolProcess.run("restore", big, stack.root).expectOk();
        assertThat(stack.checksums("big")).isEqualTo(sums);
    }

    @Test
    void searchReplaceOverATableLargerThanTheHeapStreams() throws Exception {
        stack.db.createDatabase("large", ToolStack.DB_USER, stack.dbPassword);
        // 320 rows of 1 MiB, each with the old URL plainly and inside serialized data: 320 MiB against a 128 MiB heap
        String serialized = "a:1:{s:3:\"url\";s:22:\"http://old.example.net\";}";
        try (Connection c = stack.connect("large"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wp_large (meta_id BIGINT PRIMARY KEY AUTO_INCREMENT, meta_value LONGTEXT)");
            s.execute("INSERT INTO wp_large (meta_value) SELECT REPEAT('see http://old.example.net/x ', 36000) FROM seq_1_to_319");
            s.execute("INSERT INTO wp_large (meta_value) VALUES ('" + serialized + "')");
        }
        Map<String, String> env = new HashMap<>(stack.dbEnv("DB_", "large"));
        env.putAll(Map.of("FROM_URL", "http://old.example.net", "TO_URL", "https://new.example.org", "TABLES", "wp_large",
                "JAVA_TOOL_OPTIONS", "-Xmx128m"));
        ToolProcess.Run run = ToolProcess.run("search-replace", env, stack.root).expectOk();
        assertThat(json(run.result()).get("changes").asLong()).isEqualTo(320);
        assertThat(stack.db.sql("SELECT COUNT(*) FROM large.wp_large WHERE meta_value LIKE '%old.example.net%'").strip())
                .isEqualTo("0");
        assertThat(stack.db.sql("SELECT COUNT(*) FROM large.wp_large WHERE meta_value ="
                + " REPEAT('see https://new.example.org/x ', 36000)").strip()).isEqualTo("319");
        assertThat(stack.db.sql("SELECT meta_value FROM large.wp_large WHERE meta_value LIKE \"a:1:%\"").strip())
                .isEqualTo("a:1:{s:3:\"url\";s:23:\"https://new.example.org\";}");
    }

    @Test
    void largeFilesGoToS3InPartsAndComeBackWhole() throws Exception {
        Path big = Files.createDirectories(stack.root.resolve("big-content/uploads"));
        byte[] video = new byte[40 << 20]; // incompressible: the gzipped archive is larger than two 16 MiB parts
        new java.util.Random(11).nextBytes(video);
        Files.write(big.resolve("video.mp4"), video);
        Files.writeString(big.resolve("small.txt"), "small");
        Path content = big.getParent();
        Map<String, String> prints = ToolStack.fingerprint(content);
        String bucket = stack.s3.bucket("multipart");
        Map<String, String> s3 = new HashMap<>(env(stack.s3.env(bucket, "parts"), "ARTIFACT_NAME", "big-files",
                "INCLUDE_DATABASE", "false"));
        s3.put("FILES_DIR", content.toString());
        ToolProcess.Run backup = ToolProcess.run("backup", s3, stack.root).expectOk();
        assertThat(backup.out()).contains("uploaded parts/big-files/wp-content.tar.gz in 3 parts");
        Files.delete(big.resolve("video.mp4"));
        ToolProcess.run("restore", s3, stack.root).expectOk();
        assertThat(ToolStack.fingerprint(content)).isEqualTo(prints);
    }

    @Test
    void s3ConnectionsThatDropAreRetried() throws Exception {
        String bucket = stack.s3.bucket("flaky");
        Map<String, String> direct = stack.s3.env(bucket, "f");
        int port = java.net.URI.create(direct.get("S3_ENDPOINT")).getPort();
        try (FlakyProxy proxy = new FlakyProxy(port, 3)) {
            Map<String, String> s3 = new HashMap<>(env(direct, "ARTIFACT_NAME", "through-a-flaky-network"));
            s3.put("S3_ENDPOINT", "http://127.0.0.1:" + proxy.port());
            Map<String, String> sums = stack.checksums(DB);
            Map<String, String> prints = ToolStack.fingerprint(files);
            ToolProcess.run("backup", s3, stack.root).expectOk();
            ToolProcess.run("restore", s3, stack.root).expectOk();
            assertThat(proxy.dropped()).as("connections dropped on the way").isGreaterThan(0);
            assertThat(stack.checksums(DB)).isEqualTo(sums);
            assertThat(ToolStack.fingerprint(files)).isEqualTo(prints);
        }
    }

    /** The site's tables (the tool's scratch tables left out) with their checksums. */
    private static Map<String, String> tables() {
        Map<String, String> sums = new java.util.TreeMap<>(stack.checksums(DB));
        sums.keySet().removeIf(t -> t.startsWith("_wp"));
        return sums;
    }

    @Test
    void aRestoreKilledAtAnyStepEndsWhollyBeforeOrWhollyAfter() throws Exception {
        ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "kill-base"), stack.root).expectOk();
        Map<String, String> after = tables();
        Map<String, String> afterFiles = ToolStack.fingerprint(files);
        // before the journal: nothing was swapped; from the journal on: the next run finishes the swap
        Map<String, Boolean> steps = new java.util.LinkedHashMap<>();
        steps.put("after-stage-files", false);
        steps.put("after-load", false);
        steps.put("before-swap", false);
        steps.put("after-journal", true);
        steps.put("after-table-swap", true);
        steps.put("files-out", true);
        steps.put("files-in", true);
        steps.put("after-files-swap", true);
        for (Map.Entry<String, Boolean> step : steps.entrySet()) {
            damage();
            Map<String, String> before = tables();
            Map<String, String> beforeFiles = ToolStack.fingerprint(files);
            ToolProcess.Run killed = ToolProcess.run("restore", env(pvc(), "ARTIFACT_NAME", "kill-base",
                    "WPOVEN_TOOL_HALT_AT", step.getKey()), stack.root);
            assertThat(killed.exit()).as("killed at " + step.getKey()).isEqualTo(137);
            if (step.getValue()) {
                // a backup of the half-swapped site is refused until the swap is finished
                ToolProcess.Run backup = ToolProcess.run("backup", env(pvc(), "ARTIFACT_NAME", "mixed"), stack.root);
                assertThat(backup.exit()).isEqualTo(1);
                assertThat(json(backup.result()).get("error").asText()).contains("cut short");
            }
            // the next run finishes what the killed one left first; this one then fails early, changing nothing more
            ToolProcess.Run next = ToolProcess.run("restore", env(pvc(), "ARTIFACT_NAME", "kill-base",
                    "WPOVEN_TOOL_FAIL_AT", "after-stage-files"), stack.root);
            assertThat(next.exit()).isEqualTo(1);
            assertThat(json(next.result()).get("error").asText()).contains("failure injected at after-stage-files");
            assertThat(tables()).as("tables after a kill at " + step.getKey()).isEqualTo(step.getValue() ? after : before);
            assertThat(ToolStack.fingerprint(files)).as("files after a kill at " + step.getKey())
                    .isEqualTo(step.getValue() ? afterFiles : beforeFiles);
            ToolProcess.run("restore", env(pvc(), "ARTIFACT_NAME", "kill-base"), stack.root).expectOk();
            assertThat(tables()).isEqualTo(after);
            assertThat(ToolStack.fingerprint(files)).isEqualTo(afterFiles);
            assertThat(stack.db.sql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'live'"
                    + " AND TABLE_NAME LIKE '\\_wp%'").strip()).isEqualTo("0");
        }
    }

    private static void fakeArtifact(Path dir, String name, Instant createdAt) throws IOException {
        fakeArtifact(dir, name, createdAt, OWNER, KEY);
    }

    private static void fakeArtifact(Path dir, String name, Instant createdAt, Owner owner, String key) throws IOException {
        Path artifact = Files.createDirectories(dir.resolve(name));
        Files.write(artifact.resolve("manifest.json"), new Manifest(name, "s", createdAt.toString(), "gzip", List.of(), null,
                owner).signed(new Signing(key)).toJson());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
