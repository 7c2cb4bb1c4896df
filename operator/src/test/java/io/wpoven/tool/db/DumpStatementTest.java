package io.wpoven.tool.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.wpoven.tool.ToolException;
import io.wpoven.tool.db.DumpStatement.Mode;

/** What a restore (and push) may execute, and what an import of a mysqldump file may. */
class DumpStatementTest {
    private static void refused(String statement, Mode mode, String why) {
        assertThatThrownBy(() -> DumpStatement.parse(statement, mode)).as(statement).isInstanceOf(ToolException.class)
                .hasMessageContaining(why);
    }

    @Test
    void theDumpersOwnStatementsPass() {
        assertThat(DumpStatement.parse("SET NAMES utf8mb4", Mode.OWN)).isInstanceOf(DumpStatement.Names.class);
        DumpStatement create = DumpStatement.parse("CREATE TABLE `wp_options` (\n  `option_id` bigint(20) unsigned NOT NULL"
                + " AUTO_INCREMENT,\n  `option_value` longtext NOT NULL DEFAULT 'select; into outfile',\n  PRIMARY KEY"
                + " (`option_id`)\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci", Mode.OWN);
        assertThat(((DumpStatement.Create) create).as("_wpn_wp_options")).startsWith("CREATE TABLE `_wpn_wp_options` (");
        DumpStatement.Insert insert = (DumpStatement.Insert) DumpStatement.parse("INSERT INTO `wp_binary` (`id`,`data`,`d`,`f`)"
                + " VALUES (1,0x00FF27,'0000-00-00 00:00:00',1.25E-7),(2,NULL,'it\\'s\\n\\\\ \"x\" ''q''',-12.5),(3,'',NULL,0)",
                Mode.OWN);
        assertThat(insert.table()).isEqualTo("wp_binary");
        assertThat(insert.columns()).containsExactly("id", "data", "d", "f");
        assertThat(insert.rows()).hasSize(3);
        assertThat((byte[]) insert.rows().get(0)[1]).containsExactly(0x00, 0xFF, 0x27);
        assertThat(insert.rows().get(1)[1]).isNull();
        assertThat(insert.rows().get(1)[2]).isEqualTo("it's\n\\ \"x\" 'q'");
        assertThat(((DumpStatement.Number) insert.rows().get(1)[3]).text()).isEqualTo("-12.5");
        assertThat(insert.rows().get(2)[1]).isEqualTo("");
    }

    @Test
    void anythingElseIsRefused() {
        refused("SET GLOBAL general_log = 1", Mode.OWN, "never holds");
        refused("SET @x = (SELECT 1)", Mode.OWN, "never holds");
        refused("DROP DATABASE live", Mode.OWN, "never holds");
        refused("GRANT ALL ON *.* TO 'x'@'%'", Mode.IMPORT, "never holds");
        refused("CREATE USER x", Mode.IMPORT, "never holds");
        refused("SELECT LOAD_FILE('/etc/passwd')", Mode.IMPORT, "never holds");
        refused("INSERT INTO `wp_options` SELECT * FROM mysql.user", Mode.OWN, "VALUES");
        refused("INSERT INTO `wp_options` VALUES ((SELECT password FROM mysql.user LIMIT 1))", Mode.OWN, "not a literal");
        refused("INSERT INTO `wp_options` VALUES (LOAD_FILE('/etc/passwd'))", Mode.OWN, "not a literal");
        refused("INSERT INTO `wp_options` VALUES (1) ON DUPLICATE KEY UPDATE a = 2", Mode.OWN, "more than VALUES");
        refused("INSERT INTO `wp_options` VALUES (1); DROP TABLE x", Mode.OWN, "more than VALUES");
        refused("INSERT INTO `mysql`.`user` VALUES (1)", Mode.OWN, "VALUES");
        refused("CREATE TABLE `t` (`a` int) ENGINE=InnoDB AS SELECT * FROM mysql.user", Mode.OWN, "SELECT");
        refused("CREATE TABLE `t` (`a` int) ENGINE=InnoDB DATA DIRECTORY='/var/lib/mysql/mysql'", Mode.OWN, "DIRECTORY");
        refused("CREATE TABLE `t` (`a` int) ENGINE=FEDERATED CONNECTION='mysql://root@db/mysql/user'", Mode.OWN, "FEDERATED");
        refused("CREATE TABLE `t` (`a` int) ENGINE=CONNECT TABLE_TYPE=DOS FILE_NAME='/etc/passwd'", Mode.OWN, "CONNECT");
        refused("CREATE TABLE `t` (`a` int) ENGINE=Spider COMMENT='wrapper \"mysql\"'", Mode.OWN, "ENGINE=Spider");
        refused("CREATE TABLE `t` (`a` int) ENGINE=MRG_MyISAM UNION=(`mysql`.`user`)", Mode.OWN, "ENGINE=MRG_MyISAM");
        refused("CREATE TABLE `t` (`a` int)", Mode.OWN, "without ENGINE");
        refused("CREATE TABLE `t` LIKE `mysql`.`user`", Mode.OWN, "column list");
        refused("CREATE TABLE `t` (`a` int, FOREIGN KEY (`a`) REFERENCES `mysql`.`user` (`x`)) ENGINE=InnoDB", Mode.OWN, "qualified");
        refused("CREATE TABLE `t` (`a` int) /*!50000 ENGINE=CONNECT */ ENGINE=InnoDB", Mode.OWN, "comment");
        refused("CREATE TEMPORARY TABLE `t` (`a` int) ENGINE=InnoDB", Mode.OWN, "never holds");
        refused("CREATE TABLE IF NOT EXISTS `t` (`a` int) ENGINE=InnoDB", Mode.OWN, "never holds");
        refused("/*!40101 SET NAMES utf8mb4 */", Mode.OWN, "comment");
        refused("LOCK TABLES `wp_options` WRITE", Mode.OWN, "never holds");
        refused("DROP TABLE IF EXISTS `wp_options`", Mode.OWN, "never holds");
    }

