package io.wpoven.operator.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.ValidationRule;

/** Where WordPress keeps its data: a MariaDB the operator runs, or an external one. Exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.managed) != has(self.external)", message = "set exactly one of managed or external",
        fieldPath = ".managed")
@ValidationRule(value = "has(self.managed) == has(oldSelf.managed)",
        message = "the database kind (managed or external) cannot be changed on a live site", fieldPath = ".managed")
public class DatabaseSpec {

    @JsonPropertyDescription("A MariaDB StatefulSet run by the operator for this site.")
    private ManagedDatabaseSpec managed;

    @JsonPropertyDescription("An existing MySQL/MariaDB server; the operator then runs none.")
    private ExternalDatabaseSpec external;

    // --- accessors ---

    public ManagedDatabaseSpec getManaged() {
        return managed;
    }

    public void setManaged(ManagedDatabaseSpec managed) {
        this.managed = managed;
    }

    public ExternalDatabaseSpec getExternal() {
        return external;
    }

    public void setExternal(ExternalDatabaseSpec external) {
        this.external = external;
    }
}
