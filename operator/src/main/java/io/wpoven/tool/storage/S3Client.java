package io.wpoven.tool.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.wpoven.tool.Log;
import io.wpoven.tool.ToolException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 calls the tool makes, through the AWS SDK v2: path-style requests to any S3-compatible endpoint, signed with
 * SigV4; every request retried with backoff (5 attempts) on throttling, 5xx answers and broken connections; files
 * larger than {@value #PART_BYTES} bytes uploaded in parts (each part retried on its own, the upload aborted when one
 * finally fails). The server's certificate is checked against the JVM's trust store or, when given, a PEM file of CA
 * certificates only.
 */
public final class S3Client {
    /** One object of a listing. */
    public record S3Object(String key, long size, Instant lastModified) {
    }

    static final int PART_BYTES = 16 << 20;
    static final int ATTEMPTS = 5;

    private final URI endpoint;
    private final String bucket;
    private final software.amazon.awssdk.services.s3.S3Client s3;

    public S3Client(URI endpoint, String bucket, String region, String accessKey, String secretKey, Path caFile) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(30))
                .socketTimeout(Duration.ofMinutes(5));
        if (caFile != null) {
            TrustManager[] trust = trusting(caFile);
            http.tlsTrustManagersProvider(() -> trust);
        }
        this.s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(StandardRetryStrategy.builder().maxAttempts(ATTEMPTS)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    /** Uploads a file: one PUT, or a multipart upload when it is larger than one part. */
    public void put(String key, Path file, String sha256Hex) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ToolException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size <= PART_BYTES) {
            call("PUT " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
            return;
        }
        String upload = call("starting the multipart upload of " + key,
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[PART_BYTES];
            for (int number = 1; ; number++) {
                int read = in.readNBytes(buffer, 0, PART_BYTES);
                if (read == 0) {
                    break;
                }
                int part = number;
                RequestBody body = RequestBody.fromBytes(read == PART_BYTES ? buffer : java.util.Arrays.copyOf(buffer, read));
                String etag = call("uploading part " + part + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket)
                        .key(key).uploadId(upload).partNumber(part).contentLength((long) read), body).eTag());
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            call("completing the multipart upload of " + key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(key).uploadId(upload).multipartUpload(m -> m.parts(parts))));
            Log.info("uploaded " + key + " in " + parts.size() + " parts (" + size + " bytes)");
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new ToolException("cannot read " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    public void put(String key, byte[] data) {
        call("PUT " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)));
    }

    /** Downloads an object to a file; false when there is no such object. */
    public boolean get(String key, Path to) {
        try {
            Files.deleteIfExists(to);
        } catch (IOException e) {
            throw new ToolException("cannot replace " + to + ": " + e.getMessage(), e);
        }
        try {
            call("GET " + key, () -> s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(to)));
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(call("GET " + key, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    public void delete(String key) {
        call("DELETE " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    public List<S3Object> list(String prefix) {
        return call("listing " + prefix, () -> {
            List<S3Object> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                    .forEach(o -> objects.add(new S3Object(o.key(), o.size(), o.lastModified())));
            return objects;
        });
    }

    public String describe() {
        return endpoint + "/" + bucket;
    }

    /** An object that does not exist (a 404). */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    private interface Call<T> {
        T run();
    }

    /**
     * Runs a call (the SDK retries it), turning its failure into a message that names what and where. The JDK
     * connection client reports a connection reset while sending as an UncheckedIOException, which the SDK does not
     * retry: those are retried here, with the same backoff.
     */
    private <T> T call(String what, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(what, call);
            } catch (java.io.UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ToolException("S3 " + what + " in bucket " + bucket + " at " + endpoint + " failed " + ATTEMPTS
                            + " times: " + e.getCause().getMessage(), e);
                }
                Log.info("S3 " + what + ": " + e.getCause().getMessage() + "; trying again");
                try {
                    Thread.sleep(Math.min(10_000L, 200L << attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ToolException("interrupted", interrupted);
                }
            }
        }
    }

    private <T> T attempt(String what, Call<T> call) {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new NotFound();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && (e.awsErrorDetails() == null || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()))) {
                throw new NotFound();
            }
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + " "
                    + e.awsErrorDetails().errorMessage();
            throw new ToolException("S3 " + what + " in bucket " + bucket + " answered HTTP " + e.statusCode() + ": " + code, e);
        } catch (SdkException e) {
            throw new ToolException("S3 " + what + " in bucket " + bucket + " at " + endpoint + " failed (retryable errors"
                    + " are tried " + ATTEMPTS + " times): " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trusting(Path caFile) {
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
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new ToolException("cannot use S3_CA_FILE " + caFile + ": " + e.getMessage(), e);
        }
    }
}