    @Test
    void anImportSkipsWhatMysqldumpWritesAroundTheTables() {
        for (String skipped : new String[] {"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */", "/*M!999999\\- enable the sandbox mode */",
                "/*!40000 ALTER TABLE `wp_options` DISABLE KEYS */", "LOCK TABLES `wp_options` WRITE", "UNLOCK TABLES",
                "DROP TABLE IF EXISTS `wp_options`", "SET @saved_cs_client     = @@character_set_client",
                "SET character_set_client = utf8mb4", "SET character_set_client = @saved_cs_client",
                "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET @a=1 */",
                "-- MariaDB dump 10.19\n-- Host: x", "START TRANSACTION", "COMMIT"}) {
            assertThat(DumpStatement.parse(skipped, Mode.IMPORT)).as(skipped).isInstanceOf(DumpStatement.Skip.class);
        }
        assertThat(DumpStatement.parse("/*!40103 SET TIME_ZONE='+00:00' */", Mode.IMPORT))
                .as("mysqldump writes TIMESTAMPs in UTC").isEqualTo(new DumpStatement.TimeZone("+00:00"));
        assertThat(DumpStatement.parse("SET TIME_ZONE='+00:00'", Mode.IMPORT)).isEqualTo(new DumpStatement.TimeZone("+00:00"));
        DumpStatement create = DumpStatement.parse("CREATE TABLE `wp_links` (\n  `link_id` bigint(20) unsigned NOT NULL"
                + " /* a comment */,\n  PRIMARY KEY (`link_id`)\n) /*!50100 ENGINE=CONNECT */ ENGINE=InnoDB", Mode.IMPORT);
        assertThat(((DumpStatement.Create) create).rest()).doesNotContain("CONNECT").doesNotContain("/*");
        DumpStatement.Insert insert = (DumpStatement.Insert) DumpStatement.parse(
                "INSERT INTO `wp_binary` VALUES (1,_binary 'a\\0b',b'101',X'0aff',TRUE)", Mode.IMPORT);
        assertThat(insert.columns()).isNull();
        assertThat((byte[]) insert.rows().get(0)[1]).isEqualTo("a\0b".getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) insert.rows().get(0)[2]).containsExactly(5);
        assertThat((byte[]) insert.rows().get(0)[3]).containsExactly(0x0a, 0xff);
        refused("CREATE DATABASE `other`", Mode.IMPORT, "never holds");
        refused("USE `mysql`", Mode.IMPORT, "never holds");
        refused("SET GLOBAL max_connections = 1", Mode.IMPORT, "never holds");
        refused("SET PASSWORD FOR root = PASSWORD('x')", Mode.IMPORT, "never holds");
        refused("DROP TABLE `wp_users`", Mode.IMPORT, "never holds");
        refused("DELIMITER ;;", Mode.IMPORT, "never holds");
    }
}
