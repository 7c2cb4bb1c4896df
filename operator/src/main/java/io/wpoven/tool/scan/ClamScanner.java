package io.wpoven.tool.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClamAV (Debian's clamscan) with the signature folder the platform provides (CLAMAV_DB): freshclam needs the
 * internet, so the tool never downloads signatures; without a folder ClamAV is not run.
 */
final class ClamScanner extends Scanner {
    /** {@code clamscan -i --no-summary}: {@code /path: Signature.Name FOUND}. */
    private static final Pattern LINE = Pattern.compile("^(/.*): (\\S+) FOUND$");

    private final Path database;

    ClamScanner(Path database, Duration timeout) {
        super(timeout);
        this.database = database;
    }

    @Override
    List<String> command(Path list) {
        return List.of("clamscan", "--no-summary", "-i", "--stdout", "-d", database.toString(), "--file-list=" + list);
    }

    @Override
    Finding parse(String line, Path root) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String rel = relative(root, m.group(1));
        return rel == null ? null : new Finding(Finding.CLAMAV, rel, "clamav:" + m.group(2));
    }

    @Override
    boolean ran(int exit) {
        // 0: nothing found, 1: something found, 2: an error
        return exit == 0 || exit == 1;
    }
}
