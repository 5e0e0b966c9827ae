package com.attest.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.sql.SqlServerManager;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one Azure client layer: credentials and SDK clients, each built on first use and then reused (the first costs
 * seconds of class loading). Every client shares one HTTP client (the JDK's; redirected when attest.azure.redirect is
 * set), the retry rules of {@link AzureRetry}, the timeout, and {@link CallRecording}.
 */
@ApplicationScoped
public class AzureClients {

    /** Azure Resource Manager in the public cloud. */
    public static final String ARM_ENDPOINT = "https://management.azure.com";
    public static final String ARM_SCOPE = "https://management.azure.com/.default";
    public static final String LOG_ANALYTICS_ENDPOINT = "https://api.loganalytics.io";
    public static final String LOG_ANALYTICS_SCOPE = "https://api.loganalytics.io/.default";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    @Inject
    AzureSettings settings;

    @Inject
    java.time.Clock clock;

    @Inject
    AzureMetrics meter;

    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private volatile HttpClient httpClient;

    /** For CDI. */
    public AzureClients() {
    }

    /** Outside a container, e.g. in a test. */
    public AzureClients(AzureSettings settings) {
        this.settings = settings;
    }

    public AzureSettings settings() {
        return settings;
    }

    /** The portal's clock (the system's outside a container), which stamps every recorded call. */
    public java.time.Clock clock() {
        return clock == null ? java.time.Clock.systemUTC() : clock;
    }

    /** Built once: a client builds its credential inside, so this is a reentrant lock, not computeIfAbsent. */
    @SuppressWarnings("unchecked")
    private <T> T once(String key, Supplier<T> build) {
        Object client = clients.get(key);
        if (client == null) {
            synchronized (clients) {
                client = clients.get(key);
                if (client == null) {
                    client = build.get();
                    clients.put(key, client);
                }
            }
        }
        return (T) client;
    }

    /** The HTTP client every Azure client sends through (and each credential signs in through). */
    HttpClient httpClient() {
        HttpClient client = httpClient;
        if (client == null) {
            synchronized (this) {
                if (httpClient == null) {
                    HttpClient jdk = new JdkHttpClientBuilder()
                            .connectionTimeout(settings.timeout())
                            .responseTimeout(settings.timeout())
                            .readTimeout(settings.timeout())
                            .build();
                    httpClient = settings.redirected() ? new RedirectingHttpClient(jdk, settings.redirect()) : jdk;
                }
                client = httpClient;
            }
        }
        return client;
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(retry());
    }

    AzureRetry retry() {
        return new AzureRetry(settings.maxRetries(), settings.retryDelay(), settings.timeout());
    }

    /**
     * The credential of a configured identity, one per identity.
     *
     * @throws IllegalArgumentException when it is not configured
     */
    public TokenCredential credential(AzureIdentity identity) {
        return once("credential:" + identity.name(), () -> AzureCredentials.of(identity, settings, httpClient()));
    }

    /** The Microsoft Graph identity's credential (attest.graph.*), shared by the e-mail channel and the actions. */
    public TokenCredential graphCredential() {
        return credential(settings.graphIdentity());
    }

    private AzureProfile profile(AzureIdentity identity) {
        return new AzureProfile(identity.tenantId(), identity.subscriptionId(), AzureEnvironment.AZURE);
    }

    public ComputeManager compute(AzureIdentity identity) {
        return once("compute:" + identity.name(), () -> ComputeManager.configure()
                .withHttpClient(httpClient()).withRetryPolicy(retryPolicy())
                .withPolicy(CallRecording.capture()).withPolicy(CallRecording.recorder(clock()))
                .withPolicy(metered("resource-manager"))
                .authenticate(credential(identity), profile(identity)));
    }

    public NetworkManager network(AzureIdentity identity) {
        return once("network:" + identity.name(), () -> NetworkManager.configure()
                .withHttpClient(httpClient()).withRetryPolicy(retryPolicy())
                .withPolicy(CallRecording.capture()).withPolicy(CallRecording.recorder(clock()))
                .withPolicy(metered("resource-manager"))
                .authenticate(credential(identity), profile(identity)));
    }

