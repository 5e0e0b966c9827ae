package com.attest.azure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which Azure subscriptions and Log Analytics workspaces the portal acts in, and as whom, read once from
 * MicroProfile Config (environment variables in production: {@code ATTEST_AZURE_SUBSCRIPTION_PROD_CLIENT_SECRET}
 * is {@code attest.azure.subscription.prod.client-secret}).
 * <pre>
 * attest.azure.subscriptions=prod,dev
 * attest.azure.subscription.prod.id=GUID
 * attest.azure.subscription.prod.tenant-id=GUID
 * attest.azure.subscription.prod.client-id=GUID
 * attest.azure.subscription.prod.client-secret=…          (or)
 * attest.azure.subscription.prod.certificate-path=/etc/attest/prod.pem  (+ .certificate-password) (or)
 * attest.azure.subscription.prod.managed-identity=true     (+ .client-id for a user-assigned one)
 * attest.azure.workspaces=sentinel
 * attest.azure.workspace.sentinel.id=GUID
 * attest.azure.workspace.sentinel.subscription=prod
 * attest.azure.sentinel-workspaces=soc                    (Microsoft Sentinel: incidents listed, assigned, written back)
 * attest.azure.sentinel.soc.subscription=prod
 * attest.azure.sentinel.soc.resource-group=rg-security
 * attest.azure.sentinel.soc.workspace=law-soc2-prod
 * attest.azure.playbooks=/subscriptions/…/resourceGroups/rg-security/providers/Microsoft.Logic/workflows/NAME,…
 * attest.azure.collection.nightly=true                    (Azure evidence of yesterday collected each night)
 * attest.azure.collection.hour=2                          (from this hour, organisation time)
 * attest.azure.retry.max-retries=3, attest.azure.retry.delay-ms=800, attest.azure.timeout-seconds=60
 * attest.azure.poll-interval-seconds=10                   (long-running operations, when Azure names no interval)
 * attest.azure.redirect=http://localhost:8089             (tests only: every Azure request goes there)
 * </pre>
 * Microsoft Graph is used as the identity of the {@code attest.graph.*} keys, the app registration that also sends
 * the on-call e-mail. Mistakes are collected in {@link #problems()} rather than stopping the application; secrets
 * are never logged nor shown.
 */
@ApplicationScoped
public class AzureSettings {

    private static final Logger LOG = Logger.getLogger(AzureSettings.class.getName());

    static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TENANT_DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern WORKSPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]");
    private static final Pattern PLAYBOOK = Pattern.compile("/subscriptions/(" + GUID.pattern() + ")/resourceGroups/("
            + "[-\\w._()]{1,90})/providers/Microsoft\\.Logic/workflows/([-\\w._()]{1,80})",
            Pattern.CASE_INSENSITIVE);

    /** Used for the Microsoft Graph identity's name. */
    public static final String GRAPH = "graph";
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com/";
    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

    /** An identity with where its secret is read from; the value itself is read only when a credential is built. */
    private record Entry(AzureIdentity identity, String secretKey, String certificatePath,
                         String certificatePasswordKey) {
    }

    private Function<String, Optional<String>> config;
    private final Map<String, Entry> subscriptions = new LinkedHashMap<>();
    private final List<Workspace> workspaces = new ArrayList<>();
    private final List<SentinelWorkspace> sentinelWorkspaces = new ArrayList<>();
    private final List<Playbook> playbooks = new ArrayList<>();
    private boolean nightlyCollection;
    private int collectionHour;
    private final List<String> problems = new ArrayList<>();
    private Entry graph;
    private int maxRetries;
    private Duration retryDelay;
    private Duration timeout;
    private Duration pollInterval;
    private URI redirect;
    private String authorityHost;
    private boolean instanceDiscovery;
    private String graphBaseUrl;

    /** For CDI: reads MicroProfile Config when first used. */
    public AzureSettings() {
    }

    /** Settings from plain values, e.g. a map in a test; {@code env} tells which environment variables exist. */
    public static AzureSettings of(Function<String, String> values, Function<String, String> env) {
        AzureSettings settings = new AzureSettings();
        settings.load(key -> Optional.ofNullable(values.apply(key)).filter(v -> !v.isBlank()), env);
        return settings;
    }

    /** Settings from a map of keys and values (no environment variables). */
    public static AzureSettings of(Map<String, String> values) {
        return of(values::get, name -> null);
    }

    @PostConstruct
    void fromConfig() {
        org.eclipse.microprofile.config.Config mp = ConfigProvider.getConfig();
        load(key -> mp.getOptionalValue(key, String.class).filter(v -> !v.isBlank()), System::getenv);
    }

    /** Read (and a redirect or mistakes logged) when the application starts, not at the first Azure action. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(this::toString);
    }

    private void load(Function<String, Optional<String>> source, Function<String, String> env) {
        this.config = source;
        maxRetries = integer("attest.azure.retry.max-retries", 3, 0, 10);
        retryDelay = Duration.ofMillis(integer("attest.azure.retry.delay-ms", 800, 0, 60_000));
        timeout = seconds("attest.azure.timeout-seconds", Duration.ofSeconds(60));
        pollInterval = seconds("attest.azure.poll-interval-seconds", Duration.ofSeconds(10));
        redirect = parseRedirect();
        authorityHost = value("attest.graph.authority-host").orElse(DEFAULT_AUTHORITY_HOST);
        instanceDiscovery = !value("attest.graph.instance-discovery").map("false"::equalsIgnoreCase).orElse(false);
        graphBaseUrl = value("attest.graph.base-url").orElse(DEFAULT_GRAPH_BASE_URL);

        for (String name : names("attest.azure.subscriptions")) {
            String prefix = "attest.azure.subscription." + name + ".";
            if (!NAME.matcher(name).matches()) {
                problems.add("attest.azure.subscriptions: \"" + name + "\" is not a usable name (letters, digits, - and _)");
                continue;
            }
            Optional<String> id = value(prefix + "id");
            if (id.isEmpty()) {
                problems.add(prefix + "id is missing");
                continue;
            }
            if (!GUID.matcher(id.get()).matches()) {
                problems.add(prefix + "id is not a GUID");
                continue;
            }
            String subscriptionId = id.get().toLowerCase(Locale.ROOT);
            if (subscriptions.values().stream().anyMatch(e -> e.identity().subscriptionId().equals(subscriptionId))) {
                problems.add(prefix + "id names a subscription already configured under another name");
                continue;
            }
            subscriptions.put(name, entry(name, subscriptionId, prefix, env, true));
        }
        graph = entry(GRAPH, null, "attest.graph.", env, false);

        for (String name : names("attest.azure.workspaces")) {
            String prefix = "attest.azure.workspace." + name + ".";
            Optional<String> id = value(prefix + "id");
            Optional<String> subscription = value(prefix + "subscription");
            if (id.isEmpty() || !GUID.matcher(id.get()).matches()) {
                problems.add(prefix + "id " + (id.isEmpty() ? "is missing" : "is not a GUID"));
            } else if (subscription.isEmpty()) {
                problems.add(prefix + "subscription is missing (the name of a subscription whose identity queries it)");
            } else if (!subscriptions.containsKey(subscription.get())) {
                problems.add(prefix + "subscription \"" + subscription.get()
                        + "\" is not among attest.azure.subscriptions");
            } else {
                workspaces.add(new Workspace(name, id.get().toLowerCase(Locale.ROOT),
                        subscriptions.get(subscription.get()).identity().subscriptionId()));
            }
        }
        for (String name : names("attest.azure.sentinel-workspaces")) {
            String prefix = "attest.azure.sentinel." + name + ".";
            Optional<String> subscription = value(prefix + "subscription");
            Optional<String> group = value(prefix + "resource-group");
            Optional<String> workspace = value(prefix + "workspace");
            if (!NAME.matcher(name).matches()) {
                problems.add("attest.azure.sentinel-workspaces: \"" + name + "\" is not a usable name (letters, digits,"
                        + " - and _)");
            } else if (subscription.isEmpty() || !subscriptions.containsKey(subscription.get())) {
                problems.add(prefix + "subscription " + (subscription.isEmpty() ? "is missing (the name of a"
                        + " subscription whose identity calls Sentinel)" : "\"" + subscription.get()
                        + "\" is not among attest.azure.subscriptions"));
            } else if (group.isEmpty() || !ResourceIds.RESOURCE_GROUP.matcher(group.get()).matches()) {
                problems.add(prefix + "resource-group " + (group.isEmpty() ? "is missing" : "is not a resource group"
                        + " name"));
            } else if (workspace.isEmpty() || !WORKSPACE_NAME.matcher(workspace.get()).matches()) {
                problems.add(prefix + "workspace " + (workspace.isEmpty() ? "is missing" : "is not a Log Analytics"
                        + " workspace name (4 to 63 letters, digits and -)"));
            } else {
                sentinelWorkspaces.add(new SentinelWorkspace(name, subscription.get(),
                        subscriptions.get(subscription.get()).identity().subscriptionId(), group.get(),
                        workspace.get()));
            }
        }
        for (String id : names("attest.azure.playbooks")) {
            java.util.regex.Matcher m = PLAYBOOK.matcher(id);
            if (!m.matches()) {
                problems.add("attest.azure.playbooks: \"" + id + "\" is not a Logic App workflow id"
                        + " (/subscriptions/…/resourceGroups/…/providers/Microsoft.Logic/workflows/NAME)");
            } else if (subscription(m.group(1)).isEmpty()) {
                problems.add("attest.azure.playbooks: the subscription of \"" + id + "\" is not among"
                        + " attest.azure.subscriptions");
            } else {
                playbooks.add(new Playbook(id, m.group(1).toLowerCase(Locale.ROOT), m.group(3)));
            }
        }
        nightlyCollection = !value("attest.azure.collection.nightly").map("false"::equalsIgnoreCase).orElse(false);
        collectionHour = integer("attest.azure.collection.hour", 2, 0, 23);
        if (redirect != null) {
            LOG.warning("attest.azure.redirect is set: every Azure request (Resource Manager, Key Vault, Log Analytics, "
                    + "sign-in) goes to " + redirect + " instead of Azure. Never set it in production.");
        }
        for (String problem : problems) {
            LOG.log(Level.WARNING, "Azure configuration: {0}", problem);
        }
    }

    /** One identity from the keys under {@code prefix}; a Graph identity needs no client id for a managed identity. */
    private Entry entry(String name, String subscriptionId, String prefix, Function<String, String> env,
                        boolean subscription) {
        Optional<String> tenant = value(prefix + "tenant-id");
        Optional<String> clientId = value(prefix + "client-id");
        boolean managed = value(prefix + "managed-identity").map("true"::equalsIgnoreCase).orElse(false);
        // as before for the mail channel: a Graph managed identity wins over a leftover secret
        Optional<String> secret = managed && !subscription ? Optional.empty() : value(prefix + "client-secret");
        Optional<String> certificate = subscription ? value(prefix + "certificate-path") : Optional.empty();
        int ways = (secret.isPresent() ? 1 : 0) + (certificate.isPresent() ? 1 : 0) + (managed ? 1 : 0);
        String tenantId = tenant.orElse(null);
        String client = clientId.map(c -> c.toLowerCase(Locale.ROOT)).orElse(null);
        if (ways == 0) {
            if (subscription) {
                problems.add(prefix + "client-secret, " + prefix + "certificate-path or " + prefix
                        + "managed-identity=true is needed");
            }
            return new Entry(new AzureIdentity(name, subscriptionId, tenantId, AzureIdentity.NOT_CONFIGURED, client,
                    null), null, null, null);
        }
        if (ways > 1) {
            problems.add(prefix + "client-secret, certificate-path and managed-identity exclude each other: set one");
            return new Entry(new AzureIdentity(name, subscriptionId, tenantId, AzureIdentity.NOT_CONFIGURED, client,
                    null), null, null, null);
        }
        if (clientId.isPresent() && !GUID.matcher(clientId.get()).matches()) {
            problems.add(prefix + "client-id is not a GUID");
            client = null;
        }
        if (managed) {
            return new Entry(new AzureIdentity(name, subscriptionId, tenantId, AzureIdentity.MANAGED_IDENTITY,
                    client, null), null, null, null);
        }
        boolean usable = true;
        if (tenant.isEmpty()) {
            problems.add(prefix + "tenant-id is missing");
            usable = false;
        } else if (!GUID.matcher(tenantId).matches() && !TENANT_DOMAIN.matcher(tenantId).matches()) {
            problems.add(prefix + "tenant-id is neither a GUID nor a domain name");
            usable = false;
        }
        if (client == null) {
            if (clientId.isEmpty()) {
                problems.add(prefix + "client-id is missing");
            }
            usable = false;
        }
        if (certificate.isPresent()) {
            if (!Files.isReadable(Path.of(certificate.get()))) {
                problems.add(prefix + "certificate-path names no readable file");
                usable = false;
            }
            String key = prefix + "certificate-path";
            return new Entry(new AzureIdentity(name, subscriptionId, tenantId,
                    usable ? AzureIdentity.CERTIFICATE : AzureIdentity.NOT_CONFIGURED, client, source(key, env)),
                    null, certificate.get(), prefix + "certificate-password");
        }
        String key = prefix + "client-secret";
        return new Entry(new AzureIdentity(name, subscriptionId, tenantId,
                usable ? AzureIdentity.CLIENT_SECRET : AzureIdentity.NOT_CONFIGURED, client, source(key, env)),
                usable ? key : null, null, null);
    }

    /** The environment variable a key is read from when it is set, otherwise the key. */
    private static String source(String key, Function<String, String> env) {
        String variable = key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        return env.apply(variable) != null ? variable : key;
    }

    private List<String> names(String key) {
        return value(key).map(v -> List.of(v.split(","))).orElse(List.of()).stream()
                .map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
    }

    private Optional<String> value(String key) {
        return config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private int integer(String key, int fallback, int min, int max) {
        Optional<String> text = value(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a whole number from " + min + " to " + max + "; " + fallback + " is used");
        return fallback;
    }

    private Duration seconds(String key, Duration fallback) {
        Optional<String> text = value(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long millis = new java.math.BigDecimal(text.get()).movePointRight(3).longValueExact();
            if (millis >= 10 && millis <= 3_600_000) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        problems.add(key + " must be a number of seconds from 0.01 to 3600; " + fallback.toSeconds() + " is used");
        return fallback;
    }

    private URI parseRedirect() {
        Optional<String> text = value("attest.azure.redirect");
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add("attest.azure.redirect must be a base URL such as http://localhost:8089; it is ignored");
        return null;
    }

    /** Every configured subscription identity, in configuration order. */
    public List<AzureIdentity> identities() {
        return subscriptions.values().stream().map(Entry::identity).toList();
    }

    /** The identity configured for a subscription, by its id (any case). */
    public Optional<AzureIdentity> subscription(String subscriptionId) {
        if (subscriptionId == null) {
            return Optional.empty();
        }
        String id = subscriptionId.strip().toLowerCase(Locale.ROOT);
        return subscriptions.values().stream().map(Entry::identity).filter(i -> i.subscriptionId().equals(id))
                .findFirst();
    }

    public List<Workspace> workspaces() {
        return Collections.unmodifiableList(workspaces);
    }

    /** A configured workspace by its id (any case). */
    public Optional<Workspace> workspace(String workspaceId) {
        if (workspaceId == null) {
            return Optional.empty();
        }
        return workspaces.stream().filter(w -> w.workspaceId().equalsIgnoreCase(workspaceId.strip())).findFirst();
    }

    /** The Microsoft Sentinel workspaces, in the configured order. */
    public List<SentinelWorkspace> sentinelWorkspaces() {
        return Collections.unmodifiableList(sentinelWorkspaces);
    }

    /** A configured Sentinel workspace by its configured name. */
    public Optional<SentinelWorkspace> sentinelWorkspace(String name) {
        return sentinelWorkspaces.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The configured Sentinel workspace an incident's ARM id lies in, if any. */
    public Optional<SentinelWorkspace> sentinelWorkspaceOf(String incidentId) {
        return sentinelWorkspaces.stream().filter(w -> w.holds(incidentId)).findFirst();
    }

    /** The Logic App workflows whose run history is collected. */
    public List<Playbook> playbooks() {
        return Collections.unmodifiableList(playbooks);
    }

    /** attest.azure.collection.nightly: whether yesterday's Azure evidence is collected each night (default true). */
    public boolean nightlyCollection() {
        return nightlyCollection;
    }

    /** attest.azure.collection.hour: the hour (organisation time) from which yesterday is collected. */
    public int collectionHour() {
        return collectionHour;
    }

    /** The Microsoft Graph identity (the attest.graph.* keys); its kind says "not configured" when it is not. */
    public AzureIdentity graphIdentity() {
        return graph.identity();
    }

    /** True when attest.azure.redirect sends every Azure request to another server (tests only). */
    public boolean redirected() {
        return redirect != null;
    }

    /** Configuration mistakes, in words; empty when there are none. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Where requests go instead of Azure, or null. */
    URI redirect() {
        return redirect;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry's delay; each further one doubles it. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** How long connecting, and then an answer, may take. */
    public Duration timeout() {
        return timeout;
    }

    /** How often a long-running operation is polled when Azure does not say (Retry-After). */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Where identities sign in (attest.graph.authority-host): the public cloud unless configured. */
    String authorityHost() {
        return authorityHost;
    }

    /** attest.graph.instance-discovery: false for a private cloud's authority that Entra does not know. */
    boolean instanceDiscovery() {
        return instanceDiscovery;
    }

    /** Microsoft Graph's base URL (attest.graph.base-url). */
    public String graphBaseUrl() {
        return graphBaseUrl;
    }

    /** The client secret of an identity, read now; never kept by the caller. */
    String secret(AzureIdentity identity) {
        Entry entry = entryOf(identity);
        return entry.secretKey() == null ? null : value(entry.secretKey()).orElse(null);
    }

    String certificatePath(AzureIdentity identity) {
        return entryOf(identity).certificatePath();
    }

    String certificatePassword(AzureIdentity identity) {
        Entry entry = entryOf(identity);
        return entry.certificatePasswordKey() == null ? null : value(entry.certificatePasswordKey()).orElse(null);
    }

    private Entry entryOf(AzureIdentity identity) {
        if (GRAPH.equals(identity.name()) && identity.subscriptionId() == null) {
            return graph;
        }
        Entry entry = subscriptions.get(identity.name());
        if (entry == null) {
            throw new IllegalArgumentException("No Azure identity is configured under the name " + identity.name());
        }
        return entry;
    }

    @Override
    public String toString() {
        return "AzureSettings[subscriptions=" + subscriptions.keySet() + ", workspaces="
                + workspaces.stream().map(Workspace::name).toList() + ", sentinel="
                + sentinelWorkspaces.stream().map(SentinelWorkspace::name).toList() + ", playbooks=" + playbooks.size()
                + ", redirected=" + redirected() + "]";
    }
}
