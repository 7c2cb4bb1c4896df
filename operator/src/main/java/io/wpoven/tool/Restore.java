package io.wpoven.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.DbSearchReplace;
import io.wpoven.tool.db.SerializedReplace;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.SqlScript;
import io.wpoven.tool.db.TableSwap;
import io.wpoven.tool.files.TarFiles;
import io.wpoven.tool.files.Trees;
import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code restore}: checks the whole artifact first, then extracts the files beside the live ones and loads the tables
 * under scratch names (rewriting URLs there when asked), swaps the tables in with one RENAME TABLE and the files
 * in by renames. Anything that fails before the swap leaves the site as it was.
 */
final class Restore {
    private Restore() {
    }

    static Result run(Env env, Path workDir) throws IOException, SQLException {
        String artifact = ArtifactStore.checkName(env.required("ARTIFACT_NAME"));
        SerializedReplace urls = Urls.replacement(env);
        FailureHook hook = FailureHook.fromEnv(env);
        Signing key = Signing.required(env);
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        Path download = workDir.resolve("restore-" + artifact);
        Log.info("restore " + artifact + " from " + store.describe());
        // an earlier restore, import, clone or push cut short while swapping: finished before anything else
        SiteSwap.recover(env.optional("FILES_DIR").map(Path::of).orElse(null),
                env.optional("DB_HOST").isPresent() ? DbConfig.fromEnv(env, "DB_") : null, hook);
        try {
            ArtifactCheck.Checked checked = ArtifactCheck.check(store, artifact, download, key);
            Path dump = checked.file(Backup.SQL);
            Path tar = checked.file(Backup.TAR);
            boolean includeDb = env.optionalBool("INCLUDE_DATABASE").orElse(dump != null);
            boolean includeFiles = env.optionalBool("INCLUDE_FILES").orElse(tar != null);
            if (includeDb && dump == null) {
                throw new ToolException("artifact " + artifact + " holds no database, but INCLUDE_DATABASE is true");
            }
            if (includeFiles && tar == null) {
                throw new ToolException("artifact " + artifact + " holds no files, but INCLUDE_FILES is true");
            }
            DbConfig db = includeDb ? DbConfig.fromEnv(env, "DB_") : null;
            Path filesDir = includeFiles ? env.directory("FILES_DIR") : null;
            if (includeFiles) {
                Trees.requireUtf8FileNames();
            }
            Result result = new Result("restore").artifact(artifact);
            checked.files().keySet().forEach(result::file);

            Path staged = null;
            if (filesDir != null) {
                Space.require(filesDir, checked.fileBytes(), "FILES_DIR", "the artifact's files beside the live ones");
                staged = stageFiles(filesDir, tar);
            }
            Path files = staged;
            SiteSwap.swapStaged(staged, () -> {
                hook.at("after-stage-files");
                if (db != null) {
                    restoreDatabase(db, dump, checked.manifest(), urls, hook, result, filesDir, files);
                } else {
                    SiteSwap.commit("restore", null, null, false, filesDir, files, hook);
                }
            });
            if (filesDir != null) {
                Log.info("files of " + filesDir + " replaced");
            }
            return result;
        } finally {
            Trees.delete(download); // S3 downloads; a volume's files are read in place
        }
    }

    static Path stageFiles(Path filesDir, Path tar) throws IOException {
        if (!Files.isDirectory(filesDir)) {
            throw new ToolException("FILES_DIR " + filesDir + " is not a directory");
        }
        Trees.removeScratch(filesDir);
        Path staged = Files.createDirectory(filesDir.resolve(Trees.SCRATCH_PREFIX + "new-" + System.nanoTime()));
        try (InputStream in = ArtifactCheck.open(tar, tar.getFileName().toString())) {
            TarFiles.Counts counts = TarFiles.extract(in, staged);
            Log.info("extracted " + counts.entries() + " entries (" + counts.bytes() + " bytes) beside " + filesDir);
            return staged;
        } catch (IOException | RuntimeException e) {
            Trees.delete(staged);
            throw new ToolException("cannot extract the files into " + filesDir + ": " + e.getMessage(), e);
        }
    }

    private static void restoreDatabase(DbConfig db, Path dump, Manifest manifest, SerializedReplace urls, FailureHook hook,
            Result result, Path filesDir, Path staged) throws IOException, SQLException {
        try (Connection c = db.connect()) {
            TableSwap.staged(c, () -> {
                Map<String, Long> loaded;
                try (Reader reader = new InputStreamReader(ArtifactCheck.open(dump, dump.getFileName().toString()),
                        StandardCharsets.UTF_8)) {
                    loaded = SqlScript.load(reader, c, Sql::newName);
                }
                expectTables(manifest, loaded);
                Log.info("loaded " + loaded.size() + " tables into scratch tables of " + db.name());
                if (urls != null) {
                    List<String> scratch = loaded.keySet().stream().map(Sql::newName).toList();
                    result.changes(DbSearchReplace.run(c, urls, scratch, Log::info).changes());
                }
                hook.at("after-load");
                SiteSwap.commit("restore", c, loaded.keySet(), true, filesDir, staged, hook);
                result.tables(loaded.keySet());
                Log.info("swapped in " + loaded.size() + " tables");
            });
        }
    }

    /** The dump must hold exactly the tables and rows the manifest lists. */
    private static void expectTables(Manifest manifest, Map<String, Long> loaded) {
        if (manifest.database() == null || manifest.database().tables() == null) {
            return;
        }
        Map<String, Long> expected = new TreeMap<>();
        manifest.database().tables().forEach(t -> expected.put(t.name(), t.rows()));
        if (!expected.equals(new TreeMap<>(loaded))) {
            throw new ToolException("the database dump does not match its manifest: manifest lists " + expected
                    + ", the dump loaded " + new TreeMap<>(loaded));
        }
    }
}
