package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and purge delete only what they can prove belongs to their Backup: the owner in a signed manifest, or an
 * owner.json for an artifact cut short. A parent prefix that holds another Backup's folder, a Restore's safety
 * backup, a foreign folder without a manifest, a forged manifest: all stay.
 */
class RetentionOwnershipTest {
    private static final String KEY = "site-signing-key-0123456789";
    private static final Owner A = new Owner("Backup", "ns", "a", "uid-a");
    private static final Owner B = new Owner("Backup", "ns", "b", "uid-b");
    private static final Owner RESTORE = new Owner("Restore", "ns", "r", "uid-r");

    @TempDir
    Path root;

    private Path artifact(String prefix, String name, Owner owner, Duration age, String key) throws IOException {
        Path dir = Files.createDirectories(root.resolve(prefix).resolve(name));
        Files.writeString(dir.resolve("database.sql"), "-- data");
        Signing signing = new Signing(key);
        if (owner != null) {
            Files.write(dir.resolve(Owner.FILE_NAME), owner.toJson(signing));
        }
        Manifest manifest = new Manifest(name, "site", Instant.now().minus(age).toString(), "none",
                List.of(new Manifest.FileEntry("database.sql", 7, "x")), null, owner).signed(signing);
        Files.write(dir.resolve(Manifest.FILE_NAME), manifest.toJson());
        age(dir, age);
        return dir;
    }

    private Path incomplete(String prefix, String name, Owner owner, Duration age) throws IOException {
        Path dir = Files.createDirectories(root.resolve(prefix).resolve(name));
        Files.writeString(dir.resolve("database.sql"), "-- cut short");
        if (owner != null) {
            Files.write(dir.resolve(Owner.FILE_NAME), owner.toJson(new Signing(KEY)));
        }
        age(dir, age);
        return dir;
    }

    private static void age(Path dir, Duration age) throws IOException {
        FileTime time = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, time);
            }
        }
    }

    private int run(String command, String prefix, Owner owner, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("STORAGE_TYPE", "pvc", "STORAGE_PATH", root.toString(),
                "STORAGE_PREFIX", prefix, "OWNER_KIND", owner.kind(), "OWNER_NAMESPACE", owner.namespace(),
                "OWNER_NAME", owner.name(), "OWNER_UID", owner.uid(), Signing.ENV, KEY,
                "TERMINATION_LOG", root.resolve("termination.log").toString(), "WORK_DIR", root.resolve("work").toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return WpovenTool.run(new String[] {command}, new Env(env));
    }

    private void givenSharedStorage() throws IOException {
        // Backup a writes to prefix "ns", Backup b to "ns/b": a's prefix is b's parent
        artifact("ns", "a-1", A, Duration.ofDays(3), KEY);
        artifact("ns", "a-2", A, Duration.ofDays(2), KEY);
        artifact("ns", "a-3", A, Duration.ofDays(1), KEY);
        artifact("ns/b", "b-1", B, Duration.ofDays(5), KEY);
        artifact("ns/b", "b-2", B, Duration.ofDays(4), KEY);
        artifact("ns", "r-safety", RESTORE, Duration.ofDays(9), KEY);
        incomplete("ns", "foreign", null, Duration.ofDays(30));
        incomplete("ns", "a-cut-short", A, Duration.ofHours(3));
        incomplete("ns", "a-running", A, Duration.ofMinutes(5));
        artifact("ns", "forged", A, Duration.ofDays(20), "someone-elses-key-0123456789");
    }

    @Test
    void retentionDeletesOnlyItsOwnBackupsArtifacts() throws IOException {
        givenSharedStorage();
        assertThat(run("retention", "ns", A, "KEEP_LAST", "1")).isZero();
        assertThat(root.resolve("ns/a-1")).doesNotExist();
        assertThat(root.resolve("ns/a-2")).doesNotExist();
        assertThat(root.resolve("ns/a-cut-short")).doesNotExist();
        assertThat(root.resolve("ns/a-3/manifest.json")).exists();
        assertThat(root.resolve("ns/a-running/database.sql")).exists();
        assertThat(root.resolve("ns/b/b-1/manifest.json")).exists(); // a folder without a manifest to a, b's to b
        assertThat(root.resolve("ns/b/b-2/manifest.json")).exists();
        assertThat(root.resolve("ns/r-safety/manifest.json")).exists();
        assertThat(root.resolve("ns/foreign/database.sql")).exists();
        assertThat(root.resolve("ns/forged/manifest.json")).exists();
    }

    @Test
    void purgeDeletesOnlyItsOwnBackupsArtifacts() throws IOException {
        givenSharedStorage();
        assertThat(run("purge", "ns", A)).isZero();
        try (Stream<Path> left = Files.list(root.resolve("ns"))) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("b", "foreign", "forged", "r-safety");
        }
        assertThat(root.resolve("ns/b/b-1/manifest.json")).exists();
    }

    @Test
    void retentionWithoutAnOwnerIsRefused() throws IOException {
        givenSharedStorage();
        Map<String, String> env = Map.of("STORAGE_TYPE", "pvc", "STORAGE_PATH", root.toString(), "STORAGE_PREFIX", "ns",
                "KEEP_LAST", "1", "TERMINATION_LOG", root.resolve("t.log").toString());
        assertThat(WpovenTool.run(new String[] {"retention"}, new Env(env))).isEqualTo(WpovenTool.BAD_CONFIG);
        assertThat(WpovenTool.run(new String[] {"purge"}, new Env(env))).isEqualTo(WpovenTool.BAD_CONFIG);
        assertThat(root.resolve("ns/a-1/manifest.json")).exists();
    }

    @Test
    void aManifestSurvivesItsSignatureRoundTrip() {
        Signing key = new Signing(KEY);
        Manifest manifest = new Manifest("x", "site", "2026-01-01T00:00:00Z", "gzip",
                List.of(new Manifest.FileEntry("database.sql.gz", 12, "ab")), new Manifest.Database(
                        List.of(new Manifest.Table("wp_options", 3))), A).signed(key);
        Manifest read = Manifest.parse("x", manifest.toJson());
        assertThat(read.signedWith(key)).isTrue();
        assertThat(read.signedWith(new Signing("another-key-0123456789"))).isFalse();
        Manifest tampered = new Manifest("x", "site", "2026-01-01T00:00:00Z", "gzip",
                List.of(new Manifest.FileEntry("database.sql.gz", 13, "ab")), read.database(), A, read.hmac());
        assertThat(tampered.signedWith(key)).isFalse();
    }
}
