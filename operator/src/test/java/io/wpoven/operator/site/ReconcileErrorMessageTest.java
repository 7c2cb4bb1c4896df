package io.wpoven.operator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;

/** What a failed reconcile puts in status and its Event: which object, and the API server's own words. */
class ReconcileErrorMessageTest {

    @Test
    void namesEachFailingObjectWithTheApiServersMessageOnly() {
        var refused = new KubernetesClientException(new StatusBuilder().withCode(422)
                .withMessage("PersistentVolumeClaim \"blog-content\" is invalid: spec.resources.requests.storage: Forbidden")
                .build());
        var agg = new AggregatedOperatorException("Exception(s) during workflow execution.",
                Map.of("content", refused, "wordpress-pdb", new RuntimeException("conflict")));

        String message = WordPressSiteReconciler.rootMessage(new OperatorException(agg));

        assertThat(message).isEqualTo("content: PersistentVolumeClaim \"blog-content\" is invalid: "
                + "spec.resources.requests.storage: Forbidden; wordpress-pdb: conflict");
    }
}
