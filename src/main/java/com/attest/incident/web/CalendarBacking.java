package com.attest.incident.web;

import com.attest.calendar.CalendarService;
import com.attest.calendar.CalendarSettings;
import com.attest.calendar.Holiday;
import com.attest.incident.ResponseTargetService;
import com.attest.incident.Severity;
import com.attest.incident.SlaTarget;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The response clocks' settings page (compliance lead): the business calendar the clocks count on and the
 * response-SLA targets per severity, saved together.
 */
@Named
@ViewScoped
public class CalendarBacking implements Serializable {

    @Inject
    private CalendarService calendars;

    @Inject
    private ResponseTargetService responseTargets;

    private String timeZone;
    private DayOfWeek[] weekend;
    private LocalTime closesAt;
    private List<Holiday> holidays;
    private LocalDate holidayDay;
    private String holidayName;
    private final Map<Severity, Integer> targets = new EnumMap<>(Severity.class);

    @PostConstruct
    void load() {
        CalendarSettings settings = calendars.settings();
        timeZone = settings.getTimeZone();
        weekend = settings.weekend().toArray(new DayOfWeek[0]);
        closesAt = settings.getDayClosesAt();
        holidays = calendars.holidays();
        for (SlaTarget target : responseTargets.slaTargets()) {
            targets.put(target.getSeverity(), target.getResponseMinutes());
        }
    }

    public void save() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (weekend != null) {
            days.addAll(List.of(weekend));
        }
        responseTargets.changeCalendarAndTargets(timeZone, days, closesAt, targets);
        Forms.info("calendar.saved");
    }

    public void addHoliday() {
        calendars.addHoliday(holidayDay, holidayName);
        Forms.info("calendar.holidayAdded", holidayDay);
        holidayDay = null;
        holidayName = null;
        holidays = calendars.holidays();
    }

    public void removeHoliday(Holiday holiday) {
        calendars.removeHoliday(holiday.getDay());
        holidays = calendars.holidays();
    }

    public DayOfWeek[] getDays() {
        return DayOfWeek.values();
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public Map<Severity, Integer> getTargets() {
        return targets;
    }

    public List<Holiday> getHolidays() {
        return holidays;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public DayOfWeek[] getWeekend() {
        return weekend;
    }

    public void setWeekend(DayOfWeek[] weekend) {
        this.weekend = weekend;
    }

    public LocalTime getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(LocalTime closesAt) {
        this.closesAt = closesAt;
    }

    public LocalDate getHolidayDay() {
        return holidayDay;
    }

    public void setHolidayDay(LocalDate holidayDay) {
        this.holidayDay = holidayDay;
    }

    public String getHolidayName() {
        return holidayName;
    }

    public void setHolidayName(String holidayName) {
        this.holidayName = holidayName;
    }

    /** Every time zone the server knows (IANA names), for the suggestions beside the field. */
    public java.util.List<String> getTimeZones() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"), java.time.ZoneId.getAvailableZoneIds()
                .stream().filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted())
                .toList();
    }
}
