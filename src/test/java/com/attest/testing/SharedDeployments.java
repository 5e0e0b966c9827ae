package com.attest.testing;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.test.impl.client.deployment.event.GenerateDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;

/**
 * Lets test classes share one deployment. Payara Micro's Arquillian container starts a Payara process for each
 * deployment and stops it on undeploy, so by default every test class pays for a start of its own. Here test classes
 * whose {@code @Deployment} has the same name share it: the first one generates and deploys it; the next ones are
 * given the same {@link DeploymentScenario} (so {@code @ArquillianResource URL} reads the same deployment context)
 * and nothing is deployed again; nothing is undeployed after a class. A class that needs another deployment has the
 * one alive undeployed first (the container holds one at a time), and the end of the suite undeploys the last one.
 * Every Payara process a deployment started is waited for when it is undeployed, and killed if it lingers, also when
 * the JVM ends early.
 */
public class SharedDeployments implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Sharing.class);
    }

    /** The observer: one per test JVM, so its fields describe the one deployment alive. */
    public static class Sharing {

        private static final Logger LOG = Logger.getLogger(SharedDeployments.class.getName());
        private static final Duration STOPPING = Duration.ofSeconds(60);

        @Inject
        @ClassScoped
        private InstanceProducer<DeploymentScenario> scenario;

        @Inject
        private Instance<ContainerRegistry> containers;

        @Inject
        private Event<UnDeployDeployment> undeploy;

        @Inject
        private Instance<ProtocolMetaData> metadata;

        /** The name of the deployment alive, and the scenario it was generated in. */
        private String aliveName;
        private DeploymentScenario alive;
        /** The Payara processes its deployment started. */
        private final List<ProcessHandle> aliveProcesses = new ArrayList<>();
        /** Whether the class being set up reuses the deployment alive. */
        private boolean reusing;

        public void generate(@Observes EventContext<GenerateDeployment> context) {
            String name = name(context.getEvent().getTestClass().getJavaClass());
            if (name != null && name.equals(aliveName) && running(alive)) {
                LOG.info(() -> "Reusing deployment " + name + " for " + context.getEvent().getTestClass().getName());
                scenario.set(alive);
                reusing = true;
                return;
            }
            undeployAlive();
            reusing = false;
            context.proceed();
            if (name != null) {
                aliveName = name;
                alive = scenario.get();
            }
        }

        public void deploy(@Observes EventContext<DeployManagedDeployments> context) {
            if (reusing) {
                return;
            }
            Set<ProcessHandle> before = payaraProcesses();
            try {
                context.proceed();
            } finally {
                Set<ProcessHandle> started = payaraProcesses();
                started.removeAll(before);
                DeploymentScenario generated = scenario.get();
                if (running(generated)) {
                    aliveProcesses.addAll(started);
                } else {
                    // its deployment failed: nothing of it stays, and the next class starts afresh
                    stopped(new ArrayList<>(started));
                    if (generated == alive) {
                        alive = null;
                        aliveName = null;
                    }
                }
            }
        }

        /** Reads the clock of a portal just deployed. */
        public void deployed(@Observes AfterDeploy event) {
            DeploymentDescription description = event.getDeployment();
            ProtocolMetaData deployed = metadata.get();
            String database = Deployments.database(description.getName());
            if (deployed == null || database == null || !deployed.hasContext(HTTPContext.class)) {
                return;
            }
            HTTPContext http = deployed.getContexts(HTTPContext.class).iterator().next();
            try {
                URL base = new URL("http", http.getHost(), http.getPort(), "/");
                Deployments.deployed(description.getName(), base);
                TestClock.calibrate(base, database);
                Drills.portalUp();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        public void undeploy(@Observes EventContext<UnDeployManagedDeployments> context) {
            if (alive != null && scenario.get() == alive) {
                return; // kept for the next class that names it
            }
            context.proceed();
            stopped(aliveProcesses);
        }

        public void end(@Observes(precedence = 100) AfterSuite event) {
            undeployAlive();
        }

        private void undeployAlive() {
            if (alive == null) {
                stopped(aliveProcesses);
                return;
            }
            DeploymentScenario ending = alive;
            String name = aliveName;
            alive = null;
            aliveName = null;
            LOG.info(() -> "Undeploying shared deployment " + name);
            try {
                for (Deployment deployment : ending.deployedDeploymentsInUnDeployOrder()) {
                    Container container = containers.get().getContainer(deployment.getDescription().getTarget());
                    undeploy.fire(new UnDeployDeployment(container, deployment));
                }
            } finally {
                stopped(aliveProcesses);
            }
        }

        private static boolean running(DeploymentScenario scenario) {
            return scenario != null && !scenario.deployments().isEmpty() && scenario.deployments().stream()
                    .filter(d -> d.getDescription().managed())
                    .allMatch(d -> d.isDeployed() && !d.hasDeploymentError());
        }

        /** The name of the class's one {@code @Deployment}, or null when it names none. */
        private static String name(Class<?> testClass) {
            for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    org.jboss.arquillian.container.test.api.Deployment deployment =
                            m.getAnnotation(org.jboss.arquillian.container.test.api.Deployment.class);
                    if (deployment != null) {
                        return deployment.name().equals("_DEFAULT_") ? null : deployment.name();
                    }
                }
            }
            return null;
        }

        /** Waits for the processes to end (undeploy only signals them), killing the ones that linger. */
        private static void stopped(List<ProcessHandle> processes) {
            for (ProcessHandle p : List.copyOf(processes)) {
                end(p);
            }
            processes.clear();
        }

        static void end(ProcessHandle p) {
            if (!p.isAlive()) {
                return;
            }
            p.destroy();
            try {
                p.onExit().get(STOPPING.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("Payara process " + p.pid() + " did not stop; killing it");
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        /** The Payara Micro processes this JVM started that are running. */
        static Set<ProcessHandle> payaraProcesses() {
            return ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                    .collect(Collectors.toSet());
        }

        static {
            // the last line of defence: a JVM ending early (a failure, an interrupt) leaves no Payara behind
            Runtime.getRuntime().addShutdownHook(new Thread(() -> payaraProcesses().forEach(Sharing::end),
                    "payara-reaper"));
        }
    }
}
