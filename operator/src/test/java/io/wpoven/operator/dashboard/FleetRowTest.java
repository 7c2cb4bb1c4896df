package io.wpoven.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.WordPressSiteSpec;
import io.wpoven.operator.api.v1alpha1.WordPressSiteStatus;
import io.wpoven.operator.api.v1alpha1.spec.TlsSpec;

class FleetRowTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aDegradedSiteShowsItsReasonsReplicasBackupAgeAndTls() {
        WordPressSite s = site("shop", "shop.example.com");
        WordPressSiteStatus st = new WordPressSiteStatus();
        st.setReadyReplicas(1);
        st.setConditions(List.of(
                new ConditionBuilder().withType("Ready").withStatus("False").withReason("DatabaseNotReady").withMessage("waiting").build(),
                new ConditionBuilder().withType("Degraded").withStatus("True").withReason("BackupFailed").build()));
        s.setStatus(st);
        s.getSpec().setReplicas(3);
        TlsSpec tls = new TlsSpec();
        tls.setEnabled(false);
        s.getSpec().setTls(tls);
        FleetRow r = FleetRow.of(s, Instant.parse("2026-12-07T09:00:00Z"), NOW);
        assertThat(r.ready()).isEqualTo("False");
        assertThat(r.reason()).isEqualTo("DatabaseNotReady");
        assertThat(r.degraded()).isEqualTo("BackupFailed");
        assertThat(r.state()).isEqualTo("degraded");
        assertThat(r.replicas()).isEqualTo("1/3");
        assertThat(r.lastBackup()).isEqualTo("3h ago");
        assertThat(r.tls()).isEqualTo("off");
    }

    @Test
    void searchMatchesNameNamespaceOrDomainAndTheStateFilterNarrows() {
        FleetRow r = FleetRow.of(site("blog", "news.example.org"), null, NOW);
        assertThat(r.lastBackup()).isEqualTo("never");
        assertThat(r.state()).isEqualTo("notready");
        assertThat(r.tls()).as("spec.tls defaults to on").isEqualTo("on");
        WordPressSite noCertManager = site("blog", "news.example.org");
        WordPressSiteStatus st = new WordPressSiteStatus();
        st.setConditions(List.of(new ConditionBuilder().withType("TLSReady").withStatus("False").withReason("CertManagerNotInstalled").build()));
        noCertManager.setStatus(st);
        assertThat(FleetRow.of(noCertManager, null, NOW).tls()).isEqualTo("on, not ready (CertManagerNotInstalled)");
        assertThat(r.matches("blo", "")).isTrue();
        assertThat(r.matches("team", null)).isTrue();
        assertThat(r.matches("NEWS.example", "")).isTrue();
        assertThat(r.matches("shop", "")).isFalse();
        assertThat(r.matches("", "ready")).isFalse();
        assertThat(r.matches("", "notready")).isTrue();
    }

    private static WordPressSite site(String name, String domain) {
        WordPressSite s = new WordPressSite();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
        WordPressSiteSpec spec = new WordPressSiteSpec();
        spec.setDomains(List.of(domain));
        s.setSpec(spec);
        return s;
    }
}
