package io.wpoven.operator.site.dependent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.MonitoringSpec;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Names;
import io.wpoven.operator.support.OperatorConfig;

/**
 * A Prometheus Operator ServiceMonitor over the site's Services, one endpoint per metrics port its exporters have.
 * Active only where the ServiceMonitor CRD exists.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = OwnFieldsItemStore.class))
public class SiteServiceMonitorDependent extends SiteDependentResource<ServiceMonitor> {
    /** Components whose Services may carry metrics ports. */
    private static final List<Component> SCRAPED = List.of(Component.PROXY, Component.VARNISH, Component.WORDPRESS,
            Component.REDIS, Component.DATABASE);

    @Inject
    OperatorConfig config;

    public SiteServiceMonitorDependent() {
        super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(WordPressSite site, Context<WordPressSite> context) {
        MonitoringSpec.ServiceMonitor spec = site.getSpec().getMonitoring().getServiceMonitor();
        Map<String, String> labels = new LinkedHashMap<>();
        if (spec.getLabels() != null) {
            labels.putAll(spec.getLabels());
        }
        labels.putAll(Labels.of(site, Component.MONITORING));

        Set<String> ports = new LinkedHashSet<>();
        for (Component c : SCRAPED) {
            Exporters.of(site, c, config).forEach(e -> ports.add(e.name()));
        }
        // every Service of this site, whatever its component
        Map<String, String> selector = Labels.selector(site, Component.MONITORING);
        selector.remove(Labels.COMPONENT);
        selector.put(Labels.MANAGED_BY, Labels.OPERATOR);

        ServiceMonitor monitor = new ServiceMonitor();
        monitor.setMetadata(new ObjectMetaBuilder().withName(Names.serviceMonitor(site))
                .withNamespace(site.getMetadata().getNamespace()).withLabels(labels).build());
        ServiceMonitor.Spec s = new ServiceMonitor.Spec();
        s.setSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
        s.setEndpoints(ports.stream().map(p -> new ServiceMonitor.Endpoint(p, "/metrics", spec.getInterval())).toList());
        monitor.setSpec(s);
        return monitor;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WordPressSite site, Context<WordPressSite> context) {
        return new ResourceID(Names.serviceMonitor(site), site.getMetadata().getNamespace());
    }
}
