package dev.syscallassert.junit5.bench;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What a traced child does, minus the tracing: a fresh JVM that runs one test by its unique id through the launcher.
 * The benchmark times it to tell the price of relaunching from the price of tracing.
 */
public final class UntracedChild {

    private UntracedChild() {
    }

    public static void main(String[] args) {
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                        .enableLauncherSessionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectUniqueId(args[0]))
                        .filters(EngineFilter.includeEngines("junit-jupiter"))
                        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false").build());
        System.exit(0);
    }
}
