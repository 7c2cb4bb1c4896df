package io.wpoven.tool.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts tables loaded under scratch names ({@link Sql#newName}) in place with one {@code RENAME TABLE} statement, which
 * MariaDB applies atomically: readers see either all old tables or all new ones, and a failure before it leaves the
 * database exactly as it was. The replaced tables are dropped afterwards.
 */
public final class TableSwap {
    private TableSwap() {
    }

    /** Work that loads scratch tables and swaps them in. */
    public interface Staged {
        void run() throws IOException, SQLException;
    }

    /**
     * Runs work on c with the scratch tables a killed run left dropped first, and the ones work made dropped when it
     * fails: the database is then as it was.
     */
    public static void staged(Connection c, Staged work) throws IOException, SQLException {
        dropScratch(c);
        try {
            work.run();
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof SwapPending) {
                throw e; // the journal's swap needs the scratch tables: the next run finishes it
            }
            try {
                dropScratch(c);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Drops scratch tables a killed run left behind (new ones never swapped in, old ones never dropped). */
    public static void dropScratch(Connection c) throws SQLException {
        for (String table : Sql.scratchTables(c)) {
            Sql.execute(c, "DROP TABLE IF EXISTS " + Sql.quote(table));
        }
    }

    /** The statement that swaps in the loaded tables and moves out the ones they replace (and the ones to remove). */
    static String renameStatement(Collection<String> loaded, Set<String> existing, Collection<String> remove) {
        List<String> pairs = new ArrayList<>();
        for (String table : new TreeSet<>(loaded)) {
            if (existing.contains(table)) {
                pairs.add(Sql.quote(table) + " TO " + Sql.quote(Sql.oldName(table)));
            }
            pairs.add(Sql.quote(Sql.newName(table)) + " TO " + Sql.quote(table));
        }
        for (String table : new TreeSet<>(remove)) {
            if (existing.contains(table) && !loaded.contains(table)) {
                pairs.add(Sql.quote(table) + " TO " + Sql.quote(Sql.oldName(table)));
            }
        }
        return "RENAME TABLE " + String.join(", ", pairs);
    }

    /**
     * Swaps the loaded tables in; with {@code removeOthers}, the database's other tables go too (the database then
     * holds exactly the loaded tables).
     */
    public static void swap(Connection c, Collection<String> loaded, boolean removeOthers) throws SQLException {
        rename(c, loaded, removeOthers);
        dropOld(c);
    }

    /** The RENAME TABLE alone: the replaced tables stay as {@code _wpo_*} until {@link #dropOld}. */
    public static void rename(Connection c, Collection<String> loaded, boolean removeOthers) throws SQLException {
        Set<String> existing = new TreeSet<>(Sql.tables(c));
        Set<String> remove = new TreeSet<>();
        if (removeOthers) {
            remove.addAll(existing);
            remove.removeAll(loaded);
        }
        Sql.execute(c, renameStatement(loaded, existing, remove));
    }

    /** Drops the tables a swap replaced. */
    public static void dropOld(Connection c) throws SQLException {
        for (String table : Sql.scratchTables(c)) {
            if (table.startsWith(Sql.OLD_PREFIX)) {
                Sql.execute(c, "DROP TABLE IF EXISTS " + Sql.quote(table));
            }
        }
    }
}
