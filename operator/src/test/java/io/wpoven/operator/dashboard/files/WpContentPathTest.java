package io.wpoven.operator.dashboard.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.wpoven.operator.dashboard.files.SiteFileException.Reason;

class WpContentPathTest {

    @ParameterizedTest
    @ValueSource(strings = { "..", "../wp-config.php", "uploads/../../wp-config.php", "uploads/..", "a/b/../../..",
            "./../x", "uploads/./../..", "%2e%2e/wp-config.php", "%2E%2E", ".%2e/x", "%2e./x", "%252e%252e/x",
            "uploads/%2e%2e/%2e%2e/wp-config.php", "/var/www/html/wp-config.php", "/etc/passwd", "//etc/passwd", "/" })
    void everyWayUpOrOutIsRefused(String path) {
        assertThatThrownBy(() -> WpContentPath.of(path)).isInstanceOfSatisfying(SiteFileException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_WP_CONTENT));
    }

    @ParameterizedTest
    @ValueSource(strings = { "uploads/a\0.php", "\0", "a\nb", "a\rb", "tab\there", "..\\wp-config.php",
            "uploads\\..\\..\\wp-config.php", "a%2fb", "..%2fwp-config.php", "%2e%2e%5cwp-config.php", "a%00.php",
            "del\u007f" })
    void nulControlCharactersBackslashesAndEncodedSeparatorsAreRefused(String path) {
        assertThatThrownBy(() -> WpContentPath.of(path)).isInstanceOfSatisfying(SiteFileException.class,
                e -> assertThat(e.reason()).isIn(Reason.INVALID_PATH, Reason.OUTSIDE_WP_CONTENT));
    }

    @Test
    void tooLongNamesAndPathsAreRefused() {
        assertThatThrownBy(() -> WpContentPath.of("a".repeat(256))).hasMessageContaining("255");
        // 128 two-byte characters: 256 bytes
        assertThatThrownBy(() -> WpContentPath.of("é".repeat(128))).hasMessageContaining("255");
        assertThatThrownBy(() -> WpContentPath.of(("d".repeat(200) + "/").repeat(21))).hasMessageContaining("4096");
        assertThat(WpContentPath.of("a".repeat(255)).name()).hasSize(255);
    }

    @Test
    void pathsAreNormalisedInsideWpContent() {
        assertThat(WpContentPath.of("uploads//2026/./12/").relative()).isEqualTo("uploads/2026/12");
        assertThat(WpContentPath.of("").isRoot()).isTrue();
        assertThat(WpContentPath.of(".").isRoot()).isTrue();
        assertThat(WpContentPath.of("./").isRoot()).isTrue();
        assertThat(WpContentPath.of("uploads/photo.jpg").name()).isEqualTo("photo.jpg");
        // dots that are not a whole ".." part are ordinary names
        assertThat(WpContentPath.of("...").relative()).isEqualTo("...");
        assertThat(WpContentPath.of("..hidden/a..b").relative()).isEqualTo("..hidden/a..b");
        assertThat(WpContentPath.of("uploads/-rf").relative()).isEqualTo("uploads/-rf");
        assertThat(WpContentPath.of("uploads/$(reboot);`id`'\"").relative()).isEqualTo("uploads/$(reboot);`id`'\"");
        assertThat(WpContentPath.of("uploads/ünïcödé.txt").relative()).isEqualTo("uploads/ünïcödé.txt");
        assertThat(WpContentPath.of("uploads").child("a.txt").relative()).isEqualTo("uploads/a.txt");
        assertThat(WpContentPath.root().child("a.txt").relative()).isEqualTo("a.txt");
        assertThat(WpContentPath.of("uploads/a").toString()).isEqualTo("wp-content/uploads/a");
    }

    @Test
    void aChildIsOneName() {
        assertThatThrownBy(() -> WpContentPath.root().child("a/b")).isInstanceOf(SiteFileException.class);
        assertThatThrownBy(() -> WpContentPath.root().child("..")).isInstanceOf(SiteFileException.class);
        assertThatThrownBy(() -> WpContentPath.root().child("")).isInstanceOf(SiteFileException.class);
    }

    @Test
    void theEditorRefusesBinaryAndNonUtf8() {
        WpContentPath p = WpContentPath.of("a.txt");
        assertThat(SiteFiles.text("héllo\n".getBytes(StandardCharsets.UTF_8), p)).isEqualTo("héllo\n");
        assertThatThrownBy(() -> SiteFiles.text(new byte[] { 'a', 0, 'b' }, p)).isInstanceOfSatisfying(
                SiteFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TEXT));
        assertThatThrownBy(() -> SiteFiles.text(new byte[] { (byte) 0xff, (byte) 0xd8, 'x' }, p))
                .isInstanceOfSatisfying(SiteFileException.class, e -> assertThat(e.httpStatus()).isEqualTo(415));
    }

    @Test
    void theScriptsExitCodesMapToReasons() {
        assertThat(SiteFiles.reason(3)).isEqualTo(Reason.NOT_FOUND);
        assertThat(SiteFiles.reason(4)).isEqualTo(Reason.OUTSIDE_WP_CONTENT);
        assertThat(SiteFiles.reason(7).httpStatus()).isEqualTo(413);
        assertThat(SiteFiles.reason(8)).isEqualTo(Reason.NOT_EMPTY);
        assertThat(SiteFiles.reason(9)).isEqualTo(Reason.EXISTS);
        assertThat(SiteFiles.reason(1)).isEqualTo(Reason.FAILED);
    }
}
