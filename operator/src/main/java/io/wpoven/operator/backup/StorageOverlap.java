package io.wpoven.operator.backup;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.wpoven.operator.api.v1alpha1.Backup;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.jobs.ToolPods.Storage;

/**
 * Whether two Backups' artifacts could mix: the same storage (one claim in one namespace; one bucket at one endpoint)
 * and prefixes that are equal or one the parent of the other. Retention only ever deletes artifacts whose owner record
 * names its own Backup, but overlapping prefixes are refused as well (a clear condition on the Backup) so that one
 * Backup's listing never wades through another's. Pure: the reconciler passes the Backups it knows.
 */
public final class StorageOverlap {
    private StorageOverlap() {
    }

    /** The other Backups whose storage overlaps backup's ("namespace/name"), sorted. */
    public static List<String> with(Backup backup, Collection<Backup> others) {
        Location mine = Location.of(backup);
        return others.stream()
                .filter(o -> !Objects.equals(o.getMetadata().getUid(), backup.getMetadata().getUid())
                        || !Objects.equals(o.getMetadata().getName(), backup.getMetadata().getName())
                        || !Objects.equals(o.getMetadata().getNamespace(), backup.getMetadata().getNamespace()))
                .filter(o -> o.getSpec() != null && o.getSpec().getStorage() != null)
                .filter(o -> mine.overlaps(Location.of(o)))
                .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .sorted().toList();
    }

    /**
     * The overlapping Backups that were there first (created earlier; on a tie, the smaller namespace/name): a new
     * Backup never stops one that already runs, it is the one refused.
     */
    public static List<String> blocking(Backup backup, Collection<Backup> others) {
        String mine = key(backup);
        return others.stream().filter(o -> o.getSpec() != null && o.getSpec().getStorage() != null)
                .filter(o -> key(o).compareTo(mine) < 0)
                .filter(o -> with(backup, List.of(o)).size() == 1)
                .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .sorted().toList();
    }

    private static String key(Backup b) {
        String created = b.getMetadata().getCreationTimestamp() == null ? "9999" : b.getMetadata().getCreationTimestamp();
        return created + " " + b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
    }

    /** A condition message for the overlapping Backups, or null when there are none. */
    public static String message(List<String> overlapping) {
        return overlapping.isEmpty() ? null : "spec.storage.prefix overlaps the storage of " + String.join(", ", overlapping)
                + ": a prefix must not equal, contain or lie inside another Backup's prefix on the same storage";
    }

    /** Where a Backup's artifacts go: a storage identity and the prefix's segments. */
    record Location(String storage, List<String> segments) {
        static Location of(Backup backup) {
            BackupStorageSpec spec = backup.getSpec().getStorage();
            String prefix = Storage.of(backup.getSpec(), backup.getMetadata().getNamespace(), backup.getMetadata().getName())
                    .prefix();
            String storage;
            if (spec.getPersistentVolumeClaim() != null) {
                storage = "pvc:" + backup.getMetadata().getNamespace() + "/" + spec.getPersistentVolumeClaim().getClaimName();
            } else {
                String endpoint = spec.getS3().getEndpoint() == null ? "" : spec.getS3().getEndpoint();
                storage = "s3:" + endpoint.toLowerCase(Locale.ROOT).replaceAll("/+$", "") + "/" + spec.getS3().getBucket();
            }
            List<String> segments = java.util.Arrays.stream(prefix.split("/")).filter(s -> !s.isEmpty()).toList();
            return new Location(storage, segments);
        }

        boolean overlaps(Location other) {
            if (!storage.equals(other.storage)) {
                return false;
            }
            int common = Math.min(segments.size(), other.segments.size());
            return segments.subList(0, common).equals(other.segments.subList(0, common));
        }
    }
}
