package io.wpoven.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import io.wpoven.tool.scan.ManifestCommand;
import io.wpoven.tool.scan.ScanCommand;
import io.wpoven.tool.scan.UnquarantineCommand;

/**
 * The tool that runs in the operator's Jobs: {@code java -cp … io.wpoven.tool.WpovenTool <command>} with
 * {@code backup}, {@code restore}, {@code import}, {@code retention}, {@code search-replace}, {@code clone}, {@code push}, {@code scan},
 * {@code core-manifest}, {@code unquarantine} or {@code code-deploy},
 * configured by environment variables. It prints progress to stdout, leaves a one-line JSON result in the termination
 * log and exits 0 (done), 1 (failed) or 2 (bad configuration).
 */
public final class WpovenTool {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;

    private WpovenTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Env.system()));
    }

    static int run(String[] args, Env env) {
        String command = args.length > 0 ? args[0] : env.get("COMMAND", "");
        Path terminationLog = Path.of(env.get("TERMINATION_LOG", "/dev/termination-log"));
        try {
            Path workDir = Path.of(env.get("WORK_DIR", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(workDir);
            String json = switch (command) {
                case "scan" -> ScanCommand.run(env, workDir).toJson();
                default -> result(command, env, workDir).toJson();
            };
            Result.writeTerminationLog(terminationLog, json);
            Log.info(command + " done: " + json);
            return OK;
        } catch (ConfigException e) {
            return fail(command, terminationLog, "bad configuration: " + e.getMessage(), BAD_CONFIG);
        } catch (ToolException e) {
            return fail(command, terminationLog, e.getMessage(), FAILED);
        } catch (SQLException e) {
            return fail(command, terminationLog, "database error: " + e.getMessage(), FAILED);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            return fail(command, terminationLog, e.toString(), FAILED);
        }
    }

    private static Result result(String command, Env env, Path workDir) throws SQLException, java.io.IOException {
        return switch (command) {
            case "backup" -> Backup.run(env, workDir);
            case "restore" -> cacheEmptied(env, Restore.run(env, workDir));
            case "retention" -> RetentionCommand.run(env, workDir);
            case "purge" -> PurgeCommand.run(env, workDir);
            case "import" -> cacheEmptied(env, ImportCommand.run(env, workDir));
            case "search-replace" -> SearchReplaceCommand.run(env);
            case "clone", "push" -> cacheEmptied(env, Clone.run(command, env));
            case "core-manifest" -> ManifestCommand.run(env);
            case "unquarantine" -> UnquarantineCommand.run(env);
            case "rotate-password" -> RotatePasswordCommand.run(env);
            case "code-deploy" -> io.wpoven.tool.code.CodeDeployCommand.run(env, workDir);
            default -> throw new ConfigException("command", "'" + command + "' is not one of backup, restore, "
                    + "import, retention, purge, search-replace, clone, push, scan, core-manifest, unquarantine, "
                    + "rotate-password, code-deploy");
        };
    }

    /** After a command replaced a site's data, its object cache holds what was there before. */
    private static Result cacheEmptied(Env env, Result result) {
        io.wpoven.tool.cache.ObjectCacheFlush.afterWrite(env);
        return result;
    }

    private static int fail(String command, Path terminationLog, String message, int code) {
        String json = Result.failure(command, message);
        Result.writeTerminationLog(terminationLog, json);
        Log.info(command + " failed: " + message);
        return code;
    }
}
