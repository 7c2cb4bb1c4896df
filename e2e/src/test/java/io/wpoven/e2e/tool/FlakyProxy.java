package io.wpoven.e2e.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a server that drops every {@code every}-th connection at once (no answer, as a
 * load balancer restarting or a network blip would) and passes the others through byte for byte.
 */
final class FlakyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    FlakyProxy(int targetPort, int every) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (connections.incrementAndGet() % every == 1) {
                        dropped.incrementAndGet();
                        client.setSoLinger(true, 0); // a reset, not an orderly close
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "flaky-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
