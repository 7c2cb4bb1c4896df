package io.wpoven.tool.scan;

import java.nio.file.Path;

import io.wpoven.tool.Env;
import io.wpoven.tool.Log;
import io.wpoven.tool.Result;

/**
 * {@code core-manifest}: writes the sha256 manifest of a pristine core (CORE_DIR) to MANIFEST_FILE, in the format the
 * WordPress image's build writes with sha256sum (images/wordpress/Dockerfile) and {@code scan} reads.
 */
public final class ManifestCommand {
    private ManifestCommand() {
    }

    public static Result run(Env env) {
        CoreManifest manifest = CoreManifest.build(env.directory("CORE_DIR"));
        Path out = Path.of(env.required("MANIFEST_FILE"));
        manifest.write(out);
        Log.info("core-manifest: " + manifest.sums().size() + " files → " + out);
        return new Result("core-manifest").file(out.toString()).changes(manifest.sums().size());
    }
}
