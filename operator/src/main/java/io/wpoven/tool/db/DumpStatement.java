package io.wpoven.tool.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.wpoven.tool.ToolException;

/**
 * One statement of a dump, checked against what a load may execute. A load runs only what the tool's dumper writes:
 * {@code SET NAMES}, {@code CREATE TABLE `t` (…) ENGINE=…} (no SELECT, LIKE, DIRECTORY, CONNECTION, other schemas,
 * engines beyond InnoDB, Aria, MyISAM and MEMORY) and {@code INSERT INTO `t` [(…)] VALUES (…),…} of literals only —
 * the INSERTs are not even executed as text: their values are parsed and bound as parameters. Anything else refuses
 * the whole dump. {@link Mode#IMPORT} (a standard mysqldump file) also skips, never executes, comments, conditional
 * comments ({@code /*!…}), LOCK/UNLOCK TABLES, DROP TABLE IF EXISTS, transaction statements and session-variable
 * SETs, and honours {@code SET TIME_ZONE='±hh:mm'}.
 */
public sealed interface DumpStatement {
    enum Mode { OWN, IMPORT }

    /** Not executed: what it was, for the log. */
    record Skip(String what) implements DumpStatement {
    }

    /** {@code SET time_zone} to this offset (mysqldump writes TIMESTAMPs in UTC). */
    record TimeZone(String offset) implements DumpStatement {
    }

    /** {@code SET NAMES …}: the loader's connection is utf8mb4 already. */
    record Names() implements DumpStatement {
    }

    /** A checked CREATE TABLE; {@code rest} is everything after the table name. */
    record Create(String table, String rest) implements DumpStatement {
        public String as(String name) {
            return "CREATE TABLE " + Sql.quote(name) + rest;
        }
    }

    /**
     * A parsed INSERT: the columns (null: all, in order) and each row's values as null, {@link String}, {@code byte[]}
     * (hex and bit literals, {@code _binary} strings) or {@link BigDecimal}-checked numbers kept as text.
     */
    record Insert(String table, List<String> columns, List<Object[]> rows, long bytes) implements DumpStatement {
    }

    Set<String> ENGINES = Set.of("INNODB", "ARIA", "MYISAM", "MEMORY", "HEAP");
    Set<String> FORBIDDEN = Set.of("SELECT", "LIKE", "DIRECTORY", "CONNECTION", "UNION", "FEDERATED", "CONNECT",
            "MERGE", "SPIDER", "LOAD_FILE", "INTO", "OUTFILE", "DUMPFILE", "SLEEP", "BENCHMARK", "TEMPORARY", "SEQUENCE");
    Pattern SET_NAMES = Pattern.compile("(?i)SET\\s+NAMES\\s+'?[A-Za-z0-9_]+'?(\\s+COLLATE\\s+'?[A-Za-z0-9_]+'?)?");
    Pattern TIME_ZONE = Pattern.compile("(?i)SET\\s+TIME_ZONE\\s*=\\s*'([+-]\\d{2}:\\d{2})'");
    Pattern CONDITIONAL_TIME_ZONE = Pattern.compile("(?i)/\\*!\\d*\\s*SET\\s+TIME_ZONE\\s*=\\s*'([+-]\\d{2}:\\d{2})'\\s*\\*/");
    Pattern SESSION_SET = Pattern.compile("(?i)SET\\s+(@[A-Za-z0-9_]+|@@[A-Za-z0-9_.]+|(SESSION\\s+)?(character_set_client"
            + "|character_set_results|collation_connection|sql_mode|foreign_key_checks|unique_checks|sql_notes"
            + "|autocommit|time_zone|sql_quote_show_create|check_constraint_checks))\\s*=.*", Pattern.DOTALL);
    Pattern SKIPPED = Pattern.compile("(?i)(LOCK\\s+TABLES\\s.*|UNLOCK\\s+TABLES|DROP\\s+TABLE\\s+IF\\s+EXISTS\\s+`[^`.]+`"
            + "|START\\s+TRANSACTION|BEGIN|COMMIT)", Pattern.DOTALL);

