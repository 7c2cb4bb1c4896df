package io.wpoven.operator.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.wpoven.operator.api.v1alpha1.BackupSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.BackupContentSpec;
import io.wpoven.operator.api.v1alpha1.spec.BackupStorageSpec;
import io.wpoven.operator.api.v1alpha1.spec.ExternalDatabaseSpec;
import io.wpoven.operator.api.v1alpha1.spec.S3StorageSpec;
import io.wpoven.operator.site.dependent.SiteSecretDependent;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.PodSecurity;
import io.wpoven.operator.support.SitePlacement;
import io.wpoven.operator.support.SitePodTemplate;
import io.wpoven.operator.support.Ports;

/**
 * Pods of the operator's tool (io.wpoven.tool.WpovenTool in the operator image): backups, restores and staging
 * copies. Everything it needs comes as environment variables, secrets as secretKeyRef; its one-line JSON
 * result goes to the termination message, where the reconcilers read it back.
 */
public final class ToolPods {
    private ToolPods() {
    }

    public static final String MAIN_CLASS = "io.wpoven.tool.WpovenTool";
    /** www-data, as in the WordPress pods: the tool reads and writes wp-content with the same owner. */
    static final long UID = 33;
    static final String CONTENT_DIR = "/wp-content";
    static final String SOURCE_CONTENT_DIR = "/source/wp-content";
    static final String STORAGE_DIR = "/backups";
    static final String CA_DIR = "/etc/wpoven-s3-ca";
    /** Label a tool Job carries with its owner's name, so runs of a CronJob map back to their Backup. */
    public static final String BACKUP_LABEL = "wpoven.io/backup";
    /** Jobs' pods get this label from the Job controller; the artifact of a backup run is named after its Job. */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    public enum Command {
        BACKUP("backup"), RESTORE("restore"), PURGE("purge"), CLONE("clone"), PUSH("push"), SCAN("scan"),
        ROTATE_PASSWORD("rotate-password"), IMPORT("import"), CODE_DEPLOY("code-deploy");

        final String arg;

        Command(String arg) {
            this.arg = arg;
        }
    }

    /** Where artifacts go; the Backup's own folder or prefix unless it names one. */
    public record Storage(BackupStorageSpec spec, String prefix) {
        public static Storage of(BackupSpec backup, String namespace, String backupName) {
            String prefix = backup.getStorage().getPrefix() != null ? backup.getStorage().getPrefix()
                    : namespace + "/" + backupName;
            return new Storage(backup.getStorage(), prefix);
        }
    }

    /** A tool container plus its volumes, built step by step. */
    public static final class Builder {
        private final ToolJobSettings tool;
        private final WordPressSite site;
        private final Command command;
        private final List<EnvVar> env = new ArrayList<>();
        private final List<VolumeMount> mounts = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private final Map<String, String> labels;
        private final List<Map<String, String>> nearPods = new ArrayList<>();
        private final List<Container> initContainers = new ArrayList<>();

        private Builder(ToolJobSettings tool, WordPressSite site, Command command, Map<String, String> labels) {
            this.tool = tool;
            this.site = site;
            this.command = command;
            this.labels = labels;
        }

        public Builder env(String name, String value) {
            env.add(new EnvVarBuilder().withName(name).withValue(value).build());
            return this;
        }

        /** DB_* (or SOURCE_DB_*, TARGET_DB_* with a prefix) for the site's database, as an administrator. */
        public Builder database(String prefix, WordPressSite site) {
            labels.put(dataAccessLabel(site), "true");
            ExternalDatabaseSpec external = site.getSpec().getDatabase().getExternal();
            if (external != null) {
                env(prefix + "DB_HOST", external.getHost());
                env(prefix + "DB_PORT", String.valueOf(external.getPort()));
                env(prefix + "DB_NAME", external.getName());
                env.add(secretEnv(prefix + "DB_USER", external.getCredentialsSecret().getName(),
                        external.getCredentialsSecret().getUsernameKey()));
                env.add(secretEnv(prefix + "DB_PASSWORD", external.getCredentialsSecret().getName(),
                        external.getCredentialsSecret().getPasswordKey()));
            } else {
                env(prefix + "DB_HOST", Names.mariadb(site));
                env(prefix + "DB_PORT", String.valueOf(Ports.MARIADB));
                env(prefix + "DB_NAME", Names.DATABASE);
                env(prefix + "DB_USER", "root");
                env.add(secretEnv(prefix + "DB_PASSWORD", Names.secret(site), SiteSecretDependent.DB_ROOT_PASSWORD));
            }
            return this;
        }

        /**
         * REDIS_* of the site's object cache, which the tool empties after it replaced the site's data (nothing when
         * the site has none).
         */
        public Builder objectCache(WordPressSite site) {
            if (Boolean.TRUE.equals(site.getSpec().getObjectCache().getEnabled())) {
                labels.put(dataAccessLabel(site), "true");
                env("REDIS_HOST", Names.redis(site));
                env("REDIS_PORT", String.valueOf(Ports.REDIS));
                env.add(secretEnv("REDIS_PASSWORD", Names.secret(site), SiteSecretDependent.REDIS_PASSWORD));
            }
            return this;
        }

