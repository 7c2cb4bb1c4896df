package io.wpoven.tool;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.TableDump;
import io.wpoven.tool.files.TarFiles;
import io.wpoven.tool.files.Trees;
import io.wpoven.tool.storage.ArtifactStore;

/**
 * {@code backup}: the database as a logical SQL dump (one consistent snapshot) and wp-content as a tar, each hashed
 * while written, then the manifest, last. Retention follows when a policy is set.
 */
final class Backup {
    static final String SQL = "database.sql";
    static final String TAR = "wp-content.tar";

    private Backup() {
    }

    static Result run(Env env, Path workDir) throws IOException, SQLException {
        String artifact = ArtifactStore.checkName(env.required("ARTIFACT_NAME"));
        String site = env.get("SITE_NAME", "");
        boolean includeDb = env.bool("INCLUDE_DATABASE", true);
        boolean includeFiles = env.bool("INCLUDE_FILES", true);
        String compression = env.get("COMPRESSION", "gzip");
        if (!compression.equals("gzip") && !compression.equals("none")) {
            throw new ConfigException("COMPRESSION", "must be gzip or none, not '" + compression + "'");
        }
        if (!includeDb && !includeFiles) {
            throw new ConfigException("INCLUDE_DATABASE", "and INCLUDE_FILES are both false: nothing to back up");
        }
        DbConfig db = includeDb ? DbConfig.fromEnv(env, "DB_") : null;
        Path filesDir = includeFiles ? env.directory("FILES_DIR") : null;
        if (includeFiles) {
            Trees.requireUtf8FileNames();
        }
        Retention retention = new Retention(env.optionalInteger("KEEP_LAST"), env.duration("MAX_AGE"));
        Signing key = Signing.required(env);
        Owner owner = Owner.fromEnv(env).orElse(null);
        if (!retention.isEmpty() && owner == null) {
            throw new ConfigException("OWNER_UID", "is required with KEEP_LAST or MAX_AGE: retention deletes only its owner's artifacts");
        }
        ArtifactStore store = ArtifactStore.fromEnv(env, workDir);
        if (filesDir != null && !Files.isDirectory(filesDir)) {
            throw new ToolException("FILES_DIR " + filesDir + " is not a directory");
        }
        if (SiteSwap.pending(env.optional("FILES_DIR").map(Path::of).orElse(null))) {
            throw new ToolException("a restore, import, clone or push of this site was cut short while swapping tables and"
                    + " files (" + SiteSwap.JOURNAL + "): a backup now would mix two states; run it again first");
        }
        if (store.readManifest(artifact).isPresent()) {
            throw new ToolException("artifact " + artifact + " already exists in " + store.describe());
        }
        boolean gzip = compression.equals("gzip");
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Log.info("backup " + artifact + " of site " + site + " to " + store.describe());
        Optional<byte[]> found = store.read(artifact, Owner.FILE_NAME);
        if (found.isPresent() && (owner == null || !Owner.parse(found.get(), key).map(owner::sameAs).orElse(false))) {
            throw new ToolException("artifact " + artifact + " in " + store.describe() + " was begun by someone else ("
                    + Owner.parse(found.get(), null).map(Owner::toString).orElse("unknown owner") + "); it is left alone");
        }
        store.discard(artifact); // what an earlier, failed attempt of this owner left
        long estimate = (db == null ? 0 : databaseBytes(db)) + (filesDir == null ? 0 : Trees.size(filesDir));
        Space.require(store.stagingRoot(), gzip ? estimate / 2 : estimate, store.copiesToWorkDir() ? "WORK_DIR" : "STORAGE_PATH",
                "backup " + artifact + " (" + Space.mib(estimate) + " of data" + (gzip ? ", compressed" : "") + ")");
        if (owner != null) {
            store.write(artifact, Owner.FILE_NAME, owner.toJson(key)); // first: whose this artifact is, even if cut short
        }
        Result result = new Result("backup").artifact(artifact);
        List<Manifest.FileEntry> files = new ArrayList<>();
        List<Manifest.Table> tables = new ArrayList<>();
        try {
            Path dir = store.staging(artifact);
            if (db != null) {
                String name = SQL + (gzip ? ".gz" : "");
                Log.info("dumping database " + db);
                files.add(write(dir.resolve(name), name, gzip, out -> dumpDatabase(db, out, tables)));
                long rows = tables.stream().mapToLong(Manifest.Table::rows).sum();
                Log.info("dumped " + tables.size() + " tables, " + rows + " rows");
            }
            if (filesDir != null) {
                String name = TAR + (gzip ? ".gz" : "");
                Log.info("archiving " + filesDir);
                TarFiles.Counts[] counts = new TarFiles.Counts[1];
                files.add(write(dir.resolve(name), name, gzip, out -> counts[0] = TarFiles.write(filesDir, out)));
                Log.info("archived " + counts[0].entries() + " entries, " + counts[0].bytes() + " bytes");
                result.unsteadyFiles(counts[0].vanished(), counts[0].changing());
            }
            for (Manifest.FileEntry file : files) {
                store.publish(artifact, file.name(), dir.resolve(file.name()), file.sha256());
                result.file(file.name());
            }
            Manifest manifest = new Manifest(artifact, site, createdAt.toString(), compression, files,
                    db == null ? null : new Manifest.Database(tables), owner).signed(key);
            store.publishManifest(artifact, manifest.toJson());
            result.file(Manifest.FILE_NAME);
            Log.info("artifact " + artifact + " complete: " + files.stream()
                    .map(f -> f.name() + " (" + f.size() + " bytes, sha256 " + f.sha256() + ")").toList());
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                store.discard(artifact);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (!retention.isEmpty()) {
            result.deleted(RetentionCommand.apply(store, retention, Instant.now(), owner, key));
        }
        return result;
    }

    /** The database's size as the server counts it (data and indexes less: a dump holds no index). */
    private static long databaseBytes(DbConfig db) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(DATA_LENGTH), 0) FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface Content {
        void writeTo(OutputStream out) throws IOException, SQLException;
    }

    private static Manifest.FileEntry write(Path file, String name, boolean gzip, Content content)
            throws IOException, SQLException {
        HashingOutputStream hashing;
        try (OutputStream raw = Files.newOutputStream(file)) {
            hashing = new HashingOutputStream(new BufferedOutputStream(raw, 1 << 16));
            OutputStream out = gzip ? new GZIPOutputStream(hashing, 1 << 16) : hashing;
            content.writeTo(out);
            if (out instanceof GZIPOutputStream z) {
                z.finish();
            }
            hashing.flush();
        }
        return new Manifest.FileEntry(name, hashing.size(), hashing.sha256Hex());
    }

    private static void dumpDatabase(DbConfig db, OutputStream out, List<Manifest.Table> tables)
            throws IOException, SQLException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write("-- WPOven logical dump of " + db.name() + "\n");
        writer.write("SET NAMES utf8mb4;\n");
        try (Connection c = db.connect()) {
            TableDump.beginSnapshot(c);
            for (String table : Sql.tables(c)) {
                writer.write("\n-- table " + table.replace("\n", " ") + "\n");
                long rows = TableDump.dump(c, table, table, statement -> {
                    writer.write(statement);
                    writer.write(";\n");
                });
                tables.add(new Manifest.Table(table, rows));
            }
            TableDump.endSnapshot(c);
        }
        writer.flush();
    }
}
