package io.wpoven.e2e.stack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What is in Redis, asked over RESP with the site's password (the test's view, not WordPress's). */
public final class RedisKeys {
    private RedisKeys() {
    }

    /** Every key matching the glob pattern. */
    static List<String> matching(int port, String password, String pattern) {
        return matching("127.0.0.1", port, password, pattern);
    }

    /** The same on another address of this machine (a pod of the real node). */
    public static List<String> matching(String host, int port, String password, String pattern) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Object auth = command(out, in, "AUTH", password);
            if (!"OK".equals(auth)) {
                throw new IllegalStateException("AUTH: " + auth);
            }
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                List<?> reply = (List<?>) command(out, in, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
                cursor = (String) reply.get(0);
                for (Object key : (List<?>) reply.get(1)) {
                    keys.add((String) key);
                }
            } while (!cursor.equals("0"));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on " + host + ":" + port, e);
        }
    }

    /** FLUSHDB: every key of the database gone (a site's Redis is its own). */
    public static void flush(String host, int port, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Object auth = command(out, in, "AUTH", password);
            Object flushed = command(out, in, "FLUSHDB");
            if (!"OK".equals(auth) || !"OK".equals(flushed)) {
                throw new IllegalStateException("AUTH: " + auth + ", FLUSHDB: " + flushed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on " + host + ":" + port, e);
        }
    }

    private static Object command(OutputStream out, InputStream in, String... args) throws IOException {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply(in);
    }

    private static Object reply(InputStream in) throws IOException {
        String line = line(in);
        String payload = line.substring(1);
        return switch (line.charAt(0)) {
            case '+', ':' -> payload;
            case '-' -> "ERR " + payload;
            case '$' -> {
                int n = Integer.parseInt(payload);
                if (n < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(n + 2);
                yield new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*' -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(payload); i++) {
                    items.add(reply(in));
                }
                yield items;
            }
            default -> throw new IOException("unexpected reply " + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