    static DumpStatement parse(String statement, Mode mode) {
        String s = statement;
        if (mode == Mode.IMPORT) {
            var zone = CONDITIONAL_TIME_ZONE.matcher(s);
            if (zone.matches()) {
                return new TimeZone(zone.group(1));
            }
            s = withoutComments(s).strip();
            if (s.isEmpty()) {
                return new Skip(shorten(statement));
            }
        } else if (!withoutComments(s).equals(s)) {
            throw refused("a comment inside a statement", statement);
        }
        if (s.startsWith("CREATE TABLE `")) {
            return create(s);
        }
        if (s.startsWith("INSERT INTO `")) {
            return insert(s);
        }
        if (SET_NAMES.matcher(s).matches()) {
            return new Names();
        }
        if (mode == Mode.IMPORT) {
            var zone = TIME_ZONE.matcher(s);
            if (zone.matches()) {
                return new TimeZone(zone.group(1));
            }
            if (SESSION_SET.matcher(s).matches() || SKIPPED.matcher(s).matches()) {
                return new Skip(shorten(s));
            }
        }
        throw refused("a statement a dump of the tool never holds", s);
    }

    private static ToolException refused(String why, String statement) {
        return new ToolException("the dump was refused before anything was swapped in: " + why + ": " + shorten(statement));
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** The statement without its comments (outside quotes); conditional comments go too: they are never run. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(s, i);
                out.append(s, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw refused("an unterminated comment", s);
                }
                out.append(' ');
                i = end + 2;
            } else if ((c == '#' || c == '-' && i + 2 < n && s.charAt(i + 1) == '-' && Character.isWhitespace(s.charAt(i + 2)))) {
                int end = s.indexOf('\n', i);
                out.append(' ');
                i = end < 0 ? n : end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just past the quoted string or identifier starting at i. */
    private static int skipQuoted(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\' && quote != '`') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw refused("an unterminated quoted value", s);
    }

    private static Create create(String s) {
        String table = SqlScript.tableOf(s, "CREATE TABLE ");
        if (table == null) {
            throw refused("a CREATE TABLE without a single quoted table name", s);
        }
        String rest = s.substring("CREATE TABLE ".length() + Sql.quote(table).length());
        if (!rest.stripLeading().startsWith("(")) {
            throw refused("a CREATE TABLE without a column list (LIKE, SELECT)", s);
        }
        boolean engine = false;
        int i = 0;
        int n = rest.length();
        while (i < n) {
            char c = rest.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(rest, i);
            } else if (c == '`') {
                i = skipQuoted(rest, i);
                int j = skipSpace(rest, i);
                if (j < n && rest.charAt(j) == '.') {
                    throw refused("a name qualified by another schema", s);
                }
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(rest.charAt(j)) || rest.charAt(j) == '_')) {
                    j++;
                }
                String word = rest.substring(i, j).toUpperCase(Locale.ROOT);
                if (FORBIDDEN.contains(word)) {
                    throw refused("CREATE TABLE with " + word, s);
                }
                if (word.equals("ENGINE")) {
                    int k = skipSpace(rest, j);
                    if (k < n && rest.charAt(k) == '=') {
                        k = skipSpace(rest, k + 1);
                    }
                    int e = k;
                    while (e < n && (Character.isLetterOrDigit(rest.charAt(e)) || rest.charAt(e) == '_')) {
                        e++;
                    }
                    String name = rest.substring(k, e).toUpperCase(Locale.ROOT);
                    if (!ENGINES.contains(name)) {
                        throw refused("CREATE TABLE with ENGINE=" + rest.substring(k, e) + " (only InnoDB, Aria, MyISAM, MEMORY)", s);
                    }
                    engine = true;
                    j = e;
                }
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(rest.charAt(j)) || rest.charAt(j) == '.')) {
                    j++;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (!engine) {
            throw refused("a CREATE TABLE without ENGINE=", s);
        }
        return new Create(table, rest);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static Insert insert(String s) {
        String table = SqlScript.tableOf(s, "INSERT INTO ");
        if (table == null) {
            throw refused("an INSERT without a single quoted table name", s);
        }
        Values v = new Values(s, "INSERT INTO ".length() + Sql.quote(table).length());
        List<String> columns = null;
        v.space();
        if (v.peek() == '(') {
            v.pos++;
            columns = new ArrayList<>();
            do {
                v.space();
                columns.add(v.identifier());
                v.space();
            } while (v.accept(','));
            v.expect(')');
            v.space();
        }
        v.keyword("VALUES");
        List<Object[]> rows = new ArrayList<>();
        do {
            v.space();
            v.expect('(');
            List<Object> row = new ArrayList<>();
            do {
                v.space();
                row.add(v.literal());
                v.space();
            } while (v.accept(','));
            v.expect(')');
            if (columns != null && row.size() != columns.size()) {
                throw refused("an INSERT row with " + row.size() + " values for " + columns.size() + " columns", s);
            }
            rows.add(row.toArray());
            v.space();
        } while (v.accept(','));
        v.space();
        if (v.pos != s.length()) {
            throw refused("an INSERT with more than VALUES", s);
        }
        return new Insert(table, columns, rows, s.length());
    }

    /** A scanner over INSERT … VALUES that accepts literals only. */
    final class Values {
        private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
        private final String s;
        private int pos;

        Values(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean accept(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw refused("an INSERT that is not INSERT INTO `t` [(…)] VALUES (literals),… (expected '" + c + "' at "
                        + pos + ")", s);
            }
        }

        void space() {
            pos = skipSpace(s, pos);
        }

        void keyword(String word) {
            if (!s.regionMatches(true, pos, word, 0, word.length())) {
                throw refused("an INSERT without VALUES", s);
            }
            pos += word.length();
        }

        String identifier() {
            if (peek() != '`') {
                throw refused("an INSERT column that is not a quoted name", s);
            }
            int end = skipQuoted(s, pos);
            String name = s.substring(pos + 1, end - 1).replace("``", "`");
            pos = end;
            return name;
        }

        Object literal() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_.+-".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            String word = s.substring(start, pos);
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("NULL")) {
                return null;
            }
            if (upper.equals("TRUE") || upper.equals("FALSE")) {
                return upper.equals("TRUE") ? "1" : "0";
            }
            if ((upper.equals("X") || upper.equals("B")) && peek() == '\'') {
                String digits = string();
                return upper.equals("X") ? hex(digits) : bits(digits);
            }
            if (upper.startsWith("0X") && word.length() > 2) {
                return hex(word.substring(2));
            }
            if (upper.startsWith("0B") && word.length() > 2 && word.substring(2).matches("[01]+")) {
                return bits(word.substring(2));
            }
            if (upper.startsWith("_") && word.length() > 1 && word.substring(1).matches("[A-Za-z0-9]+")) {
                space();
                if (peek() != '\'' && peek() != '"') {
                    throw refused("a character set introducer without a string", s);
                }
                String value = string();
                return upper.equals("_BINARY") ? value.getBytes(StandardCharsets.UTF_8) : value;
            }
            if (NUMBER.matcher(word).matches()) {
                return new Number(word);
            }
            throw refused("an INSERT value that is not a literal (" + shorten(word.isEmpty() ? s.substring(pos,
                    Math.min(s.length(), pos + 20)) : word) + ")", s);
        }

        /** A quoted string with MariaDB's escapes resolved. */
        String string() {
            char quote = s.charAt(pos);
            StringBuilder out = new StringBuilder();
            int i = pos + 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case '0' -> out.append('\0');
                        case 'b' -> out.append('\b');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'Z' -> out.append('\u001a');
                        case '%', '_' -> out.append('\\').append(e);
                        default -> out.append(e);
                    }
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                        out.append(quote);
                        i += 2;
                    } else {
                        pos = i + 1;
                        return out.toString();
                    }
                } else {
                    out.append(c);
                    i++;
                }
            }
            throw refused("an unterminated string", s);
        }

        private byte[] hex(String digits) {
            if (!digits.matches("[0-9A-Fa-f]*")) {
                throw refused("a malformed hex literal", s);
            }
            return HexFormat.of().parseHex(digits.length() % 2 == 1 ? "0" + digits : digits);
        }

        private byte[] bits(String digits) {
            if (!digits.matches("[01]*")) {
                throw refused("a malformed bit literal", s);
            }
            int bytes = (digits.length() + 7) / 8;
            byte[] out = new byte[Math.max(bytes, 1)];
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(digits.length() - 1 - i) == '1') {
                    out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
                }
            }
            return out;
        }
    }

    /** A numeric literal, kept as its text (exact for DECIMAL and BIGINT UNSIGNED alike). */
    record Number(String text) {
    }
}
