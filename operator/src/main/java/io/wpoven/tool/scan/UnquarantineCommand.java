package io.wpoven.tool.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;
import io.wpoven.tool.Log;
import io.wpoven.tool.Result;

/**
 * {@code unquarantine}: moves files of quarantine QUARANTINE_ID back where the scan found them, in CONTENT_DIR (FILES:
 * the paths as status.malwareScan.quarantined lists them; default every file of that quarantine). A path where a file
 * is again is refused. Core files (outside wp-content) are not given back: the pods' core comes from the image.
 */
public final class UnquarantineCommand {
    private UnquarantineCommand() {
    }

    public static Result run(Env env) {
        Path content = env.directory("CONTENT_DIR");
        Quarantine quarantine = new Quarantine(content, env.required("QUARANTINE_ID"));
        List<String> wanted = env.list("FILES").isEmpty() ? quarantine.entries() : env.list("FILES");
        List<String> back = new ArrayList<>();
        for (String shown : wanted) {
            if (!shown.startsWith(ScanCommand.CONTENT)) {
                throw new ConfigException("FILES", shown + " is not a wp-content path");
            }
            quarantine.giveBack(shown, content.resolve(shown.substring(ScanCommand.CONTENT.length())));
            back.add(shown);
        }
        Log.info("unquarantine: " + back.size() + " files restored from " + quarantine.folder());
        Result result = new Result("unquarantine");
        back.forEach(result::file);
        return result;
    }
}
