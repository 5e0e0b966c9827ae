package com.attest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

/** Incidents a test needs in a given state, made through the API as a responder would. */
public final class Incidents {

    /**
     * The reason a test's resolving step gives for resolving with runbook checklist items open (asked for only when
     * a runbook is pinned to the incident and some of its items are open; the portal ignores it otherwise).
     */
    public static final String OPEN_WORK = ",\"openWorkReason\":\"Checklist walked outside the portal in this test\"";

    private Incidents() {
    }

    /**
     * A P2 reported by {@code responder}, declared with her as owner, and taken through every step to resolved ten
     * minutes ago (detected five hours before that), affecting {@code resources}; its reference.
     */
    public static String resolved(URL base, String responder, String password, String title, String... resources) {
        Instant resolved = TestClock.now().minusSeconds(600);
        StringBuilder affected = new StringBuilder();
        for (String r : resources) {
            affected.append(affected.isEmpty() ? "" : ",").append('"').append(r).append('"');
        }
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", responder, password,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P2\",\"detectedAt\":\""
                        + resolved.minusSeconds(5 * 3600) + "\"" + (resources.length == 0 ? ""
                        : ",\"resources\":[" + affected + "]") + "}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", responder, password,
                "{\"version\":" + version + ",\"owner\":\"" + responder + "\",\"at\":\""
                        + resolved.minusSeconds(4 * 3600) + "\"}").statusCode());
        int hours = 3;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, responder, password).body())
                    .getJsonNumber("version").longValue();
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", responder,
                    password, "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\""
                            + (step.equals("RESOLVED") ? resolved : resolved.minusSeconds(hours-- * 3600)) + "\"" + OPEN_WORK + "}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        return ref;
    }

    /** The reference of the incident filed under {@code title} (titles in a test are its own). */
    public static String referenceOf(String database, String title) {
        return TestDatabase.texts(database, "SELECT reference FROM incident WHERE title = '" + title + "'").stream()
                .findFirst().orElseThrow(() -> new AssertionError("no incident filed: " + title));
    }
}
