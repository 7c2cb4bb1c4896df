package io.wpoven.tool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.wpoven.tool.db.DbConfig;

/**
 * {@code rotate-password}: gives the site's database user ({@code TARGET_USER}) the password {@code NEW_PASSWORD},
 * connected as the administrator (DB_*). The operator runs it while the site is quiesced, then puts the new password
 * into the site's Secret; run again with the same password it changes nothing, so a kill at any point is safe.
 */
final class RotatePasswordCommand {
    private RotatePasswordCommand() {
    }

    static Result run(Env env) throws SQLException {
        DbConfig db = DbConfig.fromEnv(env, "DB_");
        String user = env.required("TARGET_USER");
        if (!user.matches("[A-Za-z0-9_]{1,80}")) {
            throw new ConfigException("TARGET_USER", "is not a plain user name");
        }
        String password = env.secret("NEW_PASSWORD");
        try (Connection c = db.connect();
                // the driver sends both as escaped literals: ALTER USER 'user'@'%' IDENTIFIED BY '…'
                PreparedStatement alter = c.prepareStatement("ALTER USER ?@'%' IDENTIFIED BY ?")) {
            alter.setString(1, user);
            alter.setString(2, password);
            alter.execute();
        }
        Log.info("rotate-password: new password set for " + user + "@%");
        return new Result("rotate-password");
    }
}