        /**
         * DB_* for the site's database as WordPress's own user, never root: for the scan, which only reads. (The
         * managed MariaDB has no read-only user; an external database's credentials are the site's.)
         */
        public Builder databaseAsWordPress(WordPressSite site) {
            if (site.getSpec().getDatabase().getExternal() != null) {
                return database("", site);
            }
            labels.put(dataAccessLabel(site), "true");
            env("DB_HOST", Names.mariadb(site));
            env("DB_PORT", String.valueOf(Ports.MARIADB));
            env("DB_NAME", Names.DATABASE);
            env("DB_USER", Names.DATABASE_USER);
            env.add(secretEnv("DB_PASSWORD", Names.secret(site), SiteSecretDependent.DB_PASSWORD));
            return this;
        }

        /** An emptyDir the tool container mounts at path (and init containers may fill). */
        public Builder scratch(String volume, String path) {
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(path).build());
            volumes.add(new VolumeBuilder().withName(volume).withNewEmptyDir().endEmptyDir().build());
            return this;
        }

        /** A claim of the site's namespace, mounted read-only at path. */
        public Builder readOnlyClaim(String volume, String claim, String path) {
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build());
            volumes.add(new VolumeBuilder().withName(volume).withNewPersistentVolumeClaim().withClaimName(claim)
                    .withReadOnly(true).endPersistentVolumeClaim().build());
            return this;
        }

        /** A container that runs to completion before the tool, as the same user with the same restrictions. */
        public Builder initContainer(Container container) {
            initContainers.add(new ContainerBuilder(container).withImagePullPolicy("IfNotPresent")
                    .withSecurityContext(PodSecurity.container())
                    .withResources(new ResourceRequirementsBuilder()
                            .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")))
                            .withLimits(Map.of("memory", new Quantity("256Mi")))
                            .build())
                    .build());
            return this;
        }

        /** The site's wp-content claim at FILES_DIR (or SOURCE_FILES_DIR / TARGET_FILES_DIR). */
        public Builder files(String envName, WordPressSite site, boolean readOnly) {
            String volume = Names.contentVolume(site);
            String path = envName.startsWith("SOURCE_") ? SOURCE_CONTENT_DIR : CONTENT_DIR;
            env(envName, path);
            // a ReadWriteOnce claim attaches to one node at a time: run beside the site's WordPress pods when they run
            nearPods.add(Labels.selector(site, Component.WORDPRESS));
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build());
            volumes.add(new VolumeBuilder().withName(volume).withNewPersistentVolumeClaim()
                    .withClaimName(Names.content(site)).withReadOnly(readOnly).endPersistentVolumeClaim().build());
            return this;
        }

        public Builder include(BackupContentSpec include) {
            env("INCLUDE_DATABASE", String.valueOf(include.database()));
            env("INCLUDE_FILES", String.valueOf(include.files()));
            return this;
        }

        /** STORAGE_* or S3_* and the volume or credentials they need. */
        public Builder storage(Storage storage) {
            BackupStorageSpec spec = storage.spec();
            if (spec.getPersistentVolumeClaim() != null) {
                env("STORAGE_TYPE", "pvc");
                env("STORAGE_PATH", STORAGE_DIR);
                env("STORAGE_PREFIX", storage.prefix());
                mounts.add(new VolumeMountBuilder().withName("backups").withMountPath(STORAGE_DIR).build());
                volumes.add(new VolumeBuilder().withName("backups").withNewPersistentVolumeClaim()
                        .withClaimName(spec.getPersistentVolumeClaim().getClaimName()).endPersistentVolumeClaim().build());
            } else {
                S3StorageSpec s3 = spec.getS3();
                env("STORAGE_TYPE", "s3");
                env("S3_ENDPOINT", s3.getEndpoint().replaceAll("/$", ""));
                env("S3_BUCKET", s3.getBucket());
                env("S3_REGION", s3.getRegion() == null ? "us-east-1" : s3.getRegion());
                env("S3_PREFIX", storage.prefix());
                env.add(secretEnv("AWS_ACCESS_KEY_ID", s3.getCredentialsSecret().getName(),
                        s3.getCredentialsSecret().getAccessKeyIdKey()));
                env.add(secretEnv("AWS_SECRET_ACCESS_KEY", s3.getCredentialsSecret().getName(),
                        s3.getCredentialsSecret().getSecretAccessKeyKey()));
                if (s3.getCaBundle() != null) {
                    env("S3_CA_FILE", CA_DIR + "/ca.crt");
                    mounts.add(new VolumeMountBuilder().withName("s3-ca").withMountPath(CA_DIR).withReadOnly(true).build());
                    volumes.add(new VolumeBuilder().withName("s3-ca").withNewSecret()
                            .withSecretName(s3.getCaBundle().getName())
                            .addNewItem().withKey(s3.getCaBundle().getKey()).withPath("ca.crt").endItem()
                            .endSecret().build());
                }
            }
            return this;
        }

        /**
         * OWNER_*: the object whose artifacts this Job writes or may delete (a Backup; a Restore for its safety
         * backup). Retention and purge delete only artifacts whose owner record names this uid.
         */
        public Builder owner(HasMetadata owner) {
            return env("OWNER_KIND", owner.getKind()).env("OWNER_NAMESPACE", owner.getMetadata().getNamespace())
                    .env("OWNER_NAME", owner.getMetadata().getName()).env("OWNER_UID", owner.getMetadata().getUid());
        }

        /**
         * ARTIFACT_HMAC_KEY from the credentials Secret of the Backup's site (same namespace): every artifact in a
         * Backup's storage is signed, and checked before a restore, with that one key.
         */
        public Builder signingKeyOf(String backupSite) {
            env.add(secretEnv("ARTIFACT_HMAC_KEY", Names.secret(backupSite), SiteSecretDependent.BACKUP_SIGNING_KEY));
            return this;
        }

        /** ARTIFACT_NAME is the Job's own name: each run of a CronJob writes its own artifact. */
        public Builder artifactFromJobName() {
            env.add(new EnvVarBuilder().withName("ARTIFACT_NAME").withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.labels['" + JOB_NAME_LABEL + "']").endFieldRef().endValueFrom().build());
            return this;
        }

        public PodTemplateSpec podTemplate() {
            var container = new ContainerBuilder()
                    .withName("tool")
                    .withImage(tool.image())
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand("java", "-cp", "/deployments/app/*:/deployments/lib/main/*", MAIN_CLASS, command.arg)
                    .withEnv(env)
                    .withVolumeMounts(mounts)
                    .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                    .withResources(tool.resources())
                    .withTerminationMessagePolicy("FallbackToLogsOnError")
                    .withSecurityContext(PodSecurity.container())
                    .build();
            PodSpecBuilder builder = new PodSpecBuilder();
            if (!nearPods.isEmpty()) {
                var affinity = builder.withNewAffinity().withNewPodAffinity();
                for (Map<String, String> selector : nearPods) {
                    affinity.addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100)
                            .withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                            .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                            .endPodAffinityTerm().endPreferredDuringSchedulingIgnoredDuringExecution();
                }
                affinity.endPodAffinity().endAffinity();
            }
            PodSpec spec = SitePlacement.apply(site, builder, Labels.selector(site, Component.TOOL))
                    .withRestartPolicy("Never")
                    .withImagePullSecrets(SitePodTemplate.imagePullSecrets(site, tool.pullSecrets()))
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withSecurityContext(PodSecurity.pod(UID))
                    .withInitContainers(initContainers)
                    .addToContainers(container)
                    .withVolumes(volumes)
                    .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(tool.workVolumeSizeLimit()).endEmptyDir()
                    .endVolume()
                    .build();
            return new PodTemplateSpecBuilder().withNewMetadata().withLabels(SitePodTemplate.labels(site, labels))
                    .withAnnotations(SitePodTemplate.annotations(site, Map.of())).endMetadata().withSpec(spec).build();
        }

        /** One attempt (a retry would hide a failure) that is stopped and failed after the timeout. */
        /** An environment variable from a key of a Secret (never its value in the pod spec). */
        public Builder envFromSecret(String name, String secret, String key) {
            env.add(secretEnv(name, secret, key));
            return this;
        }

        /** An environment variable from a key of a Secret that may lack the key (then the variable is unset). */
        public Builder envFromOptionalSecret(String name, String secret, String key) {
            env.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                    .withOptional(true).endSecretKeyRef().endValueFrom().build());
            return this;
        }

        public JobSpec jobSpec(long timeoutSeconds) {
            return new JobSpecBuilder()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(timeoutSeconds)
                    .withTemplate(podTemplate())
                    .build();
        }
    }

    /** The label that lets a tool pod into a site's database (its NetworkPolicy admits pods carrying it). */
    public static String dataAccessLabel(HasMetadata site) {
        return "data.wpoven.io/" + site.getMetadata().getName();
    }

    /** A tool pod for the given site: it carries the site's labels so its NetworkPolicies let it in. */
    public static Builder builder(ToolJobSettings tool, Command command, WordPressSite site, Map<String, String> extraLabels) {
        Map<String, String> labels = Labels.of(site, Component.TOOL);
        labels.putAll(extraLabels);
        labels.put(dataAccessLabel(site), "true");
        // UTF-8 file names (uploads have them) need a UTF-8 locale; S3 artifacts are staged in the tmp emptyDir
        return new Builder(tool, site, command, labels).env("SITE_NAME", site.getMetadata().getName())
                .env("LANG", "C.UTF-8").env("WORK_DIR", "/tmp/work");
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }

    /** The scheme-less address of a site ("//blog.example.com"), as URL rewrites replace it. */
    public static String siteAddress(WordPressSite site) {
        return "//" + site.getSpec().getDomains().get(0);
    }
}
