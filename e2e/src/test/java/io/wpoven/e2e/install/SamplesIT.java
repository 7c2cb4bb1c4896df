package io.wpoven.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.TestNamespace;

/** Every sample in manifests/samples is accepted by the API server as written (server-side dry run, CRD schemas and CEL). */
@E2eTest
class SamplesIT {

    static Stream<Path> samples() throws IOException {
        return Files.list(Repo.root().resolve("manifests/samples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theApiServerAcceptsTheSample(Path sample, TestNamespace ns) throws IOException {
        List<HasMetadata> objects;
        try (InputStream in = Files.newInputStream(sample)) {
            objects = ns.client().load(in).items();
        }
        assertThat(objects).as("objects in %s", sample.getFileName()).isNotEmpty();
        for (HasMetadata object : objects) {
            object.getMetadata().setNamespace(ns.name());
            HasMetadata accepted = ns.client().resource(object).dryRun().fieldManager("e2e").forceConflicts().serverSideApply();
            assertThat(accepted.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
        }
    }
}
