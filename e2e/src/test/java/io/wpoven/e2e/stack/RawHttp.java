package io.wpoven.e2e.stack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * HTTP/1.1 over a plain socket, one request per connection. The stack test needs what java.net.http refuses: any
 * Host header (the site's domain on a loopback port), any method, malformed and oversized requests.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A response; {@code status} 0 when the server closed the connection without answering. */
    public record Response(int status, String statusLine, List<Map.Entry<String, String>> headers, byte[] body) {
        static final Response NONE = new Response(0, "", List.of(), new byte[0]);

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** The body as text, gunzipped when it came compressed. */
        public String text() {
            return new String(decoded(), StandardCharsets.UTF_8);
        }

        byte[] decoded() {
            if (!"gzip".equalsIgnoreCase(header("Content-Encoding"))) {
                return body;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("bad gzip body", e);
            }
        }

        public String cache() {
            return header("X-Cache");
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            return statusLine + " " + headers + " body(" + body.length + "): "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    /** Sends the bytes as they are and reads one response (Connection: close is up to the caller). */
    static Response exchange(int port, byte[] request, boolean head, Duration timeout) {
        return exchange("127.0.0.1", port, request, head, timeout);
    }

    /** The same to another address of this machine (a pod or Service address of the real node). */
    public static Response exchange(String host, int port, byte[] request, boolean head, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer (413, 400) and close before it read everything: read what it said
            }
            return read(socket.getInputStream(), head);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + host + ":" + port + " failed", e);
        }
    }

    /** A request in the usual form: method, target, headers (with Host), optional body, then Connection: close. */
    public static byte[] request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** One response from a connection the caller opened (a TLS socket, say). */
    public static Response read(InputStream in, boolean head) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (EOFException | SocketException closed) {
            return Response.NONE;
        }
        if (statusLine == null) {
            return Response.NONE;
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        Response headOnly = new Response(status, statusLine, headers, new byte[0]);
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return headOnly;
        }
        String length = headOnly.header("Content-Length");
        byte[] body;
        if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding"))) {
            body = chunked(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, statusLine, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new EOFException("chunked body cut off");
            }
            int n = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF-terminated line without its end; null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
