package com.attest.pack.web;

import com.attest.pack.EvidencePack;
import com.attest.pack.EvidencePackService;
import com.attest.pack.PackDefinition;
import com.attest.pack.PackKeys;
import com.attest.pack.SignatureCheck;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence-packs page: ask for a pack (kind, period, optionally an incident), watch the running one's progress
 * (the page polls while one runs), cancel it, and download finished packs with their signature checked.
 */
@Named
@ViewScoped
public class PacksBacking implements Serializable {

    private static final int SHOWN = 20;

    @Inject
    private EvidencePackService packs;

    @Inject
    private PackKeys keys;

    @Inject
    private AuditorLimits auditors;

    @Inject
    private java.time.Clock clock;

    @Inject
    private com.attest.calendar.CalendarService calendars;

    private String kind = "audit-period";
    private LocalDate from;
    private LocalDate to;
    private String incident;
    private List<EvidencePack> recent;
    private final Map<Long, SignatureCheck> signatures = new HashMap<>();

    @PostConstruct
    void load() {
        LocalDate today = clock.instant().atZone(calendars.zone()).toLocalDate();
        to = today;
        from = today.minusYears(1).plusDays(1);
        List<AuditPeriod> limits = auditors.limits();
        if (limits != null && !limits.isEmpty()) { // an auditor: their engagement's audit period
            from = limits.get(0).from();
            to = limits.get(0).to();
        }
        read();
    }

    private void read() {
        recent = packs.recent(SHOWN);
        for (EvidencePack p : recent) {
            if (p.getState() == EvidencePack.State.FINISHED && !signatures.containsKey(p.getId())) {
                packs.signature(p.getId()).ifPresent(s -> signatures.put(p.getId(), s));
            }
        }
    }

    public void generate() {
        EvidencePack pack = packs.generate(kind, from, to, incident);
        started = pack.getId();
        toldId = null;
        Forms.info("packs.started", pack.getId());
        read();
    }

    public void cancel(EvidencePack pack) {
        try {
            packs.cancel(pack.getId());
            Forms.info("packs.cancelledInfo", pack.getId());
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "packsForm");
        }
        read();
    }

    /**
     * The poll's action: reread the packs while one is queued or running, and keep the message about the pack asked
     * for true: still being generated, then finished or failed.
     */
    public void refresh() {
        read();
        if (started == null) {
            // a poll already on its way when the outcome was told (a slow answer) tells it again, not nothing
            if (toldId != null) {
                tell(toldId, toldState);
            }
            return;
        }
        recent.stream().filter(p -> p.getId() == started.longValue()).findFirst().ifPresent(p -> {
            tell(p.getId(), p.getState());
            if (!p.getState().open()) {
                started = null;
                toldId = p.getId();
                toldState = p.getState();
            }
        });
    }

    private static void tell(long id, EvidencePack.State state) {
        switch (state) {
            case QUEUED, RUNNING -> Forms.info("packs.started", id);
            case FINISHED -> Forms.info("packs.finished", id);
            case FAILED -> Forms.error("packs.failedInfo", id);
            case CANCELLED -> Forms.info("packs.cancelledInfo", id);
        }
    }

    /** The pack asked for on this page whose outcome the page still has to tell, or null. */
    private Long started;

    /** The pack asked for on this page whose outcome was told (and that outcome), or null. */
    private Long toldId;
    private EvidencePack.State toldState;

    public boolean isRunning() {
        return recent.stream().anyMatch(p -> p.getState().open());
    }

    public SignatureCheck signature(EvidencePack pack) {
        return signatures.get(pack.getId());
    }

    public List<EvidencePack> getRecent() {
        return recent;
    }

    public List<PackDefinition> getKinds() {
        return packs.kinds();
    }

    public String getSigningKey() {
        return keys.origin();
    }

    /** The signing certificate's subject and SHA-256, to compare with what {@code VerifyPack} prints. */
    public String getSigningCertificate() {
        return keys.key().subject() + ", SHA-256 " + keys.key().fingerprint();
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
}
