package io.wpoven.operator.site.condition;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.SmallRyeConfig;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.api.v1alpha1.spec.SshSpec;
import io.wpoven.operator.support.OperatorConfig;
import io.wpoven.operator.support.SiteImages;

/**
 * spec.access.ssh.enabled and a shell image in the operator's settings: the site has an SSH server. Turning it off
 * deletes the server, its Service, policy and host key; without a shell image, status.ssh says why there is none.
 */
public class SshEnabled implements Condition<Object, WordPressSite> {
    @Override
    public boolean isMet(DependentResource<Object, WordPressSite> dependent, WordPressSite site, Context<WordPressSite> context) {
        return holds(site, ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(OperatorConfig.class));
    }

    public static boolean holds(WordPressSite site, OperatorConfig config) {
        return SshSpec.on(site.getSpec().getAccess()) && SiteImages.shell(config).isPresent();
    }
}
