package com.attest.control.web;

import com.attest.control.ControlHealthService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * The control-health overview and the dashboard's card: the three controls' states and gap sentences for the period
 * in the address (the last twelve months without one).
 */
@Named
@ViewScoped
public class ControlsBacking implements Serializable {

    @Inject
    private ControlHealthService health;

    private LocalDate from;
    private LocalDate to;
    private ControlHealthService.Period period;
    private List<ControlHealthService.Report> reports;

    /** The overview's view action: the period the view parameters set (a wrong one is said, the default shown). */
    public void load() {
        try {
            period = health.period(from, to);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "period");
            period = health.period(null, null);
        }
        from = period.from(); // the fields show the period shown
        to = period.to();
        reports = health.all(period);
    }

    /** Computed once per view: by the view action, or on first use where the card is included. */
    public List<ControlHealthService.Report> getReports() {
        if (reports == null) {
            load();
        }
        return reports;
    }

    public ControlHealthService.Period getPeriod() {
        getReports();
        return period;
    }

    /** Shows another period by reloading with it in the address. */
    public String apply() {
        return "/controls/overview?faces-redirect=true&includeViewParams=true";
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
