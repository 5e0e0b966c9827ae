package com.attest.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A day the organisation does not work, maintained by the compliance lead. */
@Entity
@Table(name = "holiday")
@NamedQuery(name = Holiday.ALL, query = "SELECT h FROM Holiday h ORDER BY h.day")
public class Holiday {

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

    public LocalDate getDay() {
        return day;
    }

    public String getName() {
        return name;
    }
}
