package io.wpoven.e2e.tool;

import io.wpoven.e2e.harness.Exclusive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wpoven.e2e.stack.MariaDbServer;

/** rotate-password against a real MariaDB: the site's user gets the new password, the old one stops working. */
@Exclusive.LoopbackDaemons
class ToolRotatePasswordIT {
    private static Path root;
    private static MariaDbServer db;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("wpoven-rotate-");
        Files.createDirectories(root.resolve("work"));
        db = MariaDbServer.start(root.resolve("db"));
        db.createDatabase("wordpress", "wordpress", "old-password-1");
        db.sql("CREATE USER 'admin'@'%' IDENTIFIED BY 'admin-pw'; GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION;");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    static Map<String, String> env(String newPassword) {
        Map<String, String> env = new HashMap<>(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(db.port()),
                "DB_NAME", "wordpress", "DB_USER", "admin", "DB_PASSWORD", "admin-pw", "TARGET_USER", "wordpress"));
        env.put("NEW_PASSWORD", newPassword);
        return env;
    }

    static void login(String password) throws SQLException {
        DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + db.port() + "/wordpress", "wordpress", password).close();
    }

    @Test
    void theUserGetsTheNewPasswordOnceAndAgainWithoutHarm() throws Exception {
        login("old-password-1");
        Map<String, String> env = env("new'pass\"word\\2");
        ToolProcess.Run run = ToolProcess.run("rotate-password", env, root);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(ToolProcess.secretsIn(run, env)).as("no password in the log or the result").isEmpty();
        login("new'pass\"word\\2");
        assertThatThrownBy(() -> login("old-password-1")).isInstanceOf(SQLException.class);

        // a killed operator runs the same Job again: the same password, no harm
        ToolProcess.Run again = ToolProcess.run("rotate-password", env, root);
        assertThat(again.exit()).as(again.out()).isZero();
        login("new'pass\"word\\2");
    }

    @Test
    void aWrongAdministratorPasswordChangesNothingAndSaysSo() throws Exception {
        Map<String, String> env = env("never-set");
        env.put("DB_PASSWORD", "wrong");
        ToolProcess.Run run = ToolProcess.run("rotate-password", env, root);
        assertThat(run.exit()).isNotZero();
        assertThat(run.result()).contains("error");
        assertThatThrownBy(() -> login("never-set")).isInstanceOf(SQLException.class);
    }
}
