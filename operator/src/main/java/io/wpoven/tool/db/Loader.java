package io.wpoven.tool.db;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.wpoven.tool.ToolException;

/**
 * Executes checked {@link DumpStatement}s on a target under scratch names: a CREATE TABLE as checked, an INSERT's
 * values bound as parameters of prepared INSERTs (never its text), in batches of at most {@value #BATCH_BYTES} bytes;
 * a value over {@value #LONG_VALUE} bytes is streamed to the server in pieces, so a row up to the server's
 * max_allowed_packet loads although its literal in the dump (hex, escapes) is larger.
 */
public final class Loader {
    static final int BATCH_BYTES = 1 << 20;
    static final int LONG_VALUE = 1 << 20;
    private static final int MAX_PARAMETERS = 65_535;

    private final Connection target;
    private final Function<String, String> rename;
    private final Map<String, Long> tables = new LinkedHashMap<>();

    public Loader(Connection target, Function<String, String> rename) {
        this.target = target;
        this.rename = rename;
    }

    /** The tables created (original names) with the rows inserted into each, in order. */
    public Map<String, Long> tables() {
        return tables;
    }

    public void execute(DumpStatement statement) throws SQLException {
        if (statement instanceof DumpStatement.Create create) {
            if (tables.containsKey(create.table())) {
                throw new ToolException("the dump creates table " + create.table() + " twice");
            }
            tables.put(create.table(), 0L);
            Sql.execute(target, create.as(rename.apply(create.table())));
        } else if (statement instanceof DumpStatement.Insert insert) {
            insert(insert);
        } else if (statement instanceof DumpStatement.TimeZone zone) {
            Sql.execute(target, "SET SESSION time_zone = '" + zone.offset() + "'");
        } // SET NAMES: the connection speaks utf8mb4 already; Skip: not executed
    }

    private void insert(DumpStatement.Insert insert) throws SQLException {
        if (!tables.containsKey(insert.table())) {
            throw new ToolException("the dump inserts into " + insert.table() + " before creating it");
        }
        String head = "INSERT INTO " + Sql.quote(rename.apply(insert.table()))
                + (insert.columns() == null ? "" : " (" + insert.columns().stream().map(Sql::quote)
                        .collect(Collectors.joining(",")) + ")")
                + " VALUES ";
        List<Object[]> rows = insert.rows();
        int from = 0;
        while (from < rows.size()) {
            int width = rows.get(from).length;
            int to = from;
            long bytes = 0;
            while (to < rows.size() && rows.get(to).length == width && (to == from
                    || bytes + size(rows.get(to)) <= BATCH_BYTES && (to - from + 1) * (long) width <= MAX_PARAMETERS)) {
                bytes += size(rows.get(to));
                to++;
            }
            String tuple = "(" + "?,".repeat(width).substring(0, Math.max(0, 2 * width - 1)) + ")";
            String sql = head + String.join(",", java.util.Collections.nCopies(to - from, tuple));
            try (PreparedStatement s = target.prepareStatement(sql)) {
                int p = 1;
                for (int r = from; r < to; r++) {
                    for (Object value : rows.get(r)) {
                        bind(s, p++, value);
                    }
                }
                s.executeUpdate();
            }
            tables.merge(insert.table(), (long) (to - from), Long::sum);
            from = to;
        }
    }

    private static void bind(PreparedStatement s, int p, Object value) throws SQLException {
        if (value == null) {
            s.setNull(p, java.sql.Types.NULL);
        } else if (value instanceof byte[] bytes) {
            if (bytes.length > LONG_VALUE) {
                s.setBinaryStream(p, new ByteArrayInputStream(bytes), bytes.length);
            } else {
                s.setBytes(p, bytes);
            }
        } else if (value instanceof String text) {
            if (text.length() > LONG_VALUE) {
                s.setCharacterStream(p, new StringReader(text), text.length());
            } else {
                s.setString(p, text);
            }
        } else if (value instanceof DumpStatement.Number number) {
            s.setString(p, number.text());
        } else {
            throw new IllegalStateException("unexpected value " + value.getClass());
        }
    }

    private static long size(Object[] row) {
        long size = 8;
        for (Object value : row) {
            if (value instanceof byte[] bytes) {
                size += bytes.length;
            } else if (value instanceof String text) {
                size += text.length() * 3L / 2;
            } else if (value instanceof DumpStatement.Number number) {
                size += number.text().length();
            } else {
                size += 1;
            }
        }
        return size;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
