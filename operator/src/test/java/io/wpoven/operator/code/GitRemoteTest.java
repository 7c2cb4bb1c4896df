package io.wpoven.operator.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ls-remote against a local repository: branches, annotated tags, the default branch, bad refs, no repository. */
class GitRemoteTest {
    @TempDir
    Path tmp;

    @Test
    void refsResolveToCommits() throws Exception {
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            PersonIdent who = new PersonIdent("t", "t@example.com");
            Files.writeString(repo.resolve("index.php"), "v1");
            git.add().addFilepattern(".").call();
            RevCommit v1 = git.commit().setMessage("v1").setAuthor(who).setCommitter(who).call();
            git.tag().setName("v1.0").setAnnotated(true).setMessage("release").setTagger(who).call();
            Files.writeString(repo.resolve("index.php"), "v2");
            git.add().addFilepattern(".").call();
            RevCommit v2 = git.commit().setMessage("v2").setAuthor(who).setCommitter(who).call();
            String url = repo.toUri().toString();

            assertThat(GitRemote.resolve(url, "main", null, 5).commit()).isEqualTo(v2.getName());
            assertThat(GitRemote.resolve(url, null, null, 5).commit()).as("the default branch").isEqualTo(v2.getName());
            assertThat(GitRemote.resolve(url, "v1.0", null, 5).commit()).as("an annotated tag's commit")
                    .isEqualTo(v1.getName());
            assertThat(GitRemote.resolve(url, "refs/heads/main", null, 5).commit()).isEqualTo(v2.getName());
            assertThat(GitRemote.resolve(url, v1.getName(), null, 5).commit()).isEqualTo(v1.getName());

            GitRemote.Resolution bad = GitRemote.resolve(url, "no-such-branch", null, 5);
            assertThat(bad.found()).isFalse();
            assertThat(bad.reason()).isEqualTo(GitRemote.REF_NOT_FOUND);
            assertThat(bad.message()).contains("no-such-branch");
        }
        GitRemote.Resolution gone = GitRemote.resolve(tmp.resolve("nothing-here").toUri().toString(), "main", null, 5);
        assertThat(gone.reason()).isEqualTo(GitRemote.UNREACHABLE);
    }
}
