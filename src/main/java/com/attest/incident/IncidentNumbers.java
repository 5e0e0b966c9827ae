package com.attest.incident;

import com.attest.calendar.CalendarService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Incident references, {@code INC-YYYY-NNN}: numbered per year of detection (in the organisation's time zone),
 * without gaps while transactions commit, from one counter row per year that the numbering transaction holds.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentNumbers {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CalendarService calendars;

    /** The next reference of the year {@code detectedAt} falls in. */
    public String next(Instant detectedAt) {
        int year = detectedAt.atZone(calendars.zone()).getYear();
        return reference(year, reserve(em, year, 1));
    }

    /**
     * Reserves the next {@code count} numbers of {@code year} in one update of its counter row (held by the
     * transaction until it ends); the first of them.
     */
    static int reserve(EntityManager em, int year, int count) {
        Number last = (Number) em.createNativeQuery("""
                INSERT INTO incident_sequence (year, last) VALUES (?1, ?2)
                ON CONFLICT (year) DO UPDATE SET last = incident_sequence.last + ?2
                RETURNING last""").setParameter(1, year).setParameter(2, count).getSingleResult();
        return last.intValue() - count + 1;
    }

    static String reference(int year, int number) {
        return String.format("INC-%d-%03d", year, number);
    }
}
