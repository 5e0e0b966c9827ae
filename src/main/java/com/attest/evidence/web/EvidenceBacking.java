package com.attest.evidence.web;

import com.attest.evidence.DisposalCertificate;
import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.evidence.EvidenceType;
import com.attest.platform.web.Forms;
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
 * The evidence register page: the catalogue with its retention, and the items filtered by type, control, period (for
 * an auditor, only within their open engagements' periods).
 */
@Named
@ViewScoped
public class EvidenceBacking implements Serializable {

    private static final int PAGE = 50;

    @Inject
    private EvidenceService register;

    @Inject
    private AuditorLimits scope;

    private String type;
    private String control;
    private LocalDate from;
    private LocalDate to;
    private String state;
    private int first;
    private final Map<String, Integer> years = new HashMap<>();
    private transient List<EvidenceType> types = List.of();
    private transient List<DisposalCertificate> certificates = List.of();
    private transient List<EvidenceItem> items = List.of();
    private long total;

    @PostConstruct
    void load() {
        types = register.types();
        certificates = register.certificates();
        read();
    }

    /** The page of items the filter and position name, and how many match. */
    private void read() {
        EvidenceService.Filter filter = filter();
        items = register.search(filter, first, PAGE);
        total = register.count(filter);
    }

    public List<EvidenceType> getTypes() {
        return types;
    }

    public List<DisposalCertificate> getCertificates() {
        return certificates;
    }

    public List<EvidenceItem> getItems() {
        return items;
    }

    public long getTotal() {
        return total;
    }

    private EvidenceService.Filter filter() {
        return new EvidenceService.Filter(type, control, from, to, "HELD".equals(state) ? Boolean.TRUE : null,
                "QUEUED".equals(state) ? EvidenceItem.Disposal.QUEUED : null).limitedTo(scope.limits());
    }

    public void search() {
        first = 0;
        read();
    }

    public void next() {
        if (first + PAGE < total) {
            first += PAGE;
        }
        read();
    }

    public void previous() {
        first = Math.max(0, first - PAGE);
        read();
    }

    public void lengthen(String code) {
        EvidenceType t = register.lengthen(code, years.get(code));
        Forms.info("evidence.lengthened", t.getTitle(), t.getRetentionYears());
        types = register.types();
    }

    public int getFirst() { return first; }
    public int getPageSize() { return PAGE; }
    public Map<String, Integer> getYears() { return years; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getControl() { return control; }
    public void setControl(String control) { this.control = control; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
}
