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
import java.util.Optional;
import java.util.stream.Stream;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.DbSearchReplace;
import io.wpoven.tool.db.DumpStatement;
import io.wpoven.tool.db.SerializedReplace;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.SqlScript;
import io.wpoven.tool.db.TableSwap;
import io.wpoven.tool.files.Trees;
import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code import}: brings a site made elsewhere in — a standard mysqldump / mariadb-dump file ({@code .sql} or
 * {@code .sql.gz}) and/or an archive of its wp-content ({@code .tar}, {@code .tar.gz}; a single top-level
 * {@code wp-content/} folder in it is looked into). The files come from a folder of a volume or an S3 prefix
 * ({@code IMPORT_FOLDER} in the storage of {@code STORAGE_*}/{@code S3_*}, names {@code IMPORT_DATABASE},
 * {@code IMPORT_CONTENT}) or, for the database alone, a local {@code IMPORT_FILE}. It goes in the way a restore does:
 * the archive extracted beside the live files, the dump loaded into scratch tables with URLs rewritten there, then
 * tables and files swapped in together ({@link SiteSwap}: a kill at any point leaves the old site or the new one,
 * never a mix), the database then holding exactly the dump's tables. Statement checks: besides CREATE TABLE and
 * INSERT only what mysqldump writes around them (comments, conditional comments, LOCK TABLES, DROP TABLE IF EXISTS,
 * session SETs) is accepted, and that is skipped, never executed. Binary columns need {@code --hex-blob}.
 */
final class ImportCommand {
    private ImportCommand() {
    }

    static Result run(Env env, Path workDir) throws IOException, SQLException {
        SerializedReplace urls = Urls.replacement(env);
        FailureHook hook = FailureHook.fromEnv(env);
        Optional<String> folder = env.optional("IMPORT_FOLDER").map(f -> ArtifactStore.checkName(f));
        Path download = workDir.resolve("import-download");
        try {
            Path dump;
            Path archive = null;
            if (folder.isPresent()) {
                ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
                Log.info("import from " + folder.get() + " in " + store.describe());
                Optional<String> database = env.optional("IMPORT_DATABASE").map(n -> fileName("IMPORT_DATABASE", n));
                Optional<String> content = env.optional("IMPORT_CONTENT").map(n -> fileName("IMPORT_CONTENT", n));
                if (database.isEmpty() && content.isEmpty()) {
                    throw new ConfigException("IMPORT_DATABASE", "set it, IMPORT_CONTENT or both: nothing to import");
                }
                dump = database.map(n -> store.fetch(folder.get(), n, download)).orElse(null);
                archive = content.map(n -> store.fetch(folder.get(), n, download)).orElse(null);
            } else {
                dump = Path.of(env.required("IMPORT_FILE"));
            }
            if (dump != null && !Files.isRegularFile(dump)) {
                throw new ConfigException("IMPORT_FILE", dump + " is not a file");
            }
            Path filesDir = archive == null ? env.optional("FILES_DIR").map(Path::of).orElse(null) : env.directory("FILES_DIR");
            DbConfig db = dump == null ? null : DbConfig.fromEnv(env, "DB_");
            Result result = new Result("import");
            Stream.of(dump, archive).filter(p -> p != null).forEach(p -> result.file(p.getFileName().toString()));
            // an earlier restore, import, clone or push cut short while swapping: finished before anything else
            SiteSwap.recover(filesDir, env.optional("DB_HOST").isPresent() ? DbConfig.fromEnv(env, "DB_") : null, hook);
            Path staged = archive == null ? null : stage(filesDir, archive);
            Path source = dump;
            SiteSwap.swapStaged(staged, () -> {
                hook.at("after-stage-files");
                if (db == null) {
                    SiteSwap.commit("import", null, null, false, filesDir, staged, hook);
                } else {
                    load(db, source, urls, hook, result, filesDir, staged);
                }
            });
            return result;
        } finally {
            Trees.delete(download); // S3 downloads; a volume's files are read in place
        }
    }

    private static void load(DbConfig db, Path dump, SerializedReplace urls, FailureHook hook, Result result,
            Path filesDir, Path staged) throws IOException, SQLException {
        Log.info("import " + dump.getFileName() + " into " + db);
        try (Connection c = db.connect()) {
            TableSwap.staged(c, () -> {
                Map<String, Long> loaded;
                try (Reader reader = new InputStreamReader(ArtifactCheck.open(dump, dump.getFileName().toString()),
                        StandardCharsets.UTF_8)) {
                    loaded = SqlScript.load(reader, c, Sql::newName, DumpStatement.Mode.IMPORT);
                }
                if (loaded.isEmpty()) {
                    throw new ToolException(dump.getFileName() + " creates no table: nothing was changed");
                }
                Log.info("loaded " + loaded.size() + " tables (" + loaded.values().stream().mapToLong(Long::longValue).sum()
                        + " rows) into scratch tables of " + db.name());
                if (urls != null) {
                    List<String> scratch = loaded.keySet().stream().map(Sql::newName).toList();
                    result.changes(DbSearchReplace.run(c, urls, scratch, Log::info).changes());
                }
                hook.at("after-load");
                SiteSwap.commit("import", c, loaded.keySet(), true, filesDir, staged, hook);
                result.tables(loaded.keySet());
                Log.info("swapped in " + loaded.size() + " tables");
            });
        }
    }

    /**
     * The archive extracted beside the live files (as a restore's); an archive made with {@code tar czf x.tar.gz
     * wp-content} holds one folder wp-content, whose content is what goes in.
     */
    private static Path stage(Path filesDir, Path archive) throws IOException {
        Path staged = Restore.stageFiles(filesDir, archive);
        List<Path> top;
        try (Stream<Path> list = Files.list(staged)) {
            top = list.toList();
        }
        if (top.size() == 1 && top.get(0).getFileName().toString().equals("wp-content") && Files.isDirectory(top.get(0),
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Path unwrapped = filesDir.resolve(Trees.SCRATCH_PREFIX + "new-" + System.nanoTime());
            Files.move(top.get(0), unwrapped);
            Trees.delete(staged);
            return unwrapped;
        }
        return staged;
    }

    /** A file of the import folder: a plain name, never a path. */
    private static String fileName(String variable, String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.length() > 253) {
            throw new ConfigException(variable, "'" + name + "' is not a file name (letters, digits, '.', '_', '-')");
        }
        return name;
    }
}
