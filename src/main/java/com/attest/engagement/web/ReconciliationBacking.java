package com.attest.engagement.web;

import com.attest.engagement.Engagement;
import com.attest.engagement.PopulationReconciliation;
import com.attest.engagement.Reconciliation;
import com.attest.engagement.ReconciliationService;
import com.attest.platform.web.Forms;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The engagement page's reconciliation with Azure: the population accounted for now (counts, the unmatched by
 * their Azure id, the differences of the matched), the reconciliations recorded; for the lead, recording one,
 * opening an incident for an unmatched Sentinel incident and recording a disposition.
 */
@Named
@ViewScoped
public class ReconciliationBacking implements Serializable {

    @Inject
    private ReconciliationService reconciliations;

    @Inject
    private EngagementBacking page;

    private transient Reconciliation.Result result;
    private transient List<PopulationReconciliation> recorded = List.of();
    private final DispositionFields form = new DispositionFields();

    public void load() {
        Engagement e = page.getEngagement();
        if (e == null) {
            return;
        }
        result = reconciliations.compute(e.getPeriodFrom(), e.getPeriodTo());
        recorded = reconciliations.recorded(e);
    }

    public void reconcile() {
        PopulationReconciliation r = reconciliations.reconcile(page.getEngagement().getId());
        load();
        Forms.info("reconciliation.recorded", r.getId(), r.getUnmatched());
    }

    /** Chooses the unmatched item the disposition form is for. */
    public void choose(Reconciliation.Row row) {
        form.choose(row.kind(), row.azureId());
    }

    public void dispose() {
        reconciliations.dispose(form.getKind(), form.getAzureId(), form.getDisposition(), form.getReason(),
                form.getDuplicateOf());
        Forms.info("reconciliation.disposed", form.getAzureId());
        form.choose(null, null);
        load();
    }

    public void open(Reconciliation.Row row) {
        String ref = reconciliations.open(row.azureId());
        Forms.info("reconciliation.opened", ref, row.azureId());
        load();
    }

    public Reconciliation.Result getResult() {
        return result;
    }

    public List<Reconciliation.Row> getUnmatched() {
        return result == null ? List.of() : result.unmatched();
    }

    public List<Reconciliation.Row> getDiffering() {
        return result == null ? List.of() : result.rows().stream().filter(r -> !r.differences().isEmpty()).toList();
    }

    public List<Reconciliation.Row> getDispositioned() {
        return result == null ? List.of() : result.rows().stream()
                .filter(r -> r.outcome() == Reconciliation.Outcome.DISPOSITIONED).toList();
    }

    public long count(String outcome) {
        return result == null ? 0 : result.count(Reconciliation.Outcome.valueOf(outcome));
    }

    public List<PopulationReconciliation> getRecorded() {
        return recorded;
    }

    public DispositionFields getForm() {
        return form;
    }

    public String words(String disposition) {
        return ReconciliationService.words(disposition);
    }

    public String json(PopulationReconciliation r) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + "/api/engagements/"
                + r.getEngagementId() + "/reconciliations/" + r.getId();
    }
}
