package io.wpoven.tool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The examples of AWS's "Signature Calculations for the Authorization Header" page for S3. */
class SigV4Test {
    private static final SigV4 SIGNER = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "us-east-1", "s3");
    private static final ZonedDateTime TIME = ZonedDateTime.of(2013, 5, 24, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void getObject() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        assertThat(SIGNER.authorization("GET", "/test.txt", Map.of(), headers, SigV4.EMPTY_SHA256, TIME)).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectWithAnEncodedKey() {
        String payload = SigV4.sha256Hex("Welcome to Amazon S3.");
        assertThat(payload).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("x-amz-date", "20130524T000000Z");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        headers.put("x-amz-content-sha256", payload);
        String uri = "/" + SigV4.encode("test$file.text", false);
        assertThat(uri).isEqualTo("/test%24file.text");
        assertThat(SIGNER.authorization("PUT", uri, Map.of(), headers, payload, TIME))
                .endsWith("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void listObjectsWithAQuery() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("prefix", "J");
        query.put("max-keys", "2");
        assertThat(SigV4.canonicalQuery(query)).isEqualTo("max-keys=2&prefix=J");
        assertThat(SIGNER.authorization("GET", "/", query, headers, SigV4.EMPTY_SHA256, TIME))
                .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void encodingKeepsUnreservedCharactersOnly() {
        assertThat(SigV4.encode("a b/c+d~e_f.g-h=é", true)).isEqualTo("a%20b%2Fc%2Bd~e_f.g-h%3D%C3%A9");
        assertThat(SigV4.encode("backups/site-1/manifest.json", false)).isEqualTo("backups/site-1/manifest.json");
    }
}
