package io.wpoven.operator.site.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.TestSites;

/** The dependents with test configuration injected, as Quarkus would inject the operator's. */
final class Dependents {
    private Dependents() {
    }

    static <T extends SiteDeploymentDependent> Deployment deployment(T dependent, WordPressSite site) {
        dependent.config = TestSites.config();
        return dependent.desired(site, null);
    }

    static Service service(SiteServiceDependent dependent, WordPressSite site) {
        dependent.config = TestSites.config();
        return dependent.desired(site, null);
    }

    static NetworkPolicy policy(SiteNetworkPolicyDependent dependent, WordPressSite site) {
        dependent.config = TestSites.config();
        return dependent.desired(site, null);
    }

    static ServiceMonitor serviceMonitor(WordPressSite site) {
        SiteServiceMonitorDependent d = new SiteServiceMonitorDependent();
        d.config = TestSites.config();
        return d.desired(site, null);
    }

    static StatefulSet mariadb(WordPressSite site) {
        MariaDbStatefulSetDependent d = new MariaDbStatefulSetDependent();
        d.config = TestSites.config();
        return d.desired(site, null);
    }

    static Deployment proxy(WordPressSite site) {
        return deployment(new ProxyDeploymentDependent(), site);
    }

    static Deployment varnish(WordPressSite site) {
        return deployment(new VarnishDeploymentDependent(), site);
    }

    static Deployment wordpress(WordPressSite site) {
        return deployment(new WordPressDeploymentDependent(), site);
    }

    static Deployment redis(WordPressSite site) {
        return deployment(new RedisDeploymentDependent(), site);
    }
}
