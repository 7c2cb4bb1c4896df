package io.wpoven.e2e.tool;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The scan's database checks (io.wpoven.tool.scan.DatabaseChecks) on a real MariaDB with WordPress installed and
 * seeded through its own API: a stock database has no finding, and an injected script in a post, an iframe in an
 * option, home moved to another host, an administrator written straight into the tables and a cron hook that is code
 * are each reported; the database is only read (its checksums do not move) and no secret is printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Exclusive.LoopbackDaemons
class ToolScanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ToolStack stack;
    private static Path content;

    @BeforeAll
    static void start() throws IOException {
        stack = ToolStack.start();
        stack.installWordPress("live", ToolStack.LIVE_URL);
        content = Files.createDirectories(stack.root.resolve("live-content/uploads/2026/12"));
        Files.write(content.resolve("photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, (byte) 0xd9});
        content = stack.root.resolve("live-content");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(stack.dbEnv("DB_", "live"));
        env.put("CONTENT_DIR", content.toString());
        env.put("SITE_DOMAINS", "live.example.test,www.live.example.test");
        env.put("ALLOWED_ADMINS", "tooladmin");
        env.put("SCAN_ID", "scan-1");
        return env;
    }

    private static List<org.assertj.core.groups.Tuple> findings(JsonNode result) {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        result.get("findings").forEach(f -> out.add(tuple(f.get("kind").asText(), f.get("where").asText())));
        return out;
    }

    @Test
    @Order(1)
    void aStockSeededDatabaseHasNoFinding() throws Exception {
        Map<String, String> env = env();
        ToolProcess.Run run = ToolProcess.run("scan", env, stack.root).expectOk();
        JsonNode result = JSON.readTree(run.result());
        assertThat(result.get("findings")).as(run.result()).isEmpty();
        assertThat(result.get("checks")).extracting(JsonNode::asText).contains("yara", "database");
        assertThat(ToolProcess.secretsIn(run, env)).isEmpty();
    }

    @Test
    @Order(2)
    void everyDatabaseTamperingIsReportedAndTheDatabaseIsOnlyRead() throws Exception {
        stack.db.sql("""
                USE live;
                UPDATE wp_posts SET post_content = CONCAT(post_content, '<script src="https://evil.example/x.js"></script>')
                  WHERE post_name = 'about';
                INSERT INTO wp_options (option_name, option_value, autoload)
                  VALUES ('wpoven_footer', '<iframe src="https://evil.example/"></iframe>', 'yes');
                UPDATE wp_options SET option_value = 'https://evil.example' WHERE option_name = 'home';
                INSERT INTO wp_users (user_login, user_pass, user_nicename, user_email, user_registered, display_name)
                  VALUES ('mallory', '$P$Bxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.', 'mallory', 'm@evil.example', NOW(), 'mallory');
                INSERT INTO wp_usermeta (user_id, meta_key, meta_value)
                  VALUES (LAST_INSERT_ID(), 'wp_capabilities', 'a:1:{s:13:"administrator";b:1;}');
                """);
        // a scheduled hook turned into code, as injected cron events look (the serialized length is left wrong)
        java.util.regex.Matcher hook = java.util.regex.Pattern.compile("s:\\d+:\"([a-z_]+)\";a:\\d+:\\{s:32:\"")
                .matcher(stack.db.sql("SELECT option_value FROM live.wp_options WHERE option_name = 'cron'"));
        assertThat(hook.find()).as("WordPress scheduled a cron event").isTrue();
        stack.db.sql("UPDATE live.wp_options SET option_value = REPLACE(option_value, '\"" + hook.group(1) + "\";a:',"
                + " '\"eval(base64_decode(\\'ZWNobyAx\\'))\";a:') WHERE option_name = 'cron'");
        String aboutId = stack.db.sql("SELECT ID FROM live.wp_posts WHERE post_name = 'about'").strip();
        Map<String, String> before = stack.checksums("live");
        Map<String, String> env = env();
        env.put("ACTION", "Quarantine");

        ToolProcess.Run run = ToolProcess.run("scan", env, stack.root).expectOk();
        JsonNode result = JSON.readTree(run.result());
        assertThat(findings(result)).as(run.result()).containsExactlyInAnyOrder(
                tuple("db-injected-script", "db:wp_posts/" + aboutId),
                tuple("db-injected-script", "db:wp_options/wpoven_footer"),
                tuple("db-foreign-url", "db:wp_options/home"),
                tuple("db-rogue-admin", "db:wp_users/mallory"),
                tuple("db-suspicious-cron", "db:wp_options/cron"));
        assertThat(result.get("quarantined")).as("database findings are never quarantined").isEmpty();
        assertThat(stack.checksums("live")).as("the scan only reads the database").isEqualTo(before);
        assertThat(ToolProcess.secretsIn(run, env)).isEmpty();
    }
}
