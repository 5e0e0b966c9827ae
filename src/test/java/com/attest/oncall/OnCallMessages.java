package com.attest.oncall;

import com.attest.incident.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;

/** The messages and addresses the channel tests share. */
final class OnCallMessages {

    static final Instant DETECTED = Instant.parse("2026-03-01T14:05:09Z");
    static final Instant DUE = Instant.parse("2026-03-01T14:35:09Z");
    static final String URL = "https://attest.example.com/incidents/INC-2026-007";

    private OnCallMessages() {
    }

    static OnCallMessage trigger(Severity severity) {
        return new OnCallMessage(OnCallMessage.Action.TRIGGER, "INC-2026-007", "INC-2026-007",
                "Compromised credentials on vm-web-01", severity, "Triage", "Defender for Cloud", DETECTED, DUE, URL,
                "Sign-in from an unfamiliar location,\nthen a mass download from the file share.");
    }

    static OnCallMessage trigger() {
        return trigger(Severity.P1);
    }

    static OnCallMessage resolve() {
        return new OnCallMessage(OnCallMessage.Action.RESOLVE, "INC-2026-007", "INC-2026-007",
                "Compromised credentials on vm-web-01", Severity.P1, "Closed", "Defender for Cloud", DETECTED, DUE,
                URL, "");
    }

    static OnCallMessage titled(String title, String incidentUrl) {
        return new OnCallMessage(OnCallMessage.Action.TRIGGER, "INC-2026-008", "INC-2026-008", title, Severity.P3,
                null, null, null, null, incidentUrl, null);
    }

    /** A local port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
