package io.wpoven.tool.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.wpoven.tool.ToolException;

/**
 * The few S3 calls the tool makes (PUT, GET, DELETE object, ListObjectsV2), path-style, signed with SigV4. The
 * server's certificate is checked against the JVM's trust store or, when given, a PEM file of CA certificates.
 */
public final class S3Client {
    /** One object of a listing. */
    public record S3Object(String key, long size, Instant lastModified) {
    }

    private final URI endpoint;
    private final String bucket;
    private final SigV4 signer;
    private final HttpClient http;

    public S3Client(URI endpoint, String bucket, String region, String accessKey, String secretKey, Path caFile) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.signer = new SigV4(accessKey, secretKey, region, "s3");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        if (caFile != null) {
            builder.sslContext(trusting(caFile));
        }
        this.http = builder.build();
    }

    public void put(String key, Path file, String sha256Hex) {
        HttpResponse<InputStream> response = send("PUT", key, Map.of(), sha256Hex, bodyOf(file));
        expect(response, "PUT " + key);
    }

    public void put(String key, byte[] data) {
        HttpResponse<InputStream> response = send("PUT", key, Map.of(), SigV4.sha256Hex(data),
                HttpRequest.BodyPublishers.ofByteArray(data));
        expect(response, "PUT " + key);
    }

    /** Downloads an object into a file; false when it does not exist. */
    public boolean get(String key, Path to) {
        HttpResponse<InputStream> response = send("GET", key, Map.of(), SigV4.EMPTY_SHA256, HttpRequest.BodyPublishers.noBody());
        if (response.statusCode() == 404) {
            drain(response);
            return false;
        }
        expect(response, "GET " + key);
        try (InputStream in = response.body()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new ToolException("S3 GET " + key + " failed while reading: " + e.getMessage(), e);
        }
    }

    public Optional<byte[]> get(String key) {
        HttpResponse<InputStream> response = send("GET", key, Map.of(), SigV4.EMPTY_SHA256, HttpRequest.BodyPublishers.noBody());
        if (response.statusCode() == 404) {
            drain(response);
            return Optional.empty();
        }
        expect(response, "GET " + key);
        return Optional.of(readAll(response));
    }

    public void delete(String key) {
        HttpResponse<InputStream> response = send("DELETE", key, Map.of(), SigV4.EMPTY_SHA256,
                HttpRequest.BodyPublishers.noBody());
        if (response.statusCode() != 404) {
            expect(response, "DELETE " + key);
        } else {
            drain(response);
        }
    }

    /** Every object whose key starts with prefix, following continuation tokens. */
    public List<S3Object> list(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("prefix", prefix);
            if (token != null) {
                query.put("continuation-token", token);
            }
            HttpResponse<InputStream> response = send("GET", null, query, SigV4.EMPTY_SHA256,
                    HttpRequest.BodyPublishers.noBody());
            expect(response, "ListObjectsV2 " + prefix);
            Document xml = parse(readAll(response));
            NodeList contents = xml.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element item = (Element) contents.item(i);
                objects.add(new S3Object(text(item, "Key"), Long.parseLong(text(item, "Size")),
                        Instant.parse(text(item, "LastModified"))));
            }
            boolean truncated = "true".equals(text(xml.getDocumentElement(), "IsTruncated"));
            token = truncated ? text(xml.getDocumentElement(), "NextContinuationToken") : null;
            if (truncated && (token == null || token.isEmpty())) {
                throw new ToolException("S3 listing of " + prefix + " is truncated without a continuation token");
            }
        } while (token != null);
        return objects;
    }

    public String describe() {
        return endpoint + "/" + bucket;
    }

    // --- requests ---

    private HttpResponse<InputStream> send(String method, String key, Map<String, String> query, String payloadHash,
            HttpRequest.BodyPublisher body) {
        String path = (endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", ""))
                + "/" + SigV4.encode(bucket, true) + (key == null ? "" : "/" + SigV4.encode(key, false));
        String rawQuery = SigV4.canonicalQuery(query);
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader());
        headers.put("x-amz-date", SigV4.AMZ_DATE.format(now));
        headers.put("x-amz-content-sha256", payloadHash);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30))
                .method(method, body)
                .header("x-amz-date", headers.get("x-amz-date"))
                .header("x-amz-content-sha256", payloadHash)
                .header("Authorization", signer.authorization(method, path, query, headers, payloadHash, now));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ToolException("S3 " + method + " " + uri.getPath() + " at " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted", e);
        }
    }

    /** The Host header as Java's HttpClient sends it: the port only when the URI names one. */
    private String hostHeader() {
        int port = endpoint.getPort();
        return port == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private void expect(HttpResponse<InputStream> response, String what) {
        int code = response.statusCode();
        if (code / 100 == 2) {
            if (!"GET".equals(response.request().method())) {
                drain(response);
            }
            return;
        }
        byte[] body = readAll(response);
        String detail = "";
        try {
            Document error = parse(body);
            detail = ": " + text(error.getDocumentElement(), "Code") + " " + text(error.getDocumentElement(), "Message");
        } catch (RuntimeException notXml) {
            // no S3 error document: the status says enough
        }
        throw new ToolException("S3 " + what + " in bucket " + bucket + " answered HTTP " + code + detail);
    }

    private static HttpRequest.BodyPublisher bodyOf(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new ToolException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ToolException("reading the S3 response failed: " + e.getMessage(), e);
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new ToolException("S3 answered something that is not XML: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new ToolException("S3_CA_FILE " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ToolException("cannot use S3_CA_FILE " + caFile + ": " + e.getMessage(), e);
        }
    }
}
