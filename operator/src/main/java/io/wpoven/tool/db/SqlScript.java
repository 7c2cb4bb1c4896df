package io.wpoven.tool.db;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;

/**
 * A dump file, statement by statement: splits on semicolons outside quotes, identifiers and comments, and loads the
 * tables under other names (scratch tables that are swapped in afterwards).
 */
public final class SqlScript {
    private final Reader in;
    private int pushedBack = -2;

    public SqlScript(Reader in) {
        this.in = in;
    }

    /** The next statement without its semicolon; null at the end. */
    public String next() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        char quote = 0;
        while ((c = read()) != -1) {
            char ch = (char) c;
            if (quote != 0) {
                s.append(ch);
                if (ch == '\\' && quote != '`') {
                    int escaped = read();
                    if (escaped == -1) {
                        break;
                    }
                    s.append((char) escaped);
                } else if (ch == quote) {
                    int after = read();
                    if (after == quote) {
                        s.append((char) after); // doubled quote
                    } else {
                        unread(after);
                        quote = 0;
                    }
                }
                continue;
            }
            if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
                s.append(ch);
            } else if (ch == ';') {
                String statement = s.toString().strip();
                if (!statement.isEmpty()) {
                    return statement;
                }
                s.setLength(0);
            } else if (ch == '-' && s.toString().isBlank()) {
                int second = read();
                if (second == '-') {
                    skipLine();
                } else {
                    s.append(ch);
                    unread(second);
                }
            } else if (ch == '#' && s.toString().isBlank()) {
                skipLine();
            } else if (ch == '/') {
                int second = read();
                if (second == '*') {
                    s.append("/*");
                    copyComment(s);
                } else {
                    s.append(ch);
                    unread(second);
                }
            } else {
                s.append(ch);
            }
        }
        String rest = s.toString().strip();
        if (quote != 0) {
            throw new IOException("the dump ends inside a quoted value");
        }
        return rest.isEmpty() ? null : rest;
    }

    /**
     * Checks and executes every statement on target (see {@link DumpStatement}), creating and filling each table under
     * rename(table). Returns the tables created (original names) with the rows inserted into each.
     */
    public static Map<String, Long> load(Reader dump, Connection target, Function<String, String> rename)
            throws IOException, SQLException {
        return load(dump, target, rename, DumpStatement.Mode.OWN);
    }

    public static Map<String, Long> load(Reader dump, Connection target, Function<String, String> rename,
            DumpStatement.Mode mode) throws IOException, SQLException {
        SqlScript script = new SqlScript(dump);
        prepareSession(target);
        Loader loader = new Loader(target, rename);
        String statement;
        while ((statement = script.next()) != null) {
            loader.execute(DumpStatement.parse(statement, mode));
        }
        return loader.tables();
    }

    /** The session a load needs: zero dates and zero ids as in the dump, no checks across tables. */
    public static void prepareSession(Connection target) throws SQLException {
        Sql.execute(target, "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'");
        Sql.execute(target, "SET SESSION foreign_key_checks = 0");
        Sql.execute(target, "SET SESSION unique_checks = 0");
    }

    /** The backquoted table name after a statement's head, or null when the statement does not start so. */
    static String tableOf(String statement, String head) {
        if (!statement.startsWith(head + "`")) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (int i = head.length() + 1; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '`') {
                if (i + 1 < statement.length() && statement.charAt(i + 1) == '`') {
                    name.append('`');
                    i++;
                } else {
                    return name.toString();
                }
            } else {
                name.append(c);
            }
        }
        return null;
    }

    private static String renamed(String statement, String head, String table, Function<String, String> rename) {
        return head + Sql.quote(rename.apply(table)) + statement.substring(head.length() + Sql.quote(table).length());
    }

    private void copyComment(StringBuilder s) throws IOException {
        int previous = 0;
        int c;
        while ((c = read()) != -1) {
            s.append((char) c);
            if (previous == '*' && c == '/') {
                return;
            }
            previous = c;
        }
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // comment
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
