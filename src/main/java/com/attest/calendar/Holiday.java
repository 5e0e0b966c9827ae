package com.attest.calendar;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A day the organisation does not work, maintained by the compliance lead. */
@Entity
@Table(name = "holiday")
@NamedQuery(name = Holiday.ALL, query = "SELECT h FROM Holiday h ORDER BY h.day")
public class Holiday implements Audited, Serializable {

    public static final String ALL = "Holiday.all";

    @Id
    private LocalDate day;
    @Column(nullable = false)
    private String name;

    protected Holiday() {
    }

    Holiday(LocalDate day, String name) {
        this.day = day;
        this.name = name;
    }

    /** A holiday is a change to the business calendar: the trail records it there. */
    @Override
    public String auditType() {
        return CalendarService.ENTITY;
    }

    @Override
    public Object auditId() {
        return CalendarSettings.THE_ONE;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("day", day);
        s.put("name", name);
        return s;
    }

    public LocalDate getDay() {
        return day;
    }

    public String getName() {
        return name;
    }
}
