package com.attest.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The drills that start Payara as processes of their own ({@link Drill}, tagged {@code own-processes}) run beside the shared
 * portal's classes, on a second thread (see the pom). They begin once the shared portal is up: four starts of Payara at
 * once on a 2-core machine slowed each of them more than waiting does. Run alone, they begin at once. Registered
 * with the JUnit Platform as a listener ({@code META-INF/services}), to see which classes the run holds, and the
 * extension of every {@link Drill}, to wait before it begins.
 */
public final class Drills implements TestExecutionListener, BeforeAllCallback {

    public static final String TAG = "own-processes";

    private static final CountDownLatch SHARED_PORTAL_UP = new CountDownLatch(1);
    private static volatile boolean sharedPortalInRun;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        sharedPortalInRun = plan.getRoots().stream().flatMap(root -> plan.getChildren(root).stream())
                .anyMatch(testClass -> !testClass.getTags().contains(TestTag.create(TAG)));
    }

    /** Whether this run has classes on the shared portal (then its clock is {@link TestClock}'s). */
    static boolean sharedPortalInRun() {
        return sharedPortalInRun;
    }

    /** Called once a portal of the run is deployed. */
    static void portalUp() {
        SHARED_PORTAL_UP.countDown();
    }

    /** Waits (five minutes at most) for the shared portal to be up, if this run has classes on it. */
    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        if (sharedPortalInRun) {
            SHARED_PORTAL_UP.await(5, TimeUnit.MINUTES);
        }
    }
}
