package io.wpoven.tool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.DbSearchReplace;
import io.wpoven.tool.db.SerializedReplace;
import io.wpoven.tool.db.Sql;

/** {@code search-replace}: FROM_URL → TO_URL in TABLES (default: every table with the site's TABLE_PREFIX). */
final class SearchReplaceCommand {
    private SearchReplaceCommand() {
    }

    static Result run(Env env) throws SQLException {
        env.required("FROM_URL");
        env.required("TO_URL");
        SerializedReplace replace = Urls.replacement(env);
        DbConfig db = DbConfig.fromEnv(env, "DB_");
        String prefix = env.get("TABLE_PREFIX", "wp_");
        Result result = new Result("search-replace");
        if (replace == null) {
            return result;
        }
        try (Connection c = db.connect()) {
            List<String> existing = Sql.tables(c);
            List<String> tables = Clone.selectTables(env, existing, prefix);
            Log.info("search-replace in " + tables.size() + " tables of " + db);
            DbSearchReplace.Counts counts = DbSearchReplace.run(c, replace, tables, Log::info);
            Log.info(counts.changes() + " values changed");
            return result.tables(tables).changes(counts.changes());
        }
    }
}
