package io.wpoven.e2e.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.wpoven.e2e.harness.Repo;

/**
 * WordPress from Debian's package: the core in a docroot of its own (symlinks resolved) with wp-config.php as the
 * official image writes it (settings from WORDPRESS_* variables), and the installer run from the command line.
 */
public final class WordPressInstall {
    private static final Path WORDPRESS_CORE = Path.of("/usr/share/wordpress");

    private WordPressInstall() {
    }

    /** Copies the core into docroot with the official image's wp-config.php and an uploads folder. */
    public static void copyCore(Path docroot) {
        try {
            copyTree(WORDPRESS_CORE, docroot);
            Files.deleteIfExists(docroot.resolve("wp-config.php"));
            Files.writeString(docroot.resolve("wp-config.php"), wpConfig());
            Files.createDirectories(docroot.resolve("wp-content/uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * wp-config.php of the project's php-fpm image (the official image's, images/wordpress), plus what this machine
     * needs: no network here, so WordPress neither asks wordpress.org for updates nor runs its cron through an HTTP
     * request to the site's public name.
     */
    static String wpConfig() throws IOException {
        String config = Files.readString(Repo.root().resolve("images/wordpress/wp-config-docker.php"));
        String extra = "if ($configExtra = getenv_docker('WORDPRESS_CONFIG_EXTRA', '')) {";
        if (!config.contains(extra)) {
            throw new IllegalStateException("wp-config-docker.php no longer evaluates WORDPRESS_CONFIG_EXTRA");
        }
        return config.replace(extra, "// Stack test only\ndefine('WP_HTTP_BLOCK_EXTERNAL', true);\n"
                + "define('DISABLE_WP_CRON', true);\n\n" + extra);
    }

    /**
     * Runs the installer (install.php, copied into workDir) with env (WORDPRESS_* for the database, WPOVEN_TEST_HOME
     * for the URL); fails unless it made the admin user. Returns its output.
     */
    public static String install(Path docroot, Path workDir, Path phpIni, Map<String, String> env, String title,
            String user, String email, String password) {
        try {
            Path installer = workDir.resolve("install.php");
            copyResource("/stack/install.php", installer);
            List<String> command = new ArrayList<>(List.of("php"));
            if (phpIni != null) {
                command.addAll(List.of("-c", phpIni.toString()));
            }
            command.addAll(List.of(installer.toString(), docroot.toString(), title, user, email, password));
            String out = Exec.run(command, env, workDir, Duration.ofSeconds(120));
            if (!out.contains("\"user_id\":1")) {
                throw new IllegalStateException("WordPress install failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = WordPressInstall.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
