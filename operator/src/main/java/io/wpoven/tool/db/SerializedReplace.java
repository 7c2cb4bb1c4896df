package io.wpoven.tool.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Replaces one string by another in a database value the way WP-CLI's search-replace does, safely for PHP's
 * serialization: inside serialized data ({@code s:N:"…";}) every string is rewritten and its length recomputed in
 * bytes (UTF-8), through nested arrays, objects and strings that are themselves serialized; array keys, property
 * names, class names and custom-serialized payloads ({@code C:}) are kept. A value that is not serialized is replaced
 * plainly. A value that looks serialized but does not parse is left untouched: replacing in it could break lengths.
 * Both the plain form and the JSON-escaped form (slashes as {@code \/}, as in block attributes) are replaced.
 * <p>
 * Like WordPress's {@code is_serialized()}, a value is serialized data when it is once surrounding whitespace is
 * trimmed; the whitespace is kept. A match counts only where the string ends (and starts) on a host-name boundary:
 * replacing {@code //blog.example.com} never touches {@code //blog.example.com.au}, {@code blog.example.community} or
 * {@code www.blog.example.com}.
 */
public final class SerializedReplace {
    private final byte[][] from;
    private final byte[][] to;
    private final boolean checkEnd;
    private final boolean checkStart;

    /** The result for one value: the new value, how many occurrences were replaced, whether it was left as is. */
    public record Outcome(String value, int replacements, boolean unparsable) {
        public boolean changed() {
            return replacements > 0;
        }
    }

    public SerializedReplace(String from, String to) {
        if (from.isEmpty()) {
            throw new IllegalArgumentException("the string to replace is empty");
        }
        String fromJson = from.replace("/", "\\/");
        String toJson = to.replace("/", "\\/");
        if (fromJson.equals(from)) {
            this.from = new byte[][] {bytes(from)};
            this.to = new byte[][] {bytes(to)};
        } else {
            this.from = new byte[][] {bytes(from), bytes(fromJson)};
            this.to = new byte[][] {bytes(to), bytes(toJson)};
        }
        this.checkEnd = hostChar(this.from[0][this.from[0].length - 1]);
        this.checkStart = hostChar(this.from[0][0]);
    }

    /** The patterns a value must contain to be changed (for a LIKE prefilter). */
    public String[] patterns() {
        return Arrays.stream(from).map(b -> new String(b, StandardCharsets.UTF_8)).toArray(String[]::new);
    }

    public Outcome apply(String value) {
        if (value == null) {
            return new Outcome(null, 0, false);
        }
        byte[] in = bytes(value);
        if (!containsAny(in, 0, in.length)) {
            return new Outcome(value, 0, false);
        }
        int[] count = {0};
        byte[] out;
        int start = trimStart(in, 0, in.length);
        int end = trimEnd(in, start, in.length);
        if (looksSerialized(in, start, end)) {
            try {
                byte[] inner = rewriteSerialized(in, start, end, count);
                ByteArrayOutputStream whole = new ByteArrayOutputStream(inner.length + in.length - (end - start));
                whole.write(in, 0, start);
                whole.write(inner, 0, inner.length);
                whole.write(in, end, in.length - end);
                out = whole.toByteArray();
            } catch (Malformed e) {
                return new Outcome(value, 0, true);
            }
        } else {
            out = replacePlain(in, 0, in.length, count);
        }
        return count[0] == 0 ? new Outcome(value, 0, false)
                : new Outcome(new String(out, StandardCharsets.UTF_8), count[0], false);
    }

    // --- plain replacement ---

    private byte[] replacePlain(byte[] in, int start, int end, int[] count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + 16);
        int i = start;
        outer:
        while (i < end) {
            for (int p = 0; p < from.length; p++) {
                if (occurs(in, i, start, end, from[p])) {
                    out.write(to[p], 0, to[p].length);
                    i += from[p].length;
                    count[0]++;
                    continue outer;
                }
            }
            out.write(in[i++]);
        }
        return out.toByteArray();
    }

    private boolean containsAny(byte[] in, int start, int end) {
        for (int i = start; i < end; i++) {
            for (byte[] pattern : from) {
                if (occurs(in, i, start, end, pattern)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** pattern at position at of in[start, end), on host-name boundaries where the pattern starts or ends with one. */
    private boolean occurs(byte[] in, int at, int start, int end, byte[] pattern) {
        if (!matches(in, at, end, pattern)) {
            return false;
        }
        if (checkStart && at > start && (hostChar(in[at - 1]) || in[at - 1] == '.')) {
            return false; // www.blog.example.com is another host
        }
        int after = at + pattern.length;
        if (checkEnd && after < end) {
            byte next = in[after];
            if (hostChar(next) || next == '_') {
                return false; // blog.example.community
            }
            if (next == '.' && after + 1 < end && hostChar(in[after + 1])) {
                return false; // blog.example.com.au (a sentence's full stop still ends the host)
            }
        }
        return true;
    }

    /** A byte that continues a host name label (letters, digits, '-', and any non-ASCII byte of an IDN). */
    private static boolean hostChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b < 0;
    }

    /** PHP's trim(): space, tab, newline, carriage return, NUL and vertical tab. */
    private static boolean phpSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0 || b == 0x0B;
    }

    private static int trimStart(byte[] in, int start, int end) {
        while (start < end && phpSpace(in[start])) {
            start++;
        }
        return start;
    }

    private static int trimEnd(byte[] in, int start, int end) {
        while (end > start && phpSpace(in[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean matches(byte[] in, int at, int end, byte[] pattern) {
        if (at + pattern.length > end) {
            return false;
        }
        for (int k = 0; k < pattern.length; k++) {
            if (in[at + k] != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    // --- serialized data ---

    /** What WordPress's is_serialized() accepts as the shape of serialized data. */
    static boolean looksSerialized(byte[] in, int start, int end) {
        int length = end - start;
        if (length < 2) {
            return false;
        }
        if (length == 2) {
            return in[start] == 'N' && in[start + 1] == ';';
        }
        byte last = in[end - 1];
        return length >= 4 && in[start + 1] == ':' && "aOsbidCE".indexOf(in[start]) >= 0 && (last == ';' || last == '}');
    }

    private byte[] rewriteSerialized(byte[] in, int start, int end, int[] count) {
        Parser parser = new Parser(in, start, end, count);
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + 16);
        parser.value(out, true);
        if (parser.pos != end) {
            throw new Malformed();
        }
        return out.toByteArray();
    }

    /** A string's bytes inside serialized data: serialized again (recursively), or replaced plainly. */
    private byte[] rewriteString(byte[] in, int start, int end, int[] count) {
        if (!containsAny(in, start, end)) {
            return Arrays.copyOfRange(in, start, end);
        }
        int from = trimStart(in, start, end);
        int to = trimEnd(in, from, end);
        if (looksSerialized(in, from, to)) {
            int[] inner = {0};
            try {
                byte[] rewritten = rewriteSerialized(in, from, to, inner);
                count[0] += inner[0];
                ByteArrayOutputStream out = new ByteArrayOutputStream(rewritten.length + (end - start) - (to - from));
                out.write(in, start, from - start);
                out.write(rewritten, 0, rewritten.length);
                out.write(in, to, end - to);
                return out.toByteArray();
            } catch (Malformed e) {
                return Arrays.copyOfRange(in, start, end); // not safe to touch
            }
        }
        return replacePlain(in, start, end, count);
    }

    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private final class Parser {
        private final byte[] in;
        private final int end;
        private final int[] count;
        private int pos;

        Parser(byte[] in, int start, int end, int[] count) {
            this.in = in;
            this.pos = start;
            this.end = end;
            this.count = count;
        }

        /** Copies one value to out; replaces in its strings when replace is true. */
        void value(ByteArrayOutputStream out, boolean replace) {
            byte type = next();
            switch (type) {
                case 'N' -> {
                    expect(';');
                    out.write('N');
                    out.write(';');
                }
                case 'b', 'i', 'd', 'r', 'R' -> {
                    expect(':');
                    int from = pos;
                    while (peek() != ';') {
                        byte c = next();
                        if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E' || c == 'e'
                                || type == 'd' && (c == 'I' || c == 'N' || c == 'F' || c == 'A'))) {
                            throw new Malformed();
                        }
                    }
                    if (pos == from) {
                        throw new Malformed();
                    }
                    next();
                    out.write(type);
                    out.write(':');
                    out.write(in, from, pos - from);
                }
                case 's' -> {
                    expect(':');
                    int length = number(':');
                    expect('"');
                    int from = pos;
                    if (length > end - pos - 2) {
                        throw new Malformed();
                    }
                    pos += length;
                    expect('"');
                    expect(';');
                    byte[] content = replace ? rewriteString(in, from, from + length, count)
                            : Arrays.copyOfRange(in, from, from + length);
                    writeAscii(out, "s:" + content.length + ":\"");
                    out.write(content, 0, content.length);
                    writeAscii(out, "\";");
                }
                case 'a' -> {
                    expect(':');
                    int entries = number(':');
                    expect('{');
                    writeAscii(out, "a:" + entries + ":{");
                    for (int e = 0; e < entries; e++) {
                        key(out);
                        value(out, replace);
                    }
                    expect('}');
                    out.write('}');
                }
                case 'O' -> {
                    expect(':');
                    int nameLength = number(':');
                    expect('"');
                    int nameFrom = pos;
                    if (nameLength > end - pos) {
                        throw new Malformed();
                    }
                    pos += nameLength;
                    expect('"');
                    expect(':');
                    int properties = number(':');
                    expect('{');
                    writeAscii(out, "O:" + nameLength + ":\"");
                    out.write(in, nameFrom, nameLength);
                    writeAscii(out, "\":" + properties + ":{");
                    for (int p = 0; p < properties; p++) {
                        key(out);
                        value(out, replace);
                    }
                    expect('}');
                    out.write('}');
                }
                case 'C' -> { // custom serialization: an opaque payload, copied as is
                    int from = pos - 1;
                    expect(':');
                    int nameLength = number(':');
                    expect('"');
                    pos += nameLength;
                    expect('"');
                    expect(':');
                    int payload = number(':');
                    expect('{');
                    pos += payload;
                    expect('}');
                    out.write(in, from, pos - from);
                }
                case 'E' -> { // enum case: "Class:Case"
                    int from = pos - 1;
                    expect(':');
                    int length = number(':');
                    expect('"');
                    pos += length;
                    expect('"');
                    expect(';');
                    out.write(in, from, pos - from);
                }
                default -> throw new Malformed();
            }
        }

        /** An array key or property name: an int or a string, copied as is. */
        private void key(ByteArrayOutputStream out) {
            byte type = peek();
            if (type != 'i' && type != 's') {
                throw new Malformed();
            }
            value(out, false);
        }

        private int number(char terminator) {
            int from = pos;
            long value = 0;
            while (peek() != terminator) {
                byte c = next();
                if (c < '0' || c > '9' || pos - from > 10) {
                    throw new Malformed();
                }
                value = value * 10 + (c - '0');
            }
            if (pos == from || value > end) {
                throw new Malformed();
            }
            next();
            return (int) value;
        }

        private byte peek() {
            if (pos >= end) {
                throw new Malformed();
            }
            return in[pos];
        }

        private byte next() {
            byte c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new Malformed();
            }
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
