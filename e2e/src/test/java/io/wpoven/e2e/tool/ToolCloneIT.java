package io.wpoven.e2e.tool;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * clone (staging create) with URL rewriting, read back through WordPress with PHP; push of selected tables; a push
 * that fails midway leaves the live database exactly as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Exclusive.LoopbackDaemons
class ToolCloneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGING_URL = "https://staging.example.test";
    private static ToolStack stack;
    private static Path liveFiles;
    private static Path stagingFiles;

    @BeforeAll
    static void start() throws IOException {
        stack = ToolStack.start();
        stack.installWordPress("live", ToolStack.LIVE_URL);
        stack.db.createDatabase("staging", ToolStack.DB_USER, stack.dbPassword);
        liveFiles = Files.createDirectories(stack.root.resolve("live-content/uploads"));
        Files.writeString(liveFiles.resolve("a.txt"), "live file");
        liveFiles = liveFiles.getParent();
        stagingFiles = Files.createDirectories(stack.root.resolve("staging-content"));
        Files.writeString(stagingFiles.resolve("stray.txt"), "removed by the clone");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, String> copy(String from, String to, Path fromFiles, Path toFiles, String... more) {
        Map<String, String> env = new HashMap<>(stack.dbEnv("SOURCE_DB_", from));
        env.putAll(stack.dbEnv("TARGET_DB_", to));
        env.put("SOURCE_FILES_DIR", fromFiles.toString());
        env.put("TARGET_FILES_DIR", toFiles.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    @Order(1)
    void cloneRewritesUrlsEverywhereAndWordPressReadsEveryValue() throws Exception {
        ToolProcess.Run run = ToolProcess.run("clone", copy("live", "staging", liveFiles, stagingFiles,
                "FROM_URL", ToolStack.LIVE_URL, "TO_URL", STAGING_URL), stack.root).expectOk();
        JsonNode result = JSON.readTree(run.result());
        assertThat(result.get("command").asText()).isEqualTo("clone");
        assertThat(result.get("changes").asLong()).isGreaterThan(5);

        JsonNode staging = JSON.readTree(stack.php("staging", "read.php"));
        assertThat(staging.get("broken")).isEmpty();
        assertThat(staging.get("home").asText()).isEqualTo(STAGING_URL);
        assertThat(staging.get("siteurl").asText()).isEqualTo(STAGING_URL);
        assertThat(staging.get("widget").asText()).isEqualTo("<a href=\"" + STAGING_URL + "/shop/\">Shop</a>");
        assertThat(staging.get("widgetTitle").asText()).isEqualTo("Links ✓");
        assertThat(staging.get("header").asText()).isEqualTo(STAGING_URL + "/wp-content/uploads/header.png");
        assertThat(staging.get("logo").asText()).isEqualTo(STAGING_URL + "/logo.svg");
        assertThat(staging.get("menus").get("primary").asInt()).isEqualTo(3);
        assertThat(staging.get("deep").get("url").asText()).isEqualTo(STAGING_URL + "/deep");
        assertThat(staging.get("deep").get("n").asInt()).isEqualTo(42);
        assertThat(staging.get("deep").get("f").asDouble()).isEqualTo(1.5);
        assertThat(staging.get("deep").get("flag").asBoolean()).isFalse();
        assertThat(staging.get("deep").get("none").isNull()).isTrue();
        assertThat(staging.get("objectHome").asText()).isEqualTo(STAGING_URL);
        assertThat(staging.get("objectC").asText()).isEqualTo("Ünï " + STAGING_URL + "/c");
        assertThat(staging.get("json").asText()).isEqualTo(STAGING_URL + "/j");
        assertThat(staging.get("inner").asText()).isEqualTo(STAGING_URL + "/inner");
        assertThat(staging.get("meta").asText()).isEqualTo(STAGING_URL + "/meta");
        assertThat(staging.get("post").asText()).contains(STAGING_URL.replace("/", "\\/") + "\\/wp-content\\/uploads\\/photo.jpg")
                .contains("src=\"" + STAGING_URL + "/wp-content/uploads/photo.jpg\"");
        assertThat(staging.get("builder").asText()).isEqualTo(STAGING_URL + "/landing/");
        // no old URL left anywhere, in either form
        assertThat(oldUrlCount("staging")).isZero();
        // the live site is untouched
        JsonNode live = JSON.readTree(stack.php("live", "read.php"));
        assertThat(live.get("home").asText()).isEqualTo(ToolStack.LIVE_URL);
        assertThat(live.get("widget").asText()).contains(ToolStack.LIVE_URL + "/shop/");
        // files mirrored
        assertThat(ToolStack.fingerprint(stagingFiles)).isEqualTo(ToolStack.fingerprint(liveFiles));
        assertThat(stack.checksums("staging").keySet()).isEqualTo(stack.checksums("live").keySet());
    }

    private static long oldUrlCount(String database) {
        long count = 0;
        String escaped = ToolStack.LIVE_URL.replace("/", "\\\\/");
        String columns = stack.db.sql("SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + database + "' AND DATA_TYPE IN ('char','varchar','text','tinytext','mediumtext','longtext')");
        for (String column : columns.strip().split("\n")) {
            String[] tc = column.split("\\.");
            count += Long.parseLong(stack.db.sql("SELECT COUNT(*) FROM `" + database + "`.`" + tc[0] + "` WHERE `" + tc[1]
                    + "` LIKE '%" + ToolStack.LIVE_URL.replace("_", "\\_") + "%' OR `" + tc[1] + "` LIKE '%"
                    + escaped.replace("\\", "\\\\") + "%'").strip());
        }
        return count;
    }

    @Test
    @Order(2)
    void pushOfSelectedTablesChangesOnlyThose() throws Exception {
        try (Connection c = stack.connect("staging"); Statement s = c.createStatement()) {
            s.execute("UPDATE wp_posts SET post_title = 'Edited on staging' WHERE ID = 1");
            s.execute("UPDATE wp_options SET option_value = 'Staging name' WHERE option_name = 'blogname'");
            s.execute("UPDATE wp_postmeta SET meta_value = 'x' WHERE meta_key = '_wpoven_meta'");
        }
        Map<String, String> before = stack.checksums("live");
        Map<String, String> liveFilesBefore = ToolStack.fingerprint(liveFiles);
        ToolProcess.Run run = ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles,
                "TABLES", "wp_posts", "INCLUDE_FILES", "false", "FROM_URL", STAGING_URL, "TO_URL", ToolStack.LIVE_URL),
                stack.root).expectOk();
        JsonNode result = JSON.readTree(run.result());
        assertThat(result.get("command").asText()).isEqualTo("push");
        assertThat(result.get("tables")).extracting(JsonNode::asText).containsExactly("wp_posts");
        Map<String, String> after = stack.checksums("live");
        assertThat(after.get("wp_posts")).isNotEqualTo(before.get("wp_posts"));
        Map<String, String> othersBefore = new HashMap<>(before);
        Map<String, String> othersAfter = new HashMap<>(after);
        othersBefore.remove("wp_posts");
        othersAfter.remove("wp_posts");
        assertThat(othersAfter).isEqualTo(othersBefore);
        assertThat(stack.db.sql("SELECT post_title FROM live.wp_posts WHERE ID = 1").strip()).isEqualTo("Edited on staging");
        assertThat(stack.db.sql("SELECT option_value FROM live.wp_options WHERE option_name = 'blogname'").strip())
                .isNotEqualTo("Staging name");
        assertThat(stack.db.sql("SELECT COUNT(*) FROM live.wp_posts WHERE post_content LIKE '%staging.example.test%'").strip())
                .isEqualTo("0");
        assertThat(ToolStack.fingerprint(liveFiles)).isEqualTo(liveFilesBefore);
    }

    @Test
    @Order(3)
    void aPushThatFailsMidwayLeavesTheLiveDatabaseAsItWas() throws Exception {
        try (Connection c = stack.connect("staging"); Statement s = c.createStatement()) {
            s.execute("UPDATE wp_posts SET post_title = 'Never pushed' WHERE ID = 1");
            s.execute("DELETE FROM wp_comments");
        }
        Map<String, String> before = stack.checksums("live");
        Map<String, String> filesBefore = ToolStack.fingerprint(liveFiles);
        Files.writeString(stagingFiles.resolve("never-pushed.txt"), "x");
        for (String point : new String[] {"after-table:wp_options", "before-swap"}) {
            ToolProcess.Run run = ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles,
                    "FROM_URL", STAGING_URL, "TO_URL", ToolStack.LIVE_URL, "WPOVEN_TOOL_FAIL_AT", point), stack.root);
            assertThat(run.exit()).as(point).isEqualTo(1);
            assertThat(JSON.readTree(run.result()).get("error").asText()).contains("failure injected at " + point);
            assertThat(stack.checksums("live")).as(point).isEqualTo(before);
            assertThat(ToolStack.fingerprint(liveFiles)).as(point).isEqualTo(filesBefore);
            assertThat(stack.db.sql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'live'"
                    + " AND (TABLE_NAME LIKE '\\_wpn\\_%' OR TABLE_NAME LIKE '\\_wpo\\_%')").strip()).isEqualTo("0");
        }
        // and the same push without the injected failure goes through
        ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles, "FROM_URL", STAGING_URL, "TO_URL",
                ToolStack.LIVE_URL), stack.root).expectOk();
        assertThat(stack.db.sql("SELECT post_title FROM live.wp_posts WHERE ID = 1").strip()).isEqualTo("Never pushed");
        assertThat(Files.exists(liveFiles.resolve("never-pushed.txt"))).isTrue();
        JsonNode live = JSON.readTree(stack.php("live", "read.php"));
        assertThat(live.get("broken")).isEmpty();
        assertThat(live.get("home").asText()).isEqualTo(ToolStack.LIVE_URL);
    }

    @Test
    @Order(4)
    void searchReplaceOnItsOwn() throws Exception {
        Map<String, String> env = new HashMap<>(stack.dbEnv("DB_", "staging"));
        env.put("FROM_URL", STAGING_URL);
        env.put("TO_URL", "https://other.example.test");
        ToolProcess.Run run = ToolProcess.run("search-replace", env, stack.root).expectOk();
        assertThat(JSON.readTree(run.result()).get("changes").asLong()).isGreaterThan(5);
        JsonNode staging = JSON.readTree(stack.php("staging", "read.php"));
        assertThat(staging.get("broken")).isEmpty();
        assertThat(staging.get("home").asText()).isEqualTo("https://other.example.test");
        assertThat(staging.get("objectC").asText()).isEqualTo("Ünï https://other.example.test/c");
    }

    @Test
    @Order(4)
    void aPushKilledBetweenTheTableAndTheFileSwapIsFinishedByTheNextRun() throws Exception {
        try (Connection c = stack.connect("staging"); Statement s = c.createStatement()) {
            s.execute("UPDATE wp_posts SET post_title = 'Pushed by a killed run' WHERE ID = 1");
        }
        Files.writeString(stagingFiles.resolve("from-the-killed-push.txt"), "y");
        ToolProcess.Run killed = ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles,
                "FROM_URL", STAGING_URL, "TO_URL", ToolStack.LIVE_URL, "WPOVEN_TOOL_HALT_AT", "after-table-swap"), stack.root);
        assertThat(killed.exit()).isEqualTo(137);
        // new tables, old files: the journal is there, and the next run finishes the swap before anything else
        assertThat(liveFiles.resolve(".wpoven-journal.json")).exists();
        assertThat(Files.exists(liveFiles.resolve("from-the-killed-push.txt"))).isFalse();
        ToolProcess.Run next = ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles,
                "FROM_URL", STAGING_URL, "TO_URL", ToolStack.LIVE_URL, "WPOVEN_TOOL_FAIL_AT", "after-table:wp_options"), stack.root);
        assertThat(next.exit()).isEqualTo(1);
        assertThat(liveFiles.resolve(".wpoven-journal.json")).doesNotExist();
        Map<String, String> recovered = stack.checksums("live");
        Map<String, String> recoveredFiles = ToolStack.fingerprint(liveFiles);
        assertThat(stack.db.sql("SELECT post_title FROM live.wp_posts WHERE ID = 1").strip()).isEqualTo("Pushed by a killed run");
        assertThat(Files.exists(liveFiles.resolve("from-the-killed-push.txt"))).isTrue();
        // wholly the killed push's result: a clean push of the same staging changes nothing more
        ToolProcess.run("push", copy("staging", "live", stagingFiles, liveFiles, "FROM_URL", STAGING_URL, "TO_URL",
                ToolStack.LIVE_URL), stack.root).expectOk();
        assertThat(stack.checksums("live")).isEqualTo(recovered);
        assertThat(ToolStack.fingerprint(liveFiles)).isEqualTo(recoveredFiles);
    }
}
