package io.wpoven.tool.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YARA (Debian's yara) with the project's rule set, {@code malware/wpoven.yar} in the tool's jar: a rule's tag is the
 * class of its findings ({@code obfuscated_php} → {@code obfuscated-php}).
 */
final class YaraScanner extends Scanner {
    static final String RULES_RESOURCE = "/malware/wpoven.yar";
    /** {@code yara -g}: {@code rule [tag,…] /path}. */
    private static final Pattern LINE = Pattern.compile("^(\\S+) \\[([^\\]]*)\\] (/.*)$");

    private final Path rules;

    YaraScanner(Path rules, Duration timeout) {
        super(timeout);
        this.rules = rules;
    }

    /** The project's rules, written to workDir for yara to read. */
    static Path bundledRules(Path workDir) {
        try (InputStream in = YaraScanner.class.getResourceAsStream(RULES_RESOURCE)) {
            Path file = workDir.resolve("wpoven.yar");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    List<String> command(Path list) {
        // -w: no warnings about slow rules; -g: tags; --scan-list: the files, one per line
        return List.of("yara", "-w", "-g", "--scan-list", rules.toString(), list.toString());
    }

    @Override
    Finding parse(String line, Path root) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String rel = relative(root, m.group(3));
        String tag = m.group(2).isEmpty() ? "signature" : m.group(2).split(",")[0];
        return rel == null ? null : new Finding(tag.replace('_', '-'), rel, "yara:" + m.group(1));
    }

    @Override
    boolean ran(int exit) {
        return exit == 0;
    }
}
