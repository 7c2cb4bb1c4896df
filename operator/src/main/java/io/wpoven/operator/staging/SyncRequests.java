package io.wpoven.operator.staging;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wpoven.operator.api.v1alpha1.Staging;
import io.wpoven.operator.support.Labels;

/**
 * Which observed object belongs to which request. A Job, checkpoint or rollback counts for a request only when
 * this very Staging (its uid, not its name) owns it and it carries the request's identity: a finished Job of an
 * earlier request, or of a deleted Staging of the same name, never makes a new request look done.
 */
final class SyncRequests {
    private SyncRequests() {
    }

    /** The object named name that this staging owns and, when request is not null, that was made for request. */
    static <T extends HasMetadata> Optional<T> find(Collection<T> observed, String name, Staging staging, String request) {
        return observed.stream().filter(o -> name.equals(o.getMetadata().getName()))
                .filter(o -> ownedBy(o, staging))
                .filter(o -> request == null || Objects.equals(request, labels(o).get(Labels.REQUEST)))
                .findFirst();
    }

    static boolean ownedBy(HasMetadata object, Staging staging) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> Objects.equals(r.getUid(), staging.getMetadata().getUid()));
    }

    private static java.util.Map<String, String> labels(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? java.util.Map.of() : o.getMetadata().getLabels();
    }
}
