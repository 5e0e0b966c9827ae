package com.attest.calendar;

import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the business calendar for everyone; the compliance lead maintains it. Every change is audited. */
@ApplicationScoped
@Transactional
public class CalendarService {

    static final String ENTITY = "BusinessCalendar";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    private final com.attest.platform.Reloadable<BusinessCalendar> inForce =
            new com.attest.platform.Reloadable<>(java.time.Duration.ofSeconds(30));

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transaction;

    /** The calendar in force; reused for a short while, since every incident and alert needs it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BusinessCalendar calendar() {
        return inForce.get(() -> {
            CalendarSettings settings = settings();
            Set<LocalDate> holidays = holidays().stream().map(Holiday::getDay).collect(Collectors.toSet());
            return new BusinessCalendar(settings.zone(), settings.weekend(), settings.getDayClosesAt(), holidays);
        });
    }

    /** The organisation's time zone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ZoneId zone() {
        return calendar().zone();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CalendarSettings settings() {
        return em.find(CalendarSettings.class, CalendarSettings.THE_ONE);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Holiday> holidays() {
        return em.createNamedQuery(Holiday.ALL, Holiday.class).getResultList();
    }

    public void change(String timeZone, Set<DayOfWeek> weekend, LocalTime closesAt) {
        caller.require("change the business calendar", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        ZoneId zone = parseZone(timeZone, errors);
        if (weekend == null || weekend.size() == 7) {
            errors.add("weekend", "At least one day of the week must be a business day.");
        }
        if (closesAt == null) {
            errors.add("closesAt", "The time a business day closes is required.");
        }
        errors.throwIfAny();
        CalendarSettings settings = settings();
        changes.apply("calendar.changed", settings, () -> {
            settings.change(zone, weekend, closesAt);
            inForce.forget(transaction);
        });
    }

    /** The time zone named, or null with the refusal added to {@code errors}. */
    private static ZoneId parseZone(String timeZone, InvalidInput.Collector errors) {
        try {
            return ZoneId.of(timeZone == null ? "" : timeZone.trim());
        } catch (DateTimeException e) {
            errors.add("timeZone", "Time zone '" + timeZone + "' is not known (expected e.g. Europe/London).");
            return null;
        }
    }

    public void addHoliday(LocalDate day, String name) {
        caller.require("maintain holidays", Role.COMPLIANCE_LEAD);
        String trimmed = name == null ? "" : name.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (day == null) {
            errors.add("holidayDay", "The date of the holiday is required.");
        } else if (em.find(Holiday.class, day) != null) {
            errors.add("holidayDay", day + " is already a holiday.");
        }
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            errors.add("holidayName", "Name the holiday (up to 200 characters).");
        }
        errors.throwIfAny();
        changes.create("calendar.holiday-added", new Holiday(day, trimmed));
        inForce.forget(transaction);
    }

    public void removeHoliday(LocalDate day) {
        caller.require("maintain holidays", Role.COMPLIANCE_LEAD);
        Holiday holiday = em.find(Holiday.class, day);
        if (holiday != null) {
            em.remove(holiday);
            inForce.forget(transaction);
            audit.record("calendar.holiday-removed", ENTITY, CalendarSettings.THE_ONE, holiday.snapshot(), null);
        }
    }
}
