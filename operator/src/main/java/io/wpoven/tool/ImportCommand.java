package io.wpoven.tool;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.DbSearchReplace;
import io.wpoven.tool.db.DumpStatement;
import io.wpoven.tool.db.SerializedReplace;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.SqlScript;
import io.wpoven.tool.db.TableSwap;

/**
 * {@code import}: loads a standard mysqldump / mariadb-dump file ({@code IMPORT_FILE}, {@code .sql} or
 * {@code .sql.gz}) into the database the way a restore does — scratch tables, URLs rewritten there, one RENAME TABLE,
 * the database then holding exactly the dump's tables — with the same statement checks: besides CREATE TABLE and
 * INSERT only what mysqldump writes around them (comments, conditional comments, LOCK TABLES, DROP TABLE IF EXISTS,
 * session SETs) is accepted, and that is skipped, never executed. Binary columns need {@code --hex-blob}.
 */
final class ImportCommand {
    private ImportCommand() {
    }

    static Result run(Env env) throws IOException, SQLException {
        Path file = Path.of(env.required("IMPORT_FILE"));
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("IMPORT_FILE", file + " is not a file");
        }
        DbConfig db = DbConfig.fromEnv(env, "DB_");
        SerializedReplace urls = Urls.replacement(env);
        FailureHook hook = FailureHook.fromEnv(env);
        Result result = new Result("import").file(file.getFileName().toString());
        Log.info("import " + file + " into " + db);
        SiteSwap.recover(env.optional("FILES_DIR").map(Path::of).orElse(null), db, hook);
        try (Connection c = db.connect()) {
            TableSwap.staged(c, () -> {
                Map<String, Long> loaded;
                try (Reader reader = new InputStreamReader(ArtifactCheck.open(file, file.getFileName().toString()),
                        StandardCharsets.UTF_8)) {
                    loaded = SqlScript.load(reader, c, Sql::newName, DumpStatement.Mode.IMPORT);
                }
                if (loaded.isEmpty()) {
                    throw new ToolException(file + " creates no table: nothing was changed");
                }
                Log.info("loaded " + loaded.size() + " tables (" + loaded.values().stream().mapToLong(Long::longValue).sum()
                        + " rows) into scratch tables of " + db.name());
                if (urls != null) {
                    List<String> scratch = loaded.keySet().stream().map(Sql::newName).toList();
                    result.changes(DbSearchReplace.run(c, urls, scratch, Log::info).changes());
                }
                SiteSwap.commit("import", c, loaded.keySet(), true, null, null, hook);
                result.tables(loaded.keySet());
                Log.info("swapped in " + loaded.size() + " tables");
            });
        }
        return result;
    }
}
