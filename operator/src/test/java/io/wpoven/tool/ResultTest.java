package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ResultTest {
    @Test
    void successLine() {
        assertThat(new Result("backup").artifact("a1").file("database.sql.gz").deleted(List.of("a0")).toJson())
                .isEqualTo("{\"command\":\"backup\",\"artifact\":\"a1\",\"files\":[\"database.sql.gz\"],\"deleted\":[\"a0\"],\"changes\":0}");
    }

    @Test
    void longListsAreCutToFitTheTerminationLog() {
        List<String> many = IntStream.range(0, 500).mapToObj(i -> "artifact-with-a-rather-long-name-" + i).toList();
        String json = new Result("retention").deleted(many).toJson();
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Result.MAX_BYTES);
        assertThat(json).contains("\"truncated\":true");
    }

    @Test
    void failureLineIsCutToo() {
        String json = Result.failure("restore", "x".repeat(10_000));
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Result.MAX_BYTES);
        assertThat(json).startsWith("{\"command\":\"restore\",\"error\":\"xxx");
    }
}
