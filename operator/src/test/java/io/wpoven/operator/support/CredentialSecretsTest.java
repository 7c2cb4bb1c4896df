package io.wpoven.operator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A spec can name as credentials only a Secret labelled for that purpose, never one the operator made. */
class CredentialSecretsTest {

    @Test
    void aSecretLabelledForThePurposeIsUsable() {
        assertThat(CredentialSecrets.refusal(Map.of("wpoven.io/credentials", "s3"), true, "s3-keys", "s3", "spec.storage"))
                .isEmpty();
    }

    @Test
    void anUnlabelledOrOtherwiseLabelledSecretIsRefusedNamingTheField() {
        assertThat(CredentialSecrets.refusal(Map.of(), true, "app-token", "s3", "spec.storage.s3.credentialsSecret"))
                .hasValueSatisfying(m -> assertThat(m).contains("spec.storage.s3.credentialsSecret", "app-token",
                        "wpoven.io/credentials=s3"));
        assertThat(CredentialSecrets.refusal(Map.of("wpoven.io/credentials", "database"), true, "db", "s3", "f")).isPresent();
        assertThat(CredentialSecrets.refusal(null, false, "gone", "s3", "f")).hasValueSatisfying(m -> assertThat(m)
                .contains("not found"));
    }

    @Test
    void theOperatorsOwnSecretsAreNeverCredentialsEvenWhenLabelled() {
        assertThat(CredentialSecrets.refusal(Map.of("wpoven.io/credentials", "database",
                "app.kubernetes.io/managed-by", "wpoven-operator"), true, "blog-credentials", "database", "f"))
                .hasValueSatisfying(m -> assertThat(m).contains("made by the operator"));
    }
}
