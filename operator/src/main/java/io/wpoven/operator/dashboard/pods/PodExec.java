package io.wpoven.operator.dashboard.pods;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

/**
 * A command in a container through the API server (pods/exec) with the caller's client, so the caller's RBAC decides.
 * The command is an argv array (no shell parses it); data goes through stdin and stdout, never the command line.
 */
public final class PodExec {
    /** What a command's error output may hold before the rest is dropped. */
    static final int ERROR_MAX = 16 * 1024;

    private PodExec() {
    }

    /** How the command ended: its exit code and (the start of) its error output. */
    public record Result(int exitCode, String error) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs argv in the container; stdin (when not null) sends exactly stdinLength bytes, which the command must read
     * whole (it need not wait for an end of input); stdout receives its output.
     *
     * @throws KubernetesClientException as the API server answered (403 when the caller may not exec)
     */
    public static Result run(KubernetesClient client, String namespace, String pod, String container, List<String> argv,
            InputStream stdin, long stdinLength, OutputStream stdout, Duration timeout) {
        try {
            return exec(client, namespace, pod, container, argv, stdin, stdinLength, stdout, timeout);
        } catch (KubernetesClientException e) {
            throw refused(client, namespace, pod, e);
        }
    }

    private static Result exec(KubernetesClient client, String namespace, String pod, String container, List<String> argv,
            InputStream stdin, long stdinLength, OutputStream stdout, Duration timeout) {
        Bounded err = new Bounded(ERROR_MAX);
        var exec = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
        try (ExecWatch watch = stdin == null
                ? exec.writingOutput(stdout).writingError(err).exec(argv.toArray(String[]::new))
                : exec.redirectingInput().writingOutput(stdout).writingError(err).exec(argv.toArray(String[]::new))) {
            if (stdin != null) {
                copy(stdin, stdinLength, watch.getInput());
            }
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code == null ? -1 : code, err.text());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KubernetesClientException k) {
                throw k;
            }
            throw new KubernetesClientException("exec in " + namespace + "/" + pod + " failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new KubernetesClientException("exec in " + namespace + "/" + pod + " did not end within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (IOException e) {
            throw new KubernetesClientException("exec in " + namespace + "/" + pod + ": " + e.getMessage(), e);
        }
    }

    /**
     * The exec's refusal with the API server's status code: Fabric8 reports a refused WebSocket upgrade as an error
     * without code whose cause holds it, and without the API server's message (its body). For a 403 the message is
     * asked again with a plain POST to the same exec endpoint, which the API server authorizes (and refuses, with
     * its own words) before it would look for an upgrade, so nothing runs.
     */
    static KubernetesClientException refused(KubernetesClient client, String namespace, String pod,
            KubernetesClientException e) {
        int code = e.getCode();
        for (Throwable t = e; t != null && code <= 0; t = t.getCause()) {
            if (t instanceof io.fabric8.kubernetes.client.http.WebSocketHandshakeException h && h.getResponse() != null) {
                code = h.getResponse().code();
            } else if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                code = k.getCode();
            }
        }
        if (code == e.getCode()) {
            return e;
        }
        String message = (code == 403 ? "forbidden: " : "") + "the API server answered " + code + " to pods/exec on "
                + namespace + "/" + pod;
        if (code == 403) {
            try {
                client.raw("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec?command=true&stdout=true",
                        "POST", "");
            } catch (KubernetesClientException again) {
                if (again.getCode() == 403 && again.getStatus() != null && again.getStatus().getMessage() != null) {
                    message = again.getStatus().getMessage();
                }
            } catch (RuntimeException again) {
                // the generic message above stands
            }
        }
        // (this constructor sets no cause, and one cannot be added later: the upgrade's failure says no more than the code)
        return new KubernetesClientException(message, code, new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(code).withMessage(message).withReason(code == 403 ? "Forbidden" : null).build());
    }

    /** What the API server said (its Status message), else the client's own message. */
    public static String apiMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    private static void copy(InputStream in, long length, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the content ended " + left + " bytes before its declared length");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        out.flush();
    }

    /** Output kept up to a limit; past it, overflowed() is true and the rest is dropped. */
    public static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long max;
        private boolean overflowed;

        public Bounded(long max) {
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = (int) Math.max(0, Math.min(len, max - bytes.size()));
            bytes.write(b, off, room);
            if (room < len) {
                overflowed = true;
            }
        }

        public synchronized boolean overflowed() {
            return overflowed;
        }

        public synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        public synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
