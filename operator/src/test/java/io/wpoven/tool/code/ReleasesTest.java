package io.wpoven.tool.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wpoven.tool.Env;
import io.wpoven.tool.ToolException;

/** The tool's side of a Git deploy against a temp wp-content and a local repository (JGit, no network). */
class ReleasesTest {
    @TempDir
    Path tmp;
    Path content;
    Path work;
    Path repo;
    Git git;

    @BeforeEach
    void setUp() throws Exception {
        content = Files.createDirectories(tmp.resolve("wp-content/themes"));
        content = content.getParent();
        Files.createDirectories(content.resolve("uploads"));
        work = Files.createDirectories(tmp.resolve("work"));
        repo = tmp.resolve("repo");
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    }

    RevCommit commit(Map<String, String> files) throws Exception {
        for (var f : files.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("t", "t@example.com");
        return git.commit().setMessage("c").setAuthor(who).setCommitter(who).call();
    }

    String deploy(RevCommit c, String subPath) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("FILES_DIR", content.toString(),
                "GIT_REPOSITORY", repo.toUri().toString(), "GIT_COMMIT", c.getName(), "CODE_PATH", "themes/acme",
                "KEEP_RELEASES", "1"));
        if (subPath != null) {
            env.put("GIT_SUBPATH", subPath);
        }
        return CodeDeployCommand.run(new Env(env), work).toJson();
    }

    String served(String file) throws IOException {
        return Files.readString(content.resolve("themes/acme").resolve(file));
    }

    @Test
    void aDeployWritesTheReleaseAndSwitchesASymlinkThenARollbackSwitchesBackWithoutFetching() throws Exception {
        RevCommit v1 = commit(Map.of("style.css", "/* Theme Name: Acme */", "index.php", "<?php echo 'v1';"));
        RevCommit v2 = commit(Map.of("index.php", "<?php echo 'v2';"));

        deploy(v1, null);
        assertThat(served("index.php")).isEqualTo("<?php echo 'v1';");
        Path link = content.resolve("themes/acme");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../.wpoven/releases/" + v1.getName());
        assertThat(content.resolve(".wpoven/releases/" + v1.getName() + "/.git")).doesNotExist();

        String json = deploy(v2, null);
        assertThat(json).contains("\"changes\":1");
        assertThat(served("index.php")).isEqualTo("<?php echo 'v2';");
        assertThat(served("style.css")).isEqualTo("/* Theme Name: Acme */");

        // the same commit again (a Job run twice): nothing fetched, nothing changed
        assertThat(deploy(v2, null)).contains("\"changes\":0");

        // rollback: v1's release is still there (the previous one is always kept)
        assertThat(deploy(v1, null)).contains("\"changes\":0");
        assertThat(served("index.php")).isEqualTo("<?php echo 'v1';");
        assertThat(Files.list(link.getParent()).map(p -> p.getFileName().toString()))
                .as("no temporary symlink left").containsExactly("acme");
    }

    @Test
    void pruningKeepsTheNewestAndTheServingOnesAndDeletesOnlyTheToolsOwnFolders() throws Exception {
        RevCommit a = commit(Map.of("index.php", "a"));
        RevCommit b = commit(Map.of("index.php", "b"));
        RevCommit c = commit(Map.of("index.php", "c"));
        RevCommit d = commit(Map.of("index.php", "d"));
        Path releases = content.resolve(Releases.DIR);
        Files.createDirectories(releases.resolve("someone-elses"));
        // a release half-written by a killed Job: its marker, under a temporary name
        Path half = Files.createDirectories(releases.resolve(Releases.TMP_PREFIX + a.getName() + "-1"));
        Files.writeString(half.resolve(Releases.MARKER), "wpoven-release " + a.getName() + " 1\n");

        for (RevCommit x : new RevCommit[] { a, b, c, d }) {
            deploy(x, null);
            Thread.sleep(5); // distinct creation times
        }
        // keep 1 besides the serving one (d) and the one before it (c): b is the one kept, a goes
        try (var list = Files.list(releases)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("someone-elses",
                    b.getName(), c.getName(), d.getName());
        }
    }

    @Test
    void aFolderTheOperatorDidNotMakeIsNeverReplaced() throws Exception {
        RevCommit v1 = commit(Map.of("index.php", "v1"));
        Files.createDirectories(content.resolve("themes/acme"));
        Files.writeString(content.resolve("themes/acme/index.php"), "the owner's own");
        assertThatThrownBy(() -> deploy(v1, null)).isInstanceOf(ToolException.class)
                .hasMessageContaining("not a release of the operator");
        assertThat(Files.readString(content.resolve("themes/acme/index.php"))).isEqualTo("the owner's own");
    }

    @Test
    void aSubPathIsServedAndAMissingOneFailsBeforeTheSwitch() throws Exception {
        RevCommit v1 = commit(Map.of("wp-content/themes/acme/index.php", "sub v1", "README", "r"));
        deploy(v1, "wp-content/themes/acme");
        assertThat(served("index.php")).isEqualTo("sub v1");
        RevCommit v2 = commit(Map.of("other/index.php", "x"));
        assertThatThrownBy(() -> deploy(v2, "no/such/folder")).isInstanceOf(ToolException.class)
                .hasMessageContaining("subPath no/such/folder");
        assertThat(served("index.php")).as("still the last good release").isEqualTo("sub v1");
    }

    @Test
    void aCommitTheRepositoryDoesNotHaveFailsAndChangesNothing() throws Exception {
        RevCommit v1 = commit(Map.of("index.php", "v1"));
        deploy(v1, null);
        Map<String, String> env = Map.of("FILES_DIR", content.toString(), "GIT_REPOSITORY", repo.toUri().toString(),
                "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567", "CODE_PATH", "themes/acme");
        assertThatThrownBy(() -> CodeDeployCommand.run(new Env(env), work)).isInstanceOf(ToolException.class)
                .hasMessageContaining("not on any branch or tag");
        assertThat(served("index.php")).isEqualTo("v1");
        try (var list = Files.list(content.resolve(Releases.DIR))) {
            // the failed fetch's temporary folder is the tool's (marker): the next deploy's pruning takes it
            assertThat(list.filter(p -> !p.getFileName().toString().startsWith(Releases.TMP_PREFIX))
                    .map(p -> p.getFileName().toString())).containsExactly(v1.getName());
        }
        assertThat(new Releases(content).prune(3, Set.of(v1.getName()))).singleElement().asString()
                .startsWith(Releases.TMP_PREFIX);
    }
}
