package io.wpoven.operator.site.dependent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * Which of a site's objects matched their desired state, and at which versions of the site and of the object.
 * Desired state is a function of the site alone (desired() reads no other object), so while neither the site's
 * resourceVersion nor the object's has changed, the comparison would give the same answer: skip it. Any change to
 * the site (spec, annotations, status) or to the object (someone edits it, its status moves) compares again; so does
 * the first reconcile after a restart, the memo living only in memory.
 */
public final class MatchMemo {
    /** site uid → dependent class → "siteVersion/objectUid/objectVersion" when they last matched */
    private static final Map<String, Map<Class<?>, String>> MATCHED = new ConcurrentHashMap<>();

    private MatchMemo() {
    }

    static boolean matchedBefore(Class<?> dependent, WordPressSite site, HasMetadata actual) {
        Map<Class<?>, String> bySite = MATCHED.get(site.getMetadata().getUid());
        return bySite != null && key(site, actual).equals(bySite.get(dependent));
    }

    static void remember(Class<?> dependent, WordPressSite site, HasMetadata actual) {
        MATCHED.computeIfAbsent(site.getMetadata().getUid(), uid -> new ConcurrentHashMap<>()).put(dependent, key(site, actual));
    }

    /** Drops what is remembered of a site (it is being deleted). */
    public static void forget(WordPressSite site) {
        MATCHED.remove(site.getMetadata().getUid());
    }

    private static String key(WordPressSite site, HasMetadata actual) {
        return site.getMetadata().getResourceVersion() + "/" + actual.getMetadata().getUid() + "/"
                + actual.getMetadata().getResourceVersion();
    }
}
