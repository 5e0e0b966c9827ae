package com.attest.calendar;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The organisation's time zone, weekend and closing hour: the single row behind the business calendar. */
@Entity
@Table(name = "business_calendar")
public class CalendarSettings implements Audited {

    static final short THE_ONE = 1;

    @Id
    private short id;
    @Column(name = "time_zone", nullable = false)
    private String timeZone;
    @Column(name = "weekend_days", nullable = false)
    private String weekendDays;
    @Column(name = "day_closes_at", nullable = false)
    private LocalTime dayClosesAt;
    @Version
    private long version;

    protected CalendarSettings() {
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Set<DayOfWeek> weekend() {
        if (weekendDays.isBlank()) {
            return EnumSet.noneOf(DayOfWeek.class);
        }
        return Arrays.stream(weekendDays.split(",")).map(String::trim).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    void change(ZoneId zone, Set<DayOfWeek> weekend, LocalTime closesAt) {
        this.timeZone = zone.getId();
        this.weekendDays = weekend.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        this.dayClosesAt = closesAt;
    }

    @Override
    public String auditType() {
        return CalendarService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("timeZone", timeZone);
        s.put("weekendDays", weekendDays);
        s.put("dayClosesAt", dayClosesAt.toString());
        return s;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public LocalTime getDayClosesAt() {
        return dayClosesAt;
    }

    public long getVersion() {
        return version;
    }
}