    public AuthorizationManager authorization(AzureIdentity identity) {
        return once("authorization:" + identity.name(), () -> AuthorizationManager.configure()
                .withHttpClient(httpClient()).withRetryPolicy(retryPolicy())
                .withPolicy(CallRecording.capture()).withPolicy(CallRecording.recorder(clock()))
                .withPolicy(metered("resource-manager"))
                .authenticate(credential(identity), profile(identity)));
    }

    public SqlServerManager sql(AzureIdentity identity) {
        return once("sql:" + identity.name(), () -> SqlServerManager.configure()
                .withHttpClient(httpClient()).withRetryPolicy(retryPolicy())
                .withPolicy(CallRecording.capture()).withPolicy(CallRecording.recorder(clock()))
                .withPolicy(metered("resource-manager"))
                .authenticate(credential(identity), profile(identity)));
    }

    /** Key Vault secrets of vault {@code vaultName} (https://NAME.vault.azure.net), as {@code identity}. */
    public SecretClient secrets(AzureIdentity identity, String vaultName) {
        String vault = vaultName.toLowerCase(Locale.ROOT);
        return once("secrets:" + identity.name() + ":" + vault, () -> new SecretClientBuilder()
                .vaultUrl("https://" + vault + ".vault.azure.net")
                .credential(credential(identity))
                .httpClient(httpClient())
                .retryPolicy(retryPolicy())
                .addPolicy(CallRecording.capture())
                .addPolicy(CallRecording.recorder(clock()))
                .addPolicy(metered("key-vault"))
                .buildClient());
    }

    /** Counts the calls of {@code api} for the metrics (nothing outside the container). */
    private com.azure.core.http.policy.HttpPipelinePolicy metered(String api) {
        return meter == null ? (context, next) -> next.process() : meter.policy(api);
    }

    /**
     * The azure-core pipeline for REST APIs without an SDK here (Log Analytics query, Defender for Cloud alerts,
     * Azure Backup): bearer token for {@code scope}, the same retries, timeout and recording as the SDK clients.
     */
    public HttpPipeline pipeline(AzureIdentity identity, String scope) {
        return once("pipeline:" + identity.name() + ":" + scope, () -> new HttpPipelineBuilder()
                .httpClient(httpClient())
                .policies(CallRecording.capture(),
                        new UserAgentPolicy("attest"),
                        new RequestIdPolicy(),
                        retryPolicy(),
                        new AddDatePolicy(),
                        new BearerTokenAuthenticationPolicy(credential(identity), scope),
                        metered(LOG_ANALYTICS_SCOPE.equals(scope) ? "log-analytics" : "resource-manager"),
                        CallRecording.recorder(clock()))
                .build());
    }

    /**
     * Microsoft Graph as the Graph identity, at attest.graph.base-url (https; http only to this machine). The token
     * is sent to that host and no other.
     */
    public GraphServiceClient graph() {
        return once("graph", () -> {
            URI base = graphBase(settings.graphBaseUrl());
            AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(
                    graphCredential(), new String[] {base.getHost()}, GRAPH_SCOPE);
            GraphServiceClient graph = new GraphServiceClient(authentication,
                    GraphClientFactory.create(new RequestOption[] {retry().graphOption()})
                            .addInterceptor(CallRecording.graphInterceptor(clock()))
                            .addInterceptor(meter == null ? chain -> chain.proceed(chain.request())
                                    : meter.graphInterceptor())
                            .connectTimeout(settings.timeout())
                            .readTimeout(settings.timeout())
                            .writeTimeout(settings.timeout())
                            .build());
            graph.getRequestAdapter().setBaseUrl(base.toString());
            return graph;
        });
    }

    static URI graphBase(String url) {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI uri = new URI(base);
            boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (uri.getHost() == null || !("https".equals(uri.getScheme())
                    || ("http".equals(uri.getScheme()) && local))) {
                throw new IllegalArgumentException("attest.graph.base-url must be an https URL (http only to this "
                        + "machine), not " + base);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("attest.graph.base-url is not a URL: " + base);
        }
    }
}
