package io.wpoven.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.DbSearchReplace;
import io.wpoven.tool.db.DumpStatement;
import io.wpoven.tool.db.Loader;
import io.wpoven.tool.db.SerializedReplace;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.SqlScript;
import io.wpoven.tool.db.TableDump;
import io.wpoven.tool.db.TableSwap;
import io.wpoven.tool.files.Trees;

/**
 * {@code clone} (staging create and refresh) and {@code push} (staging to live): tables copied from one consistent
 * snapshot of the source into scratch tables of the target, URLs rewritten there, then swapped in with one RENAME
 * TABLE; files copied beside the target's and swapped in. Without TABLES the target ends up with exactly the source's
 * tables; with TABLES only those are replaced. A failure before the swap leaves the target as it was.
 */
final class Clone {
    private Clone() {
    }

    static Result run(String command, Env env) throws IOException, SQLException {
        boolean includeDb = env.bool("INCLUDE_DATABASE", true);
        boolean includeFiles = env.bool("INCLUDE_FILES", true);
        if (!includeDb && !includeFiles) {
            throw new ConfigException("INCLUDE_DATABASE", "and INCLUDE_FILES are both false: nothing to copy");
        }
        DbConfig source = includeDb ? DbConfig.fromEnv(env, "SOURCE_DB_") : null;
        DbConfig target = includeDb ? DbConfig.fromEnv(env, "TARGET_DB_") : null;
        Path sourceFiles = includeFiles ? env.directory("SOURCE_FILES_DIR") : null;
        Path targetFiles = includeFiles ? env.directory("TARGET_FILES_DIR") : null;
        SerializedReplace urls = Urls.replacement(env);
        FailureHook hook = FailureHook.fromEnv(env);
        Result result = new Result(command);
        if (includeFiles) {
            Trees.requireUtf8FileNames();
            for (Path dir : List.of(sourceFiles, targetFiles)) {
                if (!Files.isDirectory(dir)) {
                    throw new ToolException((dir == sourceFiles ? "SOURCE_FILES_DIR " : "TARGET_FILES_DIR ") + dir
                            + " is not a directory");
                }
            }
            if (sourceFiles.toRealPath().equals(targetFiles.toRealPath())) {
                throw new ConfigException("TARGET_FILES_DIR", "is the same directory as SOURCE_FILES_DIR");
            }
        }
        Log.info(command + (includeDb ? " database " + source + " → " + target : "")
                + (includeFiles ? " files " + sourceFiles + " → " + targetFiles : ""));
        // an earlier run cut short while swapping: finished before anything else
        SiteSwap.recover(env.optional("TARGET_FILES_DIR").map(Path::of).orElse(null),
                env.optional("TARGET_DB_HOST").isPresent() ? DbConfig.fromEnv(env, "TARGET_DB_") : null, hook);
        Path staged = null;
        if (includeFiles) {
            Trees.removeScratch(targetFiles);
            staged = Files.createDirectory(targetFiles.resolve(Trees.SCRATCH_PREFIX + "new-" + System.nanoTime()));
        }
        Path files = staged;
        SiteSwap.swapStaged(staged, () -> {
            if (files != null) {
                Trees.copyContents(sourceFiles, files);
                Log.info("copied the files beside " + targetFiles);
            }
            if (includeDb) {
                copyDatabase(command, env, source, target, urls, hook, result, targetFiles, files);
                result.file("database");
            } else {
                SiteSwap.commit(command, null, null, false, targetFiles, files, hook);
            }
        });
        if (includeFiles) {
            result.file("wp-content");
            Log.info("files of " + targetFiles + " replaced");
        }
        return result;
    }

    private static void copyDatabase(String command, Env env, DbConfig source, DbConfig target, SerializedReplace urls,
            FailureHook hook, Result result, Path targetFiles, Path staged) throws IOException, SQLException {
        try (Connection from = source.connect(); Connection to = target.connect()) {
            List<String> tables = selectTables(env, Sql.tables(from), null);
            boolean mirror = env.list("TABLES").isEmpty();
            TableSwap.staged(to, () -> {
                SqlScript.prepareSession(to);
                TableDump.beginSnapshot(from);
                // the source is another site's database: what it holds passes the same checks as a restored dump
                Loader loader = new Loader(to, name -> name);
                for (String table : tables) {
                    long rows = TableDump.dump(from, table, Sql.newName(table),
                            statement -> loader.execute(DumpStatement.parse(statement, DumpStatement.Mode.OWN)));
                    Log.info("  copied " + table + " (" + rows + " rows)");
                    hook.at("after-table:" + table);
                }
                TableDump.endSnapshot(from);
                if (urls != null) {
                    List<String> scratch = tables.stream().map(Sql::newName).toList();
                    result.changes(DbSearchReplace.run(to, urls, scratch, Log::info).changes());
                }
                SiteSwap.commit(command, to, tables, mirror, targetFiles, staged, hook);
                result.tables(tables);
                Log.info("swapped in " + tables.size() + " tables on " + target);
            });
        }
    }

    /** TABLES when set (each must exist), else every table, or with a prefix every table that has it. */
    static List<String> selectTables(Env env, List<String> existing, String prefix) {
        List<String> wanted = env.list("TABLES");
        if (wanted.isEmpty()) {
            return prefix == null ? existing : existing.stream().filter(t -> t.startsWith(prefix)).toList();
        }
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new ToolException("TABLES names tables that do not exist: " + missing);
        }
        return wanted;
    }
}
