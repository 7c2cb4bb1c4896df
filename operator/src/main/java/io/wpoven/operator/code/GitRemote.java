package io.wpoven.operator.code;

import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * What a ref of a remote repository points at, asked with {@code ls-remote} (JGit; no clone). A branch or tag name,
 * a full ref name, or a full commit id (taken as is: the deploy Job finds out whether the repository has it).
 */
public final class GitRemote {
    private GitRemote() {
    }

    public static final String REF_NOT_FOUND = "RefNotFound";
    public static final String UNREACHABLE = "RepositoryUnreachable";

    /** A commit, or the reason (one of the condition's reasons) and message why there is none. */
    public record Resolution(String commit, String reason, String message) {
        public static Resolution of(String commit) {
            return new Resolution(commit, null, null);
        }

        public boolean found() {
            return commit != null;
        }
    }

    public static Resolution resolve(String repository, String ref, CredentialsProvider credentials, int timeoutSeconds) {
        if (ref != null && ref.matches("[0-9a-f]{40}")) {
            return Resolution.of(ref);
        }
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(repository).setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds).callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            return new Resolution(null, UNREACHABLE, "Cannot list the refs of " + repository + ": " + message(e));
        }
        return pick(refs, ref, repository);
    }

    /** Pure part of {@link #resolve}: the advertised refs in, the commit of ref out. */
    static Resolution pick(Map<String, Ref> refs, String ref, String repository) {
        if (ref == null || ref.isBlank()) {
            return commit(refs.get("HEAD")).or(() -> commit(refs.get("refs/heads/main"))).map(Resolution::of)
                    .orElseGet(() -> new Resolution(null, REF_NOT_FOUND, repository
                            + " has no default branch (HEAD) and no branch main: set spec.code.git.ref"));
        }
        Optional<String> found = ref.startsWith("refs/") ? commit(refs.get(ref))
                : commit(refs.get("refs/heads/" + ref)).or(() -> commit(refs.get("refs/tags/" + ref)));
        return found.map(Resolution::of).orElseGet(() -> new Resolution(null, REF_NOT_FOUND, "spec.code.git.ref " + ref
                + " is not a branch or tag of " + repository));
    }

    /** The commit a ref points at: an annotated tag's target, not the tag object. */
    private static Optional<String> commit(Ref ref) {
        if (ref == null) {
            return Optional.empty();
        }
        ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        return Optional.ofNullable(id).map(ObjectId::getName);
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
