package io.wpoven.tool.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SerializedReplaceTest {
    private final SerializedReplace replace = new SerializedReplace("http://old.example", "https://new.example.org");

    private static String s(String value) {
        return "s:" + value.getBytes(StandardCharsets.UTF_8).length + ":\"" + value + "\";";
    }

    @Test
    void plainValuesAreReplacedEverywhere() {
        SerializedReplace.Outcome out = replace.apply("<a href=\"http://old.example/a\">x</a> http://old.example");
        assertThat(out.value()).isEqualTo("<a href=\"https://new.example.org/a\">x</a> https://new.example.org");
        assertThat(out.replacements()).isEqualTo(2);
    }

    @Test
    void valuesWithoutTheStringAreUnchanged() {
        SerializedReplace.Outcome out = replace.apply(s("nothing here"));
        assertThat(out.changed()).isFalse();
        assertThat(out.value()).isEqualTo(s("nothing here"));
    }

    @Test
    void serializedStringLengthsAreRecomputed() {
        assertThat(replace.apply(s("http://old.example/wp-content/a.png")).value())
                .isEqualTo(s("https://new.example.org/wp-content/a.png"));
    }

    @Test
    void nestedArraysAndObjectsKeepKeysAndRewriteValues() {
        String before = "a:3:{s:4:\"home\";" + s("http://old.example") + "i:0;a:1:{s:3:\"url\";" + s("http://old.example/x")
                + "}s:6:\"widget\";O:8:\"stdClass\":2:{s:4:\"link\";" + s("http://old.example/y") + "s:5:\"count\";i:3;}}";
        String after = "a:3:{s:4:\"home\";" + s("https://new.example.org") + "i:0;a:1:{s:3:\"url\";"
                + s("https://new.example.org/x") + "}s:6:\"widget\";O:8:\"stdClass\":2:{s:4:\"link\";"
                + s("https://new.example.org/y") + "s:5:\"count\";i:3;}}";
        SerializedReplace.Outcome out = replace.apply(before);
        assertThat(out.value()).isEqualTo(after);
        assertThat(out.replacements()).isEqualTo(3);
    }

    @Test
    void arrayKeysAreNotRewritten() {
        String before = "a:1:{" + s("http://old.example") + "b:1;}";
        assertThat(replace.apply(before).changed()).isFalse();
    }

    @Test
    void multibyteStringsAreCountedInBytes() {
        String value = "Café ☕ http://old.example/ünïcödé 😀";
        String before = "a:1:{s:1:\"t\";" + s(value) + "}";
        String after = "a:1:{s:1:\"t\";" + s("Café ☕ https://new.example.org/ünïcödé 😀") + "}";
        assertThat(replace.apply(before).value()).isEqualTo(after);
        assertThat(after).contains("s:" + "Café ☕ https://new.example.org/ünïcödé 😀".getBytes(StandardCharsets.UTF_8).length + ":");
    }

    @Test
    void jsonEscapedSlashesAreReplacedToo() {
        String blocks = "<!-- wp:image {\"url\":\"http:\\/\\/old.example\\/a.jpg\"} --><img src=\"http://old.example/a.jpg\">";
        SerializedReplace.Outcome out = replace.apply(blocks);
        assertThat(out.value()).isEqualTo(
                "<!-- wp:image {\"url\":\"https:\\/\\/new.example.org\\/a.jpg\"} --><img src=\"https://new.example.org/a.jpg\">");
        assertThat(out.replacements()).isEqualTo(2);
    }

    @Test
    void jsonEscapedInsideSerializedStrings() {
        String json = "{\"u\":\"http:\\/\\/old.example\\/p\"}";
        assertThat(replace.apply("a:1:{i:0;" + s(json) + "}").value())
                .isEqualTo("a:1:{i:0;" + s("{\"u\":\"https:\\/\\/new.example.org\\/p\"}") + "}");
    }

    @Test
    void serializedDataInsideSerializedStringsIsRewrittenToo() {
        String inner = "a:1:{i:0;" + s("http://old.example/in") + "}";
        String innerAfter = "a:1:{i:0;" + s("https://new.example.org/in") + "}";
        assertThat(replace.apply("a:1:{i:0;" + s(inner) + "}").value()).isEqualTo("a:1:{i:0;" + s(innerAfter) + "}");
    }

    @Test
    void brokenSerializedDataIsLeftAlone() {
        String broken = "a:1:{i:0;s:99:\"http://old.example\";}";
        SerializedReplace.Outcome out = replace.apply(broken);
        assertThat(out.value()).isEqualTo(broken);
        assertThat(out.changed()).isFalse();
        assertThat(out.unparsable()).isTrue();
    }

    @Test
    void scalarsNullsBooleansFloatsAndReferencesSurvive() {
        String before = "a:6:{i:0;N;i:1;b:1;i:2;d:0.5;i:3;i:-7;i:4;" + s("http://old.example") + "i:5;R:2;}";
        String after = "a:6:{i:0;N;i:1;b:1;i:2;d:0.5;i:3;i:-7;i:4;" + s("https://new.example.org") + "i:5;R:2;}";
        assertThat(replace.apply(before).value()).isEqualTo(after);
    }

    @Test
    void customSerializedPayloadsAreCopiedAsIs() {
        String payload = "x:http://old.example";
        String custom = "C:11:\"ArrayObject\":" + payload.length() + ":{" + payload + "}";
        String before = "a:2:{i:0;" + custom + "i:1;" + s("http://old.example") + "}";
        assertThat(replace.apply(before).value())
                .isEqualTo("a:2:{i:0;" + custom + "i:1;" + s("https://new.example.org") + "}");
    }

    @Test
    void shorterReplacementsShrinkLengths() {
        SerializedReplace shorter = new SerializedReplace("https://www.long-domain.example", "http://s.ex");
        assertThat(shorter.apply(s("https://www.long-domain.example/a")).value()).isEqualTo(s("http://s.ex/a"));
    }

    @Test
    void serializedValuesWithSurroundingWhitespaceGetCorrectLengths() {
        // WordPress's is_serialized() and maybe_unserialize() trim the value first: such a value is serialized data
        String value = "\n  a:1:{s:3:\"url\";" + s("http://old.example/x") + "}\r\n";
        SerializedReplace.Outcome out = replace.apply(value);
        assertThat(out.value()).isEqualTo("\n  a:1:{s:3:\"url\";" + s("https://new.example.org/x") + "}\r\n");
        assertThat(out.replacements()).isEqualTo(1);
        // and a serialized string inside serialized data, padded the same way
        String nested = s(" " + s("http://old.example") + "\n");
        assertThat(replace.apply(nested).value()).isEqualTo(s(" " + s("https://new.example.org") + "\n"));
    }

    @Test
    void anotherHostThatStartsWithTheOldOneIsNotRewritten() {
        SerializedReplace blog = new SerializedReplace("//blog.example.com", "//shop.example.org");
        for (String other : new String[] {"https://blog.example.com.au/x", "https://blog.example.community/",
                "//blog.example.com-mirror.net", "//blog.example.com_x"}) {
            SerializedReplace.Outcome out = blog.apply(other);
            assertThat(out.changed()).as(other).isFalse();
            assertThat(out.value()).isEqualTo(other);
            assertThat(blog.apply(s(other)).value()).isEqualTo(s(other));
        }
        assertThat(blog.apply("https://blog.example.com.au and https://blog.example.com/a, https://blog.example.com."
                + " https://blog.example.com:8080 \"https:\\/\\/blog.example.com\\/x\" https:\\/\\/blog.example.com.au").value())
                .isEqualTo("https://blog.example.com.au and https://shop.example.org/a, https://shop.example.org."
                        + " https://shop.example.org:8080 \"https:\\/\\/shop.example.org\\/x\" https:\\/\\/blog.example.com.au");
        SerializedReplace bare = new SerializedReplace("blog.example.com", "shop.example.org");
        assertThat(bare.apply("www.blog.example.com myblog.example.com blog.example.com").value())
                .isEqualTo("www.blog.example.com myblog.example.com shop.example.org");
    }
}
