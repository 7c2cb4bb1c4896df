package io.wpoven.operator.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.wpoven.operator.support.ImageRegistry;
import io.wpoven.operator.support.OperatorConfig;

/**
 * How the tool's Jobs run, operator-wide (chart values jobs.* and imageRegistry): the image, the tool container's
 * resources, the size limit of its /tmp work volume, and the pull secrets of every Job.
 */
public record ToolJobSettings(String image, ResourceRequirements resources, Quantity workVolumeSizeLimit,
        Optional<List<String>> pullSecrets) {

    public static ToolJobSettings of(OperatorConfig config) {
        OperatorConfig.Jobs jobs = config.jobs();
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity(jobs.cpuRequest()), "memory", new Quantity(jobs.memoryRequest())))
                .addToLimits("memory", new Quantity(jobs.memoryLimit()));
        jobs.cpuLimit().ifPresent(cpu -> resources.addToLimits("cpu", new Quantity(cpu)));
        return new ToolJobSettings(ImageRegistry.of(config.images().tool(), config), resources.build(),
                new Quantity(jobs.workVolumeSizeLimit()), config.images().pullSecrets());
    }

    /** The defaults (100m/256Mi requested, 1Gi memory limit, 20Gi of /tmp) with this image. */
    public static ToolJobSettings image(String image) {
        return new ToolJobSettings(image, new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("1Gi"))).build(), new Quantity("20Gi"), Optional.empty());
    }
}
