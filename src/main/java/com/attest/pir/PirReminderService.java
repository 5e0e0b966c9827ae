package com.attest.pir;

import com.attest.calendar.BusinessCalendar;
import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.oncall.Notification;
import com.attest.oncall.OutboxService;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reminders of post-incident reviews not yet approved: to the owner before, on and after the due date, and to the
 * compliance leads once a review is overdue — each (review, kind, day, person) once, in the portal and by e-mail
 * through the outbox when the person has an address.
 */
@ApplicationScoped
@Transactional
public class PirReminderService {

    /** The name reminders are sent under: no one signed in sends them. */
    static final String REMINDERS = "system:pir-reminders";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private UserService users;

    @Inject
    private OutboxService outbox;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    /**
     * Sends the reminders due now for every review not yet approved, each (review, kind, day, person) once: in
     * the portal, and by e-mail through the outbox when the person has an address.
     *
     * @return how many reminders were sent
     */
    public int remind() {
        Instant now = clock.instant();
        BusinessCalendar calendar = calendars.calendar();
        int sent = 0;
        for (Pir pir : em.createNamedQuery(Pir.OPEN, Pir.class).getResultList()) {
            Incident incident = incidents.byId(pir.getIncidentId()).orElseThrow();
            for (PirSchedule.Reminder due : PirSchedule.due(pir.getDueAt(), now, calendar)) {
                List<String> recipients = due.kind() == PirSchedule.Kind.OVERDUE_LEAD
                        ? users.withRole(Role.COMPLIANCE_LEAD).stream().map(User::getUsername).toList()
                        : List.of(pir.getOwner());
                for (String recipient : recipients) {
                    if (remind(pir, incident, due, recipient, calendar, now)) {
                        sent++;
                    }
                }
            }
        }
        return sent;
    }

    private boolean remind(Pir pir, Incident incident, PirSchedule.Reminder due, String recipient,
                           BusinessCalendar calendar, Instant now) {
        boolean already = !em.createQuery("SELECT r.id FROM PirReminder r WHERE r.pirId = :pir AND r.kind = :kind"
                        + " AND r.forDay = :day AND r.recipient = :recipient", Long.class)
                .setParameter("pir", pir.getId()).setParameter("kind", due.kind()).setParameter("day", due.forDay())
                .setParameter("recipient", recipient).getResultList().isEmpty();
        if (already) {
            return false;
        }
        LocalDate dueDay = calendar.localDate(pir.getDueAt());
        String ref = incident.getReference();
        String text = switch (due.kind()) {
            case BEFORE_DUE -> "The post-incident review of " + ref + " is due on " + dueDay + " (in "
                    + PirSchedule.NOTICE_DAYS + " business days).";
            case DUE -> "The post-incident review of " + ref + " is due today, " + dueDay + ".";
            case OVERDUE -> "The post-incident review of " + ref + " was due on " + dueDay + " and is overdue ("
                    + ChronoUnit.DAYS.between(dueDay, calendar.localDate(now)) + " day(s)).";
            case OVERDUE_LEAD -> "The post-incident review of " + ref + " (owner " + pir.getOwner() + ") was due on "
                    + dueDay + " and is overdue.";
        };
        Long notification = null;
        String email = users.find(recipient).map(User::getEmail).orElse(null);
        if (email != null && !email.isBlank()) {
            String link = portalUrl.replaceAll("/+$", "") + "/pirs/view.xhtml?id=" + pir.getId();
            Notification mail = outbox.mail("pir-reminder", incident.getId(), List.of(email), text,
                    "<p>" + escape(text) + "</p><p><a href=\"" + escape(link) + "\">Open the review</a></p>",
                    REMINDERS);
            notification = mail.getId();
        }
        changes.create(REMINDERS, "pir.reminded", new PirReminder(pir.getId(), due.kind(), due.forDay(), recipient, text,
                notification, now));
        return true;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PirReminder> reminders(Pir pir) {
        return em.createNamedQuery(PirReminder.OF_PIR, PirReminder.class).setParameter("pir", pir.getId())
                .getResultList();
    }

    /** The signed-in person's latest reminders. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PirReminder> myReminders(int max) {
        return em.createNamedQuery(PirReminder.OF_RECIPIENT, PirReminder.class).setParameter("recipient", caller.name())
                .setMaxResults(max).getResultList();
    }

}
