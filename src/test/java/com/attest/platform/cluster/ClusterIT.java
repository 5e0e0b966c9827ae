package com.attest.platform.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.EmbeddedDatabase;
import com.attest.dev.PayaraProcess;
import com.attest.oncall.OutboxClaims;
import com.attest.platform.audit.Sha256;
import com.attest.testing.Drill;
import com.attest.testing.FakeOnCall;
import com.attest.testing.HaProxy;
import com.attest.testing.Incidents;
import com.attest.testing.PagerDutyEvents;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import com.attest.testing.Wait;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.htmlunit.WebConnection;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two portal nodes in a cluster of Payara's own (Hazelcast, a TCP/IP member list on loopback, multicast off) on one
 * PostgreSQL, behind HAProxy (round robin, no sticky sessions). A lead signed in through the balancer sees what a
 * node said before a redirect on the page the other node serves after it, files an incident and keeps working in the
 * same session after the node that served it is killed ({@code kill -9}); then
 * {@value #ALERTS} alerts come in through the balancer while a node is killed and started again: every 202 is one
 * alert, none doubled, the fake PagerDuty is paged once per incident, the audit chain verifies, and each timer's tick
 * was done by one node. It starts its own servers (three starts of Payara Micro, minutes) and leaves the shared
 * portal alone, so it runs beside the shared portal's classes.
 */
@Drill
@Tag("cluster") // -Dit.excludedGroups=cluster leaves it out of a run
class ClusterIT {

    private static final int ALERTS = Integer.getInteger("cluster.alerts", 1_000);
    private static final int CLIENTS = 8;
    private static final String DB = "cluster_it";
    private static final String KEY = "atk_cluster-key-for-tests-000000000000000000000";
    private static final String ADMIN_PASSWORD = "cluster-test-passphrase";
    private static final String TEMPLATE = """
            {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{\
            "alertId":"/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.AlertsManagement/alerts/cluster-%05d",\
            "alertRule":"Ransomware note on %s","severity":"Sev0","signalType":"Log","monitorCondition":"Fired",\
            "monitoringService":"Platform","alertTargetIDs":["/subscriptions/00000000-1111-2222-3333-444444444444/\
            resourcegroups/rg-cluster/providers/microsoft.compute/virtualmachines/%s"],"configurationItems":["%s"],\
            "firedDateTime":"%s","description":"Files renamed in bulk","essentialsVersion":"1.0",\
            "alertContextVersion":"1.0"},"alertContext":{},"customProperties":{}}}""";

    private final int[] http = new int[2];
    private final PayaraProcess[] nodes = new PayaraProcess[2];
    private List<String> jvm;
    private Map<String, String> env;
    private List<List<String>> clusterOptions;

    @Test
    void sessionsSurviveAKilledNodeAndAlertsArriveOnceAcrossAKillAndRestart() throws Exception {
        Instant began = Instant.now();
        String url = TestDatabase.create(DB);
        // answered after 100 ms, as over the internet: the node killed under load has pages in flight
        FakeOnCall pagerDuty = new FakeOnCall().start().actLikePagerDuty(100);
        env = Map.of("ATTEST_DB_URL", url, "ATTEST_DB_USER", EmbeddedDatabase.USER,
                "ATTEST_DB_PASSWORD", EmbeddedDatabase.PASSWORD, "ATTEST_PASSWORD_ITERATIONS", "10000",
                "ATTEST_DOCUMENTS_REPOSITORY", Files.createTempDirectory("attest-documents").toString(),
                "ATTEST_ADMIN_PASSWORD", ADMIN_PASSWORD, "ATTEST_TRUSTED_PROXIES", "127.0.0.1/32",
                "ATTEST_PAGERDUTY_ROUTING_KEY", "R0ut1ngKeyForClusterTests0000000",
                "ATTEST_PAGERDUTY_EVENTS_URL", pagerDuty.url() + "/pagerduty");
        // lean nodes: the JIT's quick tier halves the processor time a start takes on a small machine
        // each node unpacks Payara's runtime into a temporary folder of this run's own: a sweep of the machine's temporary
        // folder for servers left behind (as CI does before and after a suite) must not pull it from under a live node
        Path runtime = Files.createTempDirectory("attest-cluster-nodes");
        jvm = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + runtime);
        List<Integer> grid = List.of(PayaraProcess.gridPort(), PayaraProcess.gridPort());
        clusterOptions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            http[i] = PayaraProcess.freePort();
            clusterOptions.add(PayaraProcess.loopbackMember("attest-cluster-it", grid, grid.get(i)));
        }
        HaProxy balancer = null;
        try {
            // both at once: Flyway migrates the database once, under its lock
            CompletableFuture<PayaraProcess> first = CompletableFuture.supplyAsync(() -> start(0));
            nodes[1] = start(1);
            nodes[0] = first.join();
            Wait.until("the two nodes form one cluster (Payara logs the data grid's size)", Duration.ofSeconds(60),
                    () -> logs().contains("DG Size: 2"));
            assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM portal_node"), "both nodes registered");
            for (PayaraProcess node : nodes) {
                Wait.until("node " + node.base() + " ready", Duration.ofSeconds(90), () -> health(node.base()),
                        body -> body.startsWith("200 "));
            }
            balancer = HaProxy.start(PayaraProcess.freePort(), List.of(http[0], http[1]));

            aSignedInLeadKeepsTheirSessionWhenTheNodeThatServedThemIsKilled(balancer.base());
            everyAlertArrivesOnceWhileANodeIsKilledAndStartedAgain(balancer.base(), pagerDuty);
            eachTimerTickWasDoneByOneNode();
            System.out.println("ClusterIT: the drill took " + Duration.between(began, Instant.now()).toSeconds() + " s");
        } finally {
            if (balancer != null) {
                balancer.close();
            }
            if (restarted != null) { // a node started again that a failure left out of the list is stopped too
                PayaraProcess late = restarted.exceptionally(failed -> null).join();
                if (late != null && late != nodes[killed]) {
                    late.close();
                }
            }
            for (PayaraProcess node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
            pagerDuty.stop();
            try (java.util.stream.Stream<Path> files = Files.walk(runtime)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private String logs() {
        try {
            return nodes[0].log() + nodes[1].log();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PayaraProcess start(int i) {
        try {
            return PayaraProcess.start(http[i], env, jvm, clusterOptions.get(i));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int node(String servedBy) {
        return Integer.parseInt(servedBy.substring("node".length())) - 1;
    }

    private void aSignedInLeadKeepsTheirSessionWhenTheNodeThatServedThemIsKilled(URL balancer) throws Exception {
        try (PortalClient lead = PortalClient.signedIn(balancer, "admin", ADMIN_PASSWORD)) {
            theMessageBeforeARedirectIsShownByTheOtherNode(lead);
            HtmlPage filed = fileIncident(lead, lead.page("incidents/new.xhtml"), "Cluster drill: node lost");
            String ref = Incidents.referenceOf(DB, "Cluster drill: node lost");
            assertTrue(filed.asNormalizedText().contains("Incident " + ref + " reported."), filed.asNormalizedText());
            String servedBy = filed.getWebResponse().getResponseHeaderValue("X-Attest-Node");
            assertTrue(servedBy != null && servedBy.startsWith("node"), "the balancer names the node: " + servedBy);

            nodes[node(servedBy)].kill();
            for (int i = 0; i < 4; i++) { // round robin would have sent every other request to the dead node
                // until the balancer's checks settle it may answer 503 (no node it trusts yet): a person reloads
                HtmlPage again = Wait.until("the incident through the balancer", Duration.ofSeconds(60),
                        () -> lead.page("incidents/view.xhtml?ref=" + ref),
                        page -> page.getWebResponse().getStatusCode() != 503);
                assertFalse(again.getUrl().getPath().endsWith("login.xhtml"), "still signed in");
                assertTrue(again.asNormalizedText().contains("Cluster drill: node lost"), again.asNormalizedText());
                assertFalse(servedBy.equals(again.getWebResponse().getResponseHeaderValue("X-Attest-Node")));
            }
            killed = node(servedBy);
            // started again at once: its start overlaps the rest of the drill
            restarted = CompletableFuture.supplyAsync(() -> start(killed));
        }
    }

    /**
     * The form is posted to one node and the page its redirect leads to is asked of the other, as round robin does
     * with every other request: the message the first node added before redirecting is shown by the second.
     */
    private void theMessageBeforeARedirectIsShownByTheOtherNode(PortalClient lead) throws Exception {
        // the balancer's host, so the session cookie goes with every request (a cookie does not care for the port)
        URL first = new URL("http://127.0.0.1:" + http[0] + "/");
        URL second = new URL("http://127.0.0.1:" + http[1] + "/");
        WebConnection direct = lead.web().getWebConnection();
        List<Integer> viewServedBy = new ArrayList<>();
        new WebConnectionWrapper(lead.web()) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                URL url = request.getUrl();
                if (url.getPort() == first.getPort() && url.getPath().endsWith("/incidents/view.xhtml")) {
                    request.setUrl(new URL(second.getProtocol(), second.getHost(), second.getPort(), url.getFile()));
                    viewServedBy.add(second.getPort());
                }
                return super.getResponse(request);
            }
        };
        try {
            HtmlPage filed = fileIncident(lead, lead.web().getPage(new URL(first, "incidents/new.xhtml")),
                    "Cluster drill: filed on one node");
            String ref = Incidents.referenceOf(DB, "Cluster drill: filed on one node");
            assertEquals(List.of(second.getPort()), viewServedBy, "the page after the redirect came from the other node");
            assertEquals(second.getPort(), filed.getUrl().getPort());
            assertTrue(filed.asNormalizedText().contains("Incident " + ref + " reported."), filed.asNormalizedText());
            HtmlPage again = lead.web().getPage(new URL(second, "incidents/view.xhtml?ref=" + ref));
            assertFalse(again.asNormalizedText().contains("reported."), "a kept message is shown once");
        } finally {
            lead.web().setWebConnection(direct);
        }
        assertFalse(logs().contains("flash.bad.cookie"), "no node took another's cookie for a forged one");
    }

    private static HtmlPage fileIncident(PortalClient lead, HtmlPage form, String title) throws IOException {
        form.getHtmlElementById("incidentForm:title").setAttribute("value", title);
        HtmlSelect category = form.getHtmlElementById("incidentForm:category_input");
        category.setSelectedAttribute(category.getOption(1), true);
        HtmlSelect severity = form.getHtmlElementById("incidentForm:severity_input");
        severity.setSelectedAttribute(severity.getOptionByValue("P3"), true);
        form.getHtmlElementById("incidentForm:severityReason").setAttribute("value", "A drill");
        form.getHtmlElementById("incidentForm:report").click();
        lead.web().waitForBackgroundJavaScript(5_000);
        if (!(lead.web().getCurrentWindow().getEnclosedPage() instanceof HtmlPage filed)) {
            throw new AssertionError("no page after filing: "
                    + lead.web().getCurrentWindow().getEnclosedPage().getWebResponse().getContentAsString());
        }
        return filed;
    }


    /** The node the first part killed: it is started again while the alerts come in. */
    private int killed;
    private CompletableFuture<PayaraProcess> restarted;

    private void everyAlertArrivesOnceWhileANodeIsKilledAndStartedAgain(URL balancer, FakeOnCall pagerDuty)
            throws Exception {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'cluster', 'atk_cluste', '" + Sha256.hex(KEY) + "', now(), 'admin')");
        List<byte[]> alerts = new ArrayList<>();
        Instant fired = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < ALERTS; i++) {
            String vm = "vm-cluster-" + i;
            alerts.add(String.format(TEMPLATE, i, vm, vm, vm, fired.plusMillis(i)).getBytes(StandardCharsets.UTF_8));
        }
        Map<Long, Integer> answered = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        // the first third while the killed node starts again, the rest once it serves: the other node is killed
        // with alerts in flight
        AtomicInteger released = new AtomicInteger(ALERTS / 3);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            work.add(clients.submit(() -> {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                int i;
                while ((i = next.getAndIncrement()) < ALERTS) {
                    while (i >= released.get()) {
                        Thread.sleep(20);
                    }
                    for (int attempt = 1; ; attempt++) {
                        HttpResponse<String> r = send(client, balancer, alerts.get(i));
                        if (r != null && r.statusCode() == 202) {
                            JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
                            answered.put(body.getJsonNumber("deliveryId").longValue(), i);
                            break;
                        }
                        if (r != null && r.statusCode() < 500) {
                            throw new AssertionError("alert " + i + " answered " + r.statusCode() + ": " + r.body());
                        }
                        Thread.sleep(Math.min(1000, 50L * attempt)); // no answer, 502/503: sent again, as Azure does
                    }
                }
                return null;
            }));
        }
        // one node takes the first third alone; the killed one comes back and joins the cluster; then the one that
        // carried the load is killed in its turn, and the one that came back takes the rest
        Wait.until("a third of the alerts answered", Duration.ofMinutes(5), () -> answered.size() >= ALERTS / 3);
        nodes[killed] = restarted.join();
        // its first answers are slow (a cold JVM beside one under load): ready on its own first, then through the
        // balancer, whose checks give up after 5 s
        Wait.until("the restarted node ready", Duration.ofMinutes(3), () -> health(nodes[killed].base()),
                body -> body.startsWith("200 "));
        Wait.until("the restarted node serving through the balancer", Duration.ofMinutes(3),
                () -> served(balancer, "node" + (killed + 1)));
        released.set(ALERTS);
        Wait.until("half of the alerts answered", Duration.ofMinutes(5), () -> answered.size() >= ALERTS / 2);
        int other = 1 - killed;
        String dying = nodeId(nodes[other]);
        nodes[other].kill();
        long killedAt = System.nanoTime();
        int answeredAtTheKill = answered.size();
        nodes[other] = null;
        // what the killed node had claimed is taken over within the bound (its heartbeat stops, the other node's next
        // outbox sweep takes it), not when the claims' two-minute lease ends
        CompletableFuture<Duration> takenOver = CompletableFuture.supplyAsync(() -> {
            Wait.until("the killed node's notifications taken over", OutboxClaims.LEASE, () -> TestDatabase.number(DB,
                    "SELECT count(*) FROM notification WHERE state = 'PENDING' AND claimed_by = '" + dying + "'") == 0);
            return Duration.ofNanos(System.nanoTime() - killedAt);
        });
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        Wait.until("every kept delivery processed", Duration.ofMinutes(5),
                () -> TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state = 'PENDING'") == 0);

        assertEquals(ALERTS, answered.size(), "one 202 per alert (the last try of each)");
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state <> 'PROCESSED'"));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE attempts <> 1"),
                "each delivery processed once");
        assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(DISTINCT external_id) FROM alert"));
        assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM alert"), "every alert, once");
        assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM incident WHERE source = 'AZURE_MONITOR'"));

        Wait.until("every page sent", Duration.ofMinutes(5), () -> TestDatabase.number(DB, "SELECT count(*) FROM"
                + " notification WHERE channel = 'PAGERDUTY' AND state = 'PENDING'") == 0);
        assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE channel = 'PAGERDUTY'"
                + " AND action = 'TRIGGER' AND state = 'SENT'"), "one page per incident");
        Map<String, Integer> pages = new HashMap<>();
        pagerDuty.server.findAll(postRequestedFor(urlEqualTo("/pagerduty"))).forEach(request -> {
            JsonObject event = Json.createReader(new StringReader(request.getBodyAsString())).readObject();
            pages.merge(event.getString("dedup_key"), 1, Integer::sum);
        });
        assertEquals(ALERTS, pages.size(), "PagerDuty was paged for every incident");
        // PagerDuty holds one alert per dedup key: a trigger sent again (by the node that took over a page the killed
        // node had sent and not yet recorded) is appended to the open alert, never a second alert
        List<PagerDutyEvents.Alert> held = pagerDuty.pagerDuty.alerts();
        assertEquals(ALERTS, held.size(), "one alert per incident in PagerDuty");
        assertEquals(ALERTS, held.stream().map(PagerDutyEvents.Alert::dedupKey).distinct().count());
        // once each, whichever node sent it: no page went out twice from nodes that lived to record it, and a page
        // went again only where an attempt's outcome was unknown (its node killed between the call and the record)
        long recordedTwice = TestDatabase.number(DB, "SELECT count(*) FROM (SELECT notification_id FROM"
                + " notification_attempt WHERE outcome = 'SENT' GROUP BY notification_id HAVING count(*) > 1) t");
        assertEquals(0, recordedTwice, () -> "pages sent twice by nodes that recorded both; five of them: "
                + TestDatabase.texts(DB, "SELECT n.id || ' [' || string_agg(a.outcome || ' ' || coalesce(a.node, '-')"
                        + " || ' ' || to_char(a.attempted_at, 'HH24:MI:SS.MS') || ' ' || a.duration_ms || 'ms', '; '"
                        + " ORDER BY a.id) || ']' FROM notification n JOIN notification_attempt a ON a.notification_id"
                        + " = n.id WHERE n.id IN (SELECT notification_id FROM notification_attempt WHERE outcome ="
                        + " 'SENT' GROUP BY notification_id HAVING count(*) > 1 LIMIT 5) GROUP BY n.id")
                + "; nodes: " + TestDatabase.texts(DB, "SELECT id || ' started ' || to_char(started_at, 'HH24:MI:SS')"
                        + " || ' beat ' || to_char(heartbeat_at, 'HH24:MI:SS') FROM portal_node"));
        long unknown = TestDatabase.number(DB, "SELECT count(*) FROM notification_attempt WHERE outcome = 'UNKNOWN'");
        long repeated = held.stream().filter(a -> a.triggers() > 1).count();
        assertTrue(repeated <= unknown, repeated + " alerts triggered again, " + unknown + " attempts of unknown outcome");
        assertTrue(held.stream().allMatch(a -> a.triggers() <= 2), "no page sent more than twice");
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM notification_attempt WHERE outcome = 'IN_FLIGHT'"),
                "no attempt left in flight");
        assertEquals(unknown, TestDatabase.number(DB, "SELECT coalesce(sum(unknown_attempts), 0) FROM notification"),
                "each unknown outcome counted on its notification");
        Duration takeover = takenOver.join();
        // the bound, and some slack for a small machine with a cold node under load
        assertTrue(takeover.compareTo(OutboxClaims.TAKEOVER_BOUND.plusSeconds(15)) <= 0,
                "the killed node's notifications were taken over after " + takeover.toSeconds() + " s");
        System.out.println("ClusterIT: " + ALERTS + " incidents paged; the killed node's notifications taken over "
                + takeover.toMillis() + " ms after the kill (bound " + OutboxClaims.TAKEOVER_BOUND.toSeconds() + " s); "
                + unknown + " attempt(s) of unknown outcome, " + repeated + " alert(s) triggered again in PagerDuty"
                + " (folded by dedup key); the other node killed after " + answeredAtTheKill + " alerts were answered");

        HttpResponse<String> verify = PortalClient.api(balancer, "api/audit/verify", "admin", ADMIN_PASSWORD);
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(verify.body().contains("\"intact\":true"), verify.body());
        assertTrue(TestDatabase.number(DB, "SELECT count(DISTINCT actor) FROM audit_event") >= 1);
    }

    private void eachTimerTickWasDoneByOneNode() {
        // a tick's row is its claim (the key is the sweep and the tick): count that every minute was done at most once
        // and that the ticks of the run were done (by one node or the other); a drill over in under two minutes
        // waits for the second
        Wait.until("two evidence registrations", Duration.ofSeconds(150), () -> TestDatabase.number(DB,
                "SELECT count(*) FROM sweep_tick WHERE sweep = 'evidence.register'") >= 2);
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM (SELECT sweep, tick FROM sweep_tick"
                + " GROUP BY sweep, tick HAVING count(*) > 1) twice"));
        long minutes = TestDatabase.number(DB, "SELECT ceil(extract(epoch FROM max(tick) - min(tick)) / 60) + 1"
                + " FROM sweep_tick WHERE sweep = 'evidence.register'");
        long done = TestDatabase.number(DB, "SELECT count(*) FROM sweep_tick WHERE sweep = 'evidence.register'");
        assertTrue(done >= 2 && done <= minutes, done + " registrations in " + minutes + " minutes");
        assertTrue(TestDatabase.number(DB, "SELECT count(DISTINCT node) FROM sweep_tick") >= 1);
    }

    /** The node's name in the database, as it logged it when it started. */
    private static String nodeId(PayaraProcess node) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Portal node (\\S+) started").matcher(node.log());
        if (!m.find()) {
            throw new AssertionError("the node did not say its name:\n" + node.log());
        }
        return m.group(1);
    }

    /** The status and body of a node's readiness. */
    private static String health(URL node) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(node + "health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Whether {@code node} answers through the balancer (within a few requests: round robin). */
    private static boolean served(URL balancer, String node) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 4; i++) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(balancer + "health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (node.equals(r.headers().firstValue("X-Attest-Node").orElse(""))) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The answer, or null when there was none (the balancer found no node, or the node died mid-answer). */
    private static HttpResponse<String> send(HttpClient client, URL balancer, byte[] body) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(balancer + "api/intake/azure-monitor"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Intake-Key", KEY).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }
}
