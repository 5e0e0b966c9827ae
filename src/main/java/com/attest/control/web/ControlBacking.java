package com.attest.control.web;

import com.attest.control.Control;
import com.attest.control.ControlHealthService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;

/** One control's page: its state and every gap with the records concerned, for the period in the address. */
@Named
@ViewScoped
public class ControlBacking implements Serializable {

    @Inject
    private ControlHealthService health;

    private String id;
    private LocalDate from;
    private LocalDate to;
    private ControlHealthService.Report report;

    public void load() throws IOException {
        Control control = id == null ? null : Control.of(id).orElse(null);
        if (control == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such control");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        ControlHealthService.Period period;
        try {
            period = health.period(from, to);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "period");
            period = health.period(null, null);
        }
        from = period.from(); // the fields show the period shown
        to = period.to();
        report = health.of(control, period);
    }

    /** Shows another period by reloading with it in the address. */
    public String apply() {
        return "/controls/control?faces-redirect=true&includeViewParams=true";
    }

    public ControlHealthService.Report getReport() {
        return report;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
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
