package com.attest.intake;

import com.attest.incident.Source;
import java.time.Instant;
import java.util.Set;

/**
 * One alert notification as a source delivered it, read out of its payload whatever shape it came in.
 * Sets hold lower-case, trimmed values; strings hold no control characters other than the line breaks of
 * {@code description}.
 *
 * @param source         who sent it
 * @param externalId     the source's own id: Monitor {@code essentials.alertId}, Defender {@code systemAlertId},
 *                       Sentinel the incident's ARM resource id (stable across Create and Update events)
 * @param event          what happened to the alert
 * @param title          Monitor alert rule, Defender alert display name, Sentinel incident title (at most 200 chars)
 * @param description    free text (at most 20,000 chars), may be empty
 * @param severityLabel  Monitor Sev0–Sev4, Defender/Sentinel High, Medium, Low or Informational
 * @param score          a Defender score 1–10 when the payload carries one, else null
 * @param alertType      Defender alert type, Monitor signal type and monitor service, Sentinel tactics; may be empty
 * @param firedAt        the alert's own time (fired, generated, created), never the receive time
 * @param resolvedAt     when the source resolved or closed it, or null
 * @param status         the source's status word (Fired, Resolved, Active, New, Closed, Dismissed…)
 * @param owner          Sentinel owner's UPN or e-mail, or null
 * @param classification Sentinel closing classification (TruePositive, FalsePositive…), or null
 * @param link           the portal URL of the alert or incident, or null
 * @param resources      Azure resource ids it concerns
 * @param entities       compromised entities: hosts, accounts, IP addresses, as the source names them
 * @param users          user principal names involved
 */
public record ReceivedAlert(Source source, String externalId, Event event, String title, String description,
                            String severityLabel, Integer score, String alertType, Instant firedAt,
                            Instant resolvedAt, String status, String owner, String classification, String link,
                            Set<String> resources, Set<String> entities, Set<String> users) {

    /** What the notification says happened. */
    public enum Event {
        /** A new alert (Monitor Fired, Defender alert, Sentinel Create or bare incident). */
        FIRED,
        /** The source resolved or dismissed it (Monitor Resolved, Defender Resolved/Dismissed). */
        RESOLVED,
        /** A Sentinel incident changed (status, owner, severity, classification). */
        UPDATED
    }
}
