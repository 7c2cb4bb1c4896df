package io.wpoven.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.wpoven.tool.db.DbConfig;
import io.wpoven.tool.db.Sql;
import io.wpoven.tool.db.SwapPending;
import io.wpoven.tool.db.TableSwap;
import io.wpoven.tool.files.Trees;
import io.wpoven.tool.storage.Durable;

/**
 * Puts loaded tables and staged files in place together, so that a failure or a kill (SIGKILL, a node lost) never
 * leaves new tables with old files. Before the first swap it writes a journal, {@value #JOURNAL} on the content
 * volume (synced): which tables, which staged directory and its entries, where the old entries go. From then on the
 * swap only goes forward: the tables' RENAME, the files' renames, then the old tables and files are dropped and the
 * journal deleted. A run cut short anywhere after the journal is finished by the next run of restore, import, clone or
 * push on the same site ({@link #recover}) before it does anything else; nothing a journal still needs (the scratch
 * tables, the staged directory, the originals in {@code .wpoven-old-*}) is deleted before that.
 */
final class SiteSwap {
    static final String JOURNAL = Trees.JOURNAL;

    /** The journal: the swap's tables (null: files only) and files. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Journal(String command, List<String> tables, boolean removeOthers, String staged, String old,
            List<String> entries) {
    }

    private SiteSwap() {
    }

    /** What swaps in what was staged (it ends by {@link #commit}). */
    interface Work {
        void run() throws IOException, SQLException;
    }

    /**
     * Runs work that ends by swapping in {@code staged} (null: no files): when it fails before the swap, the staged
     * files are deleted; when it is cut short while swapping ({@link SwapPending}) they are kept, because the next
     * run finishes that swap with them.
     */
    static void swapStaged(Path staged, Work work) throws IOException, SQLException {
        boolean keep = false;
        try {
            work.run();
            keep = true;
        } catch (SwapPending e) {
            keep = true;
            throw e;
        } finally {
            if (!keep && staged != null) {
                Trees.delete(staged);
            }
        }
    }

    /**
     * Swaps in the tables loaded under scratch names on c (null: none) and the files staged in filesDir/staged (null:
     * none). Tables only: one RENAME TABLE, atomic by itself. Otherwise through the journal.
     */
    static void commit(String command, Connection c, Collection<String> tables, boolean removeOthers, Path filesDir,
            Path staged, FailureHook hook) throws IOException, SQLException {
        if (staged == null && c == null) {
            return;
        }
        if (staged == null) {
            hook.at("before-swap");
            TableSwap.swap(c, tables, removeOthers);
            return;
        }
        List<String> entries;
        try (Stream<Path> list = Files.list(staged)) {
            entries = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Durable.syncTree(staged); // what the journal promises to move in is on disk
        Journal journal = new Journal(command, c == null ? null : List.copyOf(tables), removeOthers,
                staged.getFileName().toString(), Trees.SCRATCH_PREFIX + "old-" + System.nanoTime(), entries);
        hook.at("before-swap");
        Durable.writeAtomically(filesDir.resolve(JOURNAL), Manifest.JSON.writeValueAsBytes(journal));
        try {
            hook.at("after-journal");
            finish(filesDir, journal, c, hook);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new SwapPending(command + " was interrupted while swapping in the new "
                    + (c == null ? "files" : "tables and files") + " (" + e.getMessage() + "); its journal "
                    + filesDir.resolve(JOURNAL) + " is kept and the next restore, import, clone or push of this site "
                    + "finishes it first", e);
        }
    }

    /**
     * Finishes a swap a run cut short left (its journal in filesDir), forward; does nothing without a journal.
     * db is the site's database (null: none configured, which is refused when the journal names tables).
     */
    static void recover(Path filesDir, DbConfig db, FailureHook hook) throws IOException, SQLException {
        if (filesDir == null || !Files.isRegularFile(filesDir.resolve(JOURNAL))) {
            return;
        }
        Journal journal = Manifest.JSON.readValue(Files.readAllBytes(filesDir.resolve(JOURNAL)), Journal.class);
        Log.info("finishing the swap of an earlier " + journal.command() + " that was cut short (" + filesDir.resolve(JOURNAL) + ")");
        if (journal.tables() != null) {
            if (db == null) {
                throw new ToolException("an earlier " + journal.command() + " of this site was cut short while swapping"
                        + " tables and files; finishing it needs DB_HOST and the other DB_ variables");
            }
            try (Connection c = db.connect()) {
                finish(filesDir, journal, c, hook);
            }
        } else {
            finish(filesDir, journal, null, hook);
        }
        Log.info("the earlier " + journal.command() + " is complete now");
    }

    /** True when a swap is pending in filesDir (a backup of such files would mix two states). */
    static boolean pending(Path filesDir) {
        return filesDir != null && Files.isRegularFile(filesDir.resolve(JOURNAL));
    }

    private static void finish(Path dir, Journal journal, Connection c, FailureHook hook) throws IOException, SQLException {
        if (c != null) {
            Set<String> present = new TreeSet<>(Sql.scratchTables(c));
            boolean renamed = journal.tables().stream().noneMatch(t -> present.contains(Sql.newName(t)));
            if (!renamed) {
                TableSwap.rename(c, journal.tables(), journal.removeOthers());
            }
            hook.at("after-table-swap");
        }
        swapFiles(dir, journal, hook);
        hook.at("after-files-swap");
        if (c != null) {
            TableSwap.dropOld(c);
        }
        Trees.delete(dir.resolve(journal.old()));
        Trees.delete(dir.resolve(journal.staged()));
        Files.delete(dir.resolve(JOURNAL));
        Durable.sync(dir);
    }

    /**
     * The files part, resumable: first every live entry moves into the old directory, then every staged entry moves
     * in. Which phase a cut-short run reached shows in the staged directory: once an entry has left it, all live
     * entries had moved out before.
     */
    private static void swapFiles(Path dir, Journal journal, FailureHook hook) throws IOException {
        Path staged = dir.resolve(journal.staged());
        Path old = dir.resolve(journal.old());
        Files.createDirectories(old);
        boolean movingIn = journal.entries().stream().anyMatch(name -> !Files.exists(staged.resolve(name),
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
        if (!movingIn) {
            int moved = 0;
            for (Path entry : live(dir)) {
                Files.move(entry, old.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                if (++moved == 1) {
                    hook.at("files-out");
                }
            }
            Durable.sync(old);
            Durable.sync(dir);
        }
        int moved = 0;
        for (String name : journal.entries()) {
            Path entry = staged.resolve(name);
            if (Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(entry, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                if (++moved == 1) {
                    hook.at("files-in");
                }
            }
        }
        Durable.sync(dir);
    }

    private static List<Path> live(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> !Trees.isScratch(p)).sorted().forEach(entries::add);
        }
        return entries;
    }
}
