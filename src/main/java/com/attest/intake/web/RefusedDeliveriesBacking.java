package com.attest.intake.web;

import com.attest.intake.IntakeDeliveryService;
import com.attest.intake.IntakeRefusals;
import com.attest.intake.IntakeSweep;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The intake page's refused deliveries: how many each source sent that could not be read (or processed), per day,
 * the latest of them with why, and replaying one once a reader or rule is fixed. Also how many wait to be processed,
 * and how many were refused before their caller could be identified (counted only, nothing of them kept).
 */
@Named
@ViewScoped
public class RefusedDeliveriesBacking implements Serializable {

    private static final int DAYS = 30;
    private static final int LATEST = 50;

    @Inject
    private IntakeDeliveryService deliveries;

    @Inject
    private IntakeSweep sweep;

    @Inject
    private IntakeRefusals refusals;

    private List<IntakeDeliveryService.RefusedDay> days;
    private List<IntakeDeliveryService.Kept> latest;
    private long pending;
    private List<IntakeRefusals.Day> unidentified;

    @PostConstruct
    void load() {
        days = deliveries.refusedByDay(DAYS);
        latest = deliveries.refused(LATEST);
        pending = deliveries.pending();
        refusals.flush();
        unidentified = refusals.byDay(DAYS);
    }

    public void replay(IntakeDeliveryService.Kept delivery) {
        deliveries.replay(delivery.id());
        sweep.wake();
        Forms.info("intake.replayed", delivery.id());
        load();
    }

    public List<IntakeDeliveryService.RefusedDay> getDays() { return days; }
    public List<IntakeDeliveryService.Kept> getLatest() { return latest; }
    public long getPending() { return pending; }
    public List<IntakeRefusals.Day> getUnidentified() { return unidentified; }
    public int getDayCount() { return DAYS; }
}
