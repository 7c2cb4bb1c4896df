package io.wpoven.tool.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() throws IOException {
        String dump = "-- a comment; with a semicolon\nSET NAMES utf8mb4;\n"
                + "CREATE TABLE `t;1` (`a` text COMMENT 'x;y') /* c; */;\n"
                + "INSERT INTO `t;1` (`a`) VALUES ('it\\'s; fine'),('a\\\\'),('\"; \"'),('two''quotes;');\n";
        SqlScript script = new SqlScript(new StringReader(dump));
        List<String> statements = new ArrayList<>();
        String s;
        while ((s = script.next()) != null) {
            statements.add(s);
        }
        assertThat(statements).containsExactly("SET NAMES utf8mb4", "CREATE TABLE `t;1` (`a` text COMMENT 'x;y') /* c; */",
                "INSERT INTO `t;1` (`a`) VALUES ('it\\'s; fine'),('a\\\\'),('\"; \"'),('two''quotes;')");
    }

    @Test
    void tableNamesAreReadWithDoubledBackquotes() {
        assertThat(SqlScript.tableOf("INSERT INTO `we``ird` VALUES (1)", "INSERT INTO ")).isEqualTo("we`ird");
        assertThat(SqlScript.tableOf("INSERT INTO t VALUES (1)", "INSERT INTO ")).isNull();
    }

    @Test
    void quotedStringsEscapeWhatMariaDbNeeds() {
        StringBuilder out = new StringBuilder();
        TableDump.quoteString("a'b\\c\nd\re\0f\u001a", out);
        assertThat(out).hasToString("'a\\'b\\\\c\\nd\\re\\0f\\Z'");
    }

    @Test
    void oneRenameSwapsEveryTable() {
        assertThat(TableSwap.renameStatement(List.of("wp_posts", "wp_new"), Set.of("wp_posts", "wp_gone"), Set.of("wp_gone")))
                .isEqualTo("RENAME TABLE `_wpn_wp_new` TO `wp_new`, `wp_posts` TO `_wpo_wp_posts`, `_wpn_wp_posts` TO `wp_posts`, `wp_gone` TO `_wpo_wp_gone`");
    }

    @Test
    void longNamesGetShortScratchNames() {
        String longName = "wp_" + "x".repeat(61);
        assertThat(Sql.newName(longName)).hasSizeLessThanOrEqualTo(64).startsWith("_wpn_");
        assertThat(Sql.newName(longName)).isNotEqualTo(Sql.newName(longName + "y"));
    }
}
