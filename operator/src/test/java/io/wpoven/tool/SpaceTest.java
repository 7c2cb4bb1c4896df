package io.wpoven.tool;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceTest {
    @TempDir
    Path dir;

    @Test
    void moreThanTheDiskHoldsIsRefusedUpFrontWithBothNumbers() {
        assertThatThrownBy(() -> Space.require(dir.resolve("work/not-yet"), Long.MAX_VALUE / 4, "WORK_DIR", "downloading artifact a1"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("not enough free space in WORK_DIR").hasMessageContaining("downloading artifact a1")
                .hasMessageContaining("MiB are free");
        assertThatCode(() -> Space.require(dir, 1024, "WORK_DIR", "a small file")).doesNotThrowAnyException();
    }
}
