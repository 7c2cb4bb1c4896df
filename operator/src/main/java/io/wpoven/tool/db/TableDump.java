package io.wpoven.tool.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as SQL statements: its {@code CREATE TABLE} (from SHOW CREATE TABLE) and multi-row {@code INSERT}s with
 * every value as a literal (NULL, numbers as the server prints them, strings escaped, binary data as hex). The same
 * statements go into a backup's dump file or straight to another server (clone, push).
 */
public final class TableDump {
    /** Where the statements go. */
    public interface Sink {
        void accept(String statement) throws SQLException, IOException;
    }

    private static final int STATEMENT_BYTES = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private TableDump() {
    }

    /**
     * Opens a consistent snapshot on the source (InnoDB): every table is then read as of one moment. Ended by
     * {@link #endSnapshot}.
     */
    public static void beginSnapshot(Connection source) throws SQLException {
        Sql.execute(source, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        Sql.execute(source, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
    }

    public static void endSnapshot(Connection source) throws SQLException {
        Sql.execute(source, "COMMIT");
    }

    /** Writes table's statements, creating it as targetName; returns the number of rows. */
    public static long dump(Connection source, String table, String targetName, Sink sink) throws SQLException, IOException {
        sink.accept(createTable(source, table, targetName));
        List<String> columns = insertableColumns(source, table);
        String head = "INSERT INTO " + Sql.quote(targetName) + " ("
                + columns.stream().map(Sql::quote).collect(Collectors.joining(",")) + ") VALUES ";
        long rows = 0;
        try (Statement select = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(500); // streamed, not held in memory
            try (ResultSet rs = select.executeQuery("SELECT " + columns.stream().map(Sql::quote)
                    .collect(Collectors.joining(",")) + " FROM " + Sql.quote(table))) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                int[] types = new int[n];
                for (int i = 0; i < n; i++) {
                    types[i] = meta.getColumnType(i + 1);
                }
                StringBuilder statement = new StringBuilder(head);
                int inStatement = 0;
                while (rs.next()) {
                    if (inStatement > 0) {
                        statement.append(',');
                    }
                    statement.append('(');
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            statement.append(',');
                        }
                        literal(rs, i + 1, types[i], statement);
                    }
                    statement.append(')');
                    inStatement++;
                    rows++;
                    if (statement.length() >= STATEMENT_BYTES) {
                        sink.accept(statement.toString());
                        statement.setLength(0);
                        statement.append(head);
                        inStatement = 0;
                    }
                }
                if (inStatement > 0) {
                    sink.accept(statement.toString());
                }
            }
        }
        return rows;
    }

    static String createTable(Connection source, String table, String targetName) throws SQLException {
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Sql.quote(table))) {
            rs.next();
            String create = rs.getString(2);
            String head = "CREATE TABLE " + Sql.quote(table);
            if (!create.startsWith(head)) {
                throw new SQLException("unexpected SHOW CREATE TABLE output for " + table);
            }
            return "CREATE TABLE " + Sql.quote(targetName) + create.substring(head.length());
        }
    }

    /** Columns a value can be inserted into (generated columns are computed by the server). */
    private static List<String> insertableColumns(Connection source, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = source.prepareStatement("SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(2);
                    if (extra == null || !extra.toUpperCase().contains("GENERATED")) {
                        columns.add(rs.getString(1));
                    }
                }
            }
        }
        return columns;
    }

    private static void literal(ResultSet rs, int column, int type, StringBuilder out) throws SQLException {
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.BIT -> {
                byte[] bytes = rs.getBytes(column);
                if (bytes == null) {
                    out.append("NULL");
                } else if (bytes.length == 0) {
                    out.append("''");
                } else {
                    out.append("0x").append(HEX.formatHex(bytes));
                }
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                    Types.FLOAT, Types.DOUBLE -> {
                String value = rs.getString(column);
                out.append(value == null ? "NULL" : value);
            }
            default -> {
                String value = rs.getString(column);
                if (value == null) {
                    out.append("NULL");
                } else {
                    quoteString(value, out);
                }
            }
        }
    }

    static void quoteString(String value, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u001a' -> out.append("\\Z");
                default -> out.append(c);
            }
        }
        out.append('\'');
    }
}
