package io.wpoven.tool.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link SerializedReplace} over database tables: every text column of every row that contains the old string is
 * rewritten. Rows are found by primary key (a table without one is skipped, as WP-CLI does) a page of keys at a time
 * and rewritten in chunks of at most {@link #CHUNK_BYTES} of text per transaction, so memory stays bounded whatever
 * the size of the table.
 */
public final class DbSearchReplace {
    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "json");

    /** Cells changed and values left alone because they look serialized but do not parse. */
    public record Counts(long changes, long unparsable) {
        Counts plus(Counts other) {
            return new Counts(changes + other.changes, unparsable + other.unparsable);
        }
    }

    /** Keys read per page, and the text bytes rewritten per transaction: memory stays bounded on any table. */
    static final int PAGE_KEYS = 1000;
    static final long CHUNK_BYTES = 8L << 20;

    private DbSearchReplace() {
    }

    public static Counts run(Connection c, SerializedReplace replace, List<String> tables, Consumer<String> log)
            throws SQLException {
        Counts total = new Counts(0, 0);
        for (String table : tables) {
            Counts counts = table(c, replace, table, log);
            if (counts.changes() > 0 || counts.unparsable() > 0) {
                log.accept("  " + table + ": " + counts.changes() + " values changed"
                        + (counts.unparsable() > 0 ? ", " + counts.unparsable() + " left alone (serialized data that does not parse)" : ""));
            }
            total = total.plus(counts);
        }
        return total;
    }

    private static Counts table(Connection c, SerializedReplace replace, String table, Consumer<String> log) throws SQLException {
        List<String> keys = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_KEY FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if ("PRI".equals(rs.getString(3))) {
                        keys.add(rs.getString(1));
                    }
                    if (TEXT_TYPES.contains(rs.getString(2).toLowerCase())) {
                        texts.add(rs.getString(1));
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            return new Counts(0, 0);
        }
        if (keys.isEmpty()) {
            log.accept("  " + table + ": skipped, it has no primary key");
            return new Counts(0, 0);
        }
        String[] patterns = replace.patterns();
        List<String> conditions = new ArrayList<>();
        for (String column : texts) {
            for (int i = 0; i < patterns.length; i++) {
                conditions.add(Sql.quote(column) + " LIKE ?");
            }
        }
        String match = "(" + String.join(" OR ", conditions) + ")";
        String keyList = keys.stream().map(Sql::quote).collect(Collectors.joining(","));
        String keyTuple = keys.size() == 1 ? keyList : "(" + keyList + ")";
        String marks = keys.size() == 1 ? "?" : "(" + String.join(",", java.util.Collections.nCopies(keys.size(), "?")) + ")";
        String size = texts.stream().map(t -> "COALESCE(LENGTH(" + Sql.quote(t) + "),0)").collect(Collectors.joining("+"));
        long changes = 0;
        long unparsable = 0;
        Object[] after = null;
        while (true) {
            // a page of matching keys with the size of their text: small, whatever the rows hold
            List<Object[]> pageKeys = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + keyList + "," + size + " FROM " + Sql.quote(table)
                    + " WHERE " + match + (after == null ? "" : " AND " + keyTuple + " > " + marks)
                    + " ORDER BY " + keyList + " LIMIT " + PAGE_KEYS)) {
                int p = bindPatterns(s, texts.size(), patterns);
                if (after != null) {
                    for (Object key : after) {
                        s.setObject(p++, key);
                    }
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[keys.size()];
                        for (int k = 0; k < keys.size(); k++) {
                            key[k] = rs.getObject(k + 1);
                        }
                        pageKeys.add(key);
                        sizes.add(rs.getLong(keys.size() + 1));
                    }
                }
            }
            // then the rows themselves, a chunk of at most CHUNK_BYTES at a time (one row when it is larger)
            int from = 0;
            while (from < pageKeys.size()) {
                int to = from;
                long bytes = 0;
                while (to < pageKeys.size() && (to == from || bytes + sizes.get(to) <= CHUNK_BYTES)) {
                    bytes += sizes.get(to);
                    to++;
                }
                Counts chunk = chunk(c, replace, table, keys, texts, keyTuple, marks, match, patterns,
                        pageKeys.get(from), pageKeys.get(to - 1));
                changes += chunk.changes();
                unparsable += chunk.unparsable();
                from = to;
            }
            if (pageKeys.size() < PAGE_KEYS) {
                return new Counts(changes, unparsable);
            }
            after = pageKeys.get(pageKeys.size() - 1);
        }
    }

    private static int bindPatterns(PreparedStatement s, int columns, String[] patterns) throws SQLException {
        int p = 1;
        for (int col = 0; col < columns; col++) {
            for (String pattern : patterns) {
                s.setString(p++, "%" + likeEscape(pattern) + "%");
            }
        }
        return p;
    }

    /** Rewrites the matching rows with keys from first to last (inclusive), in one transaction. */
    private static Counts chunk(Connection c, SerializedReplace replace, String table, List<String> keys, List<String> texts,
            String keyTuple, String marks, String match, String[] patterns, Object[] first, Object[] last)
            throws SQLException {
        List<Object[]> keyValues = new ArrayList<>();
        List<String[]> newValues = new ArrayList<>();
        long unparsable = 0;
        long changes = 0;
        String select = "SELECT " + keys.stream().map(Sql::quote).collect(Collectors.joining(",")) + ","
                + texts.stream().map(Sql::quote).collect(Collectors.joining(",")) + " FROM " + Sql.quote(table)
                + " WHERE " + match + " AND " + keyTuple + " >= " + marks + " AND " + keyTuple + " <= " + marks;
        try (PreparedStatement s = c.prepareStatement(select)) {
            int p = bindPatterns(s, texts.size(), patterns);
            for (Object key : first) {
                s.setObject(p++, key);
            }
            for (Object key : last) {
                s.setObject(p++, key);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Object[] key = new Object[keys.size()];
                    for (int k = 0; k < keys.size(); k++) {
                        key[k] = rs.getObject(k + 1);
                    }
                    String[] values = new String[texts.size()];
                    boolean any = false;
                    for (int t = 0; t < texts.size(); t++) {
                        SerializedReplace.Outcome outcome = replace.apply(rs.getString(keys.size() + t + 1));
                        if (outcome.unparsable()) {
                            unparsable++;
                        }
                        if (outcome.changed()) {
                            values[t] = outcome.value();
                            any = true;
                            changes++;
                        }
                    }
                    if (any) {
                        keyValues.add(key);
                        newValues.add(values);
                    }
                }
            }
        }
        if (keyValues.isEmpty()) {
            return new Counts(0, unparsable);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String where = keys.stream().map(k -> Sql.quote(k) + " = ?").collect(Collectors.joining(" AND "));
            for (int r = 0; r < keyValues.size(); r++) {
                String[] values = newValues.get(r);
                newValues.set(r, null); // let the rewritten value go once written
                List<String> sets = new ArrayList<>();
                for (int t = 0; t < texts.size(); t++) {
                    if (values[t] != null) {
                        sets.add(Sql.quote(texts.get(t)) + " = ?");
                    }
                }
                try (PreparedStatement u = c.prepareStatement("UPDATE " + Sql.quote(table) + " SET "
                        + String.join(", ", sets) + " WHERE " + where)) {
                    int p = 1;
                    for (String value : values) {
                        if (value != null) {
                            u.setString(p++, value);
                        }
                    }
                    for (Object key : keyValues.get(r)) {
                        u.setObject(p++, key);
                    }
                    u.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return new Counts(changes, unparsable);
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
