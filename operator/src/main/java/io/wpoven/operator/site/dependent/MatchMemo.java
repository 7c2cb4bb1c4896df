package io.wpoven.operator.site.dependent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.wpoven.operator.api.v1alpha1.CredentialRotationStatus;
import io.wpoven.operator.api.v1alpha1.MalwareScanStatus;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Which of a site's objects matched their desired state, and what the site and the object were then. A dependent's
 * desired() reads the site alone — its spec (generation), labels and annotations, and of its status only the malware
 * scan and the credential rotation — never the clock or chance (MatchMemoTest), and of other objects only what the
 * dependent declares it observes ({@link SiteDependentResource#observed}: the proxy and its config read whether the
 * site's certificate is issued), which is remembered with the rest. So while those parts
 * of the site and the object's spec and metadata are as they were (its generation; its resourceVersion for kinds
 * without one, as ConfigMaps and Services), the comparison would give the same answer: skip it. A site's status
 * conditions or an object's status moving do not count; anything else, an edit of the object by someone else among
 * it, compares again, as does the first reconcile after a restart (the memo lives in memory only).
 */
public final class MatchMemo {
    /** site uid → dependent class → what the site and its object were when they last matched */
    private static final Map<String, Map<Class<?>, Seen>> MATCHED = new ConcurrentHashMap<>();

    private MatchMemo() {
    }

    private record Seen(Long siteGeneration, Map<String, String> siteLabels, Map<String, String> siteAnnotations,
            MalwareScanStatus scan, CredentialRotationStatus rotation, String wordpressImage, Object observed, String uid, Long generation,
            String resourceVersion, Map<String, String> labels, Map<String, String> annotations,
            List<OwnerReference> owners) {

        static Seen of(WordPressSite site, HasMetadata actual, Object observed) {
            var s = site.getMetadata();
            var a = actual.getMetadata();
            var status = site.getStatus();
            return new Seen(s.getGeneration(), copy(s.getLabels()), copy(s.getAnnotations()),
                    status == null ? null : status.getMalwareScan(), status == null ? null : status.getCredentialRotation(),
                    // the image the WordPress pods and the cron run (WordPressRuntime.image)
                    status == null || status.getWordpress() == null ? null : status.getWordpress().getImage(), observed,
                    a.getUid(), a.getGeneration(), a.getGeneration() == null ? a.getResourceVersion() : null,
                    copy(a.getLabels()), copy(a.getAnnotations()),
                    a.getOwnerReferences() == null ? List.of() : List.copyOf(a.getOwnerReferences()));
        }

        private static Map<String, String> copy(Map<String, String> m) {
            return m == null ? Map.of() : new HashMap<>(m);
        }
    }

    static boolean matchedBefore(Class<?> dependent, WordPressSite site, HasMetadata actual) {
        return matchedBefore(dependent, site, actual, null);
    }

    /** @param observed what desired() read of other objects (SiteDependentResource#observed), null when nothing */
    static boolean matchedBefore(Class<?> dependent, WordPressSite site, HasMetadata actual, Object observed) {
        Map<Class<?>, Seen> bySite = MATCHED.get(site.getMetadata().getUid());
        Seen seen = bySite == null ? null : bySite.get(dependent);
        return seen != null && seen.equals(Seen.of(site, actual, observed));
    }

    static void remember(Class<?> dependent, WordPressSite site, HasMetadata actual) {
        remember(dependent, site, actual, null);
    }

    static void remember(Class<?> dependent, WordPressSite site, HasMetadata actual, Object observed) {
        MATCHED.computeIfAbsent(site.getMetadata().getUid(), uid -> new ConcurrentHashMap<>())
                .put(dependent, Seen.of(site, actual, observed));
    }

    /** Drops what is remembered of a site (it is being deleted). */
    public static void forget(WordPressSite site) {
        MATCHED.remove(site.getMetadata().getUid());
    }
}
