package com.attest.testing;

import com.attest.intake.EntraTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one portal nearly every integration test shares: a test class declares
 * {@code @Deployment(name = SharedPortal.NAME, testable = false)} returning {@link #deployment()}, and
 * {@link SharedDeployments} starts Payara for the first such class only. Its configuration is the union of what the
 * classes need: the fake Azure (Resource Manager, Key Vault, Log Analytics and Graph, mail included), the fake on-call
 * channels, the Entra ID keys intake trusts, a document repository with a remote, the organisation's name and short
 * notification backoffs. The fakes start once per test JVM; a class that stubs them resets them first.
 *
 * <p>Sharing one database, each class keeps its data apart: accounts of its own (see {@link Accounts}), counts
 * scoped to its own records, periods of its own for anything counted by date, and global settings it changes put
 * back afterwards.
 */
public final class SharedPortal {

    public static final String NAME = "shared-portal";
    public static final String DB = "shared_portal_it";
    /** The sender of every e-mail the portal sends through Microsoft Graph. */
    public static final String MAIL_SENDER = "soc-alerts@contoso.com";
    public static final String ORGANISATION = "Contoso Ltd";
    public static final String PAGERDUTY_ROUTING_KEY = "R0ut1ngKeyForTests00000000000000";
    /** What a scraper sends as its Bearer token to read /api/metrics. */
    public static final String METRICS_TOKEN = "scrape-token-for-tests-0123456789abcdef";

    private static FakeAzure azure;
    private static FakeOnCall onCall;
    private static EntraTokens entra;
    private static Path documents;
    private static Path documentsRemote;
    private static Path importSources;
    private static FakeEntra entraSignIn;
    /** Sign-ins from this address, and throttling, are the tests' to set with X-Forwarded-For. */
    public static final int FREE_FAILURES = 100;

    private SharedPortal() {
    }

    /** The archive to deploy (the fakes started first, so their addresses are known). */
    public static synchronized WebArchive deployment() {
        List<String> config = new ArrayList<>(Arrays.asList(azure().config()));
        config.addAll(List.of(
                "attest.organisation=" + ORGANISATION,
                "attest.documents.repository=" + documents(),
                "attest.documents.remote=" + documentsRemote(),
                "attest.documents.import-sources=" + importSources(),
                // the tests' own client is the proxy (from whichever address it reaches the portal): a test names
                // its client's address in X-Forwarded-For; that an untrusted peer is not believed, ForwardedTest shows
                "attest.trusted-proxies=0.0.0.0/0,::/0",
                "attest.signin.free-failures=" + FREE_FAILURES,
                "attest.intake.entra.jwks=" + entra().jwks(),
                "attest.intake.entra.issuers=" + EntraTokens.ISSUER,
                "attest.intake.entra.audiences=" + EntraTokens.AUDIENCE,
                "attest.teams.webhook-url=" + onCall().url() + "/teams",
                "attest.pagerduty.events-url=" + onCall().url() + "/pagerduty",
                "attest.pagerduty.routing-key=" + PAGERDUTY_ROUTING_KEY,
                "attest.mail.sender=" + MAIL_SENDER,
                "attest.notify.backoff-seconds=1",
                "attest.notify.max-attempts=2",
                "attest.detection.intake-url=" + FakeAzureStubs.INTAKE_URL,
                "attest.detection.proof-minutes=0.2",
                "attest.metrics.token=" + METRICS_TOKEN));
        config.addAll(Arrays.asList(entraSignIn().config()));
        return Deployments.portal(NAME, DB, config.toArray(String[]::new));
    }

    /** Entra ID, Resource Manager, Key Vault, Log Analytics and Microsoft Graph, faked. */
    public static synchronized FakeAzure azure() {
        if (azure == null) {
            azure = new FakeAzure().start();
            Runtime.getRuntime().addShutdownHook(new Thread(azure::stop, "fake-azure-stop"));
        }
        return azure;
    }

    /** Teams and PagerDuty, faked. */
    public static synchronized FakeOnCall onCall() {
        if (onCall == null) {
            onCall = new FakeOnCall().start();
            Runtime.getRuntime().addShutdownHook(new Thread(onCall::stop, "fake-oncall-stop"));
        }
        return onCall;
    }

    /** The key Entra ID signs Azure Monitor's secure-webhook tokens with, as intake trusts it. */
    public static synchronized EntraTokens entra() {
        if (entra == null) {
            entra = new EntraTokens();
        }
        return entra;
    }

    /** Microsoft Entra ID for sign-in (OpenID Connect), faked. */
    public static synchronized FakeEntra entraSignIn() {
        if (entraSignIn == null) {
            entraSignIn = new FakeEntra().start();
            Runtime.getRuntime().addShutdownHook(new Thread(entraSignIn::stop, "fake-entra-stop"));
        }
        return entraSignIn;
    }

    /** The folder document histories may be imported from. */
    public static synchronized Path importSources() {
        if (importSources == null) {
            importSources = temporary("attest-import-sources");
        }
        return importSources;
    }

    /** The Git repository the portal keeps the runbook and policy in. */
    public static synchronized Path documents() {
        if (documents == null) {
            documents = temporary("attest-documents-shared");
        }
        return documents;
    }

    /** The bare repository the portal pushes every save to. */
    public static synchronized Path documentsRemote() {
        if (documentsRemote == null) {
            documentsRemote = temporary("attest-documents-remote");
            try {
                Git.init().setBare(true).setDirectory(documentsRemote.toFile()).setInitialBranch("main").call()
                        .close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return documentsRemote;
    }

    private static Path temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where it is deployed (for the put-back code of {@code @AfterAll}, which has no {@code @ArquillianResource}). */
    public static java.net.URL url() {
        return Deployments.url(NAME);
    }
}
