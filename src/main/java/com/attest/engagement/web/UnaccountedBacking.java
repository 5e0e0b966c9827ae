package com.attest.engagement.web;

import com.attest.engagement.ReconciliationService;
import com.attest.engagement.ReconciliationService.Unaccounted;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The unmatched Azure items of the engagements not yet over, for responders and the lead: a Sentinel incident opened
 * as a portal incident in one click (through intake), or a disposition recorded with its reason.
 */
@Named
@ViewScoped
public class UnaccountedBacking implements Serializable {

    @Inject
    private ReconciliationService reconciliations;

    private transient List<Unaccounted> items = List.of();
    private final DispositionFields form = new DispositionFields();

    @PostConstruct
    public void load() {
        items = reconciliations.unaccounted();
    }

    public void choose(Unaccounted item) {
        form.choose(item.row().kind(), item.row().azureId());
    }

    public void dispose() {
        reconciliations.dispose(form.getKind(), form.getAzureId(), form.getDisposition(), form.getReason(),
                form.getDuplicateOf());
        Forms.info("reconciliation.disposed", form.getAzureId());
        form.choose(null, null);
        load();
    }

    public void open(Unaccounted item) {
        String ref = reconciliations.open(item.row().azureId());
        Forms.info("reconciliation.opened", ref, item.row().azureId());
        load();
    }

    public List<Unaccounted> getItems() {
        return items;
    }

    public String engagements(Unaccounted item) {
        return String.join(", ", item.engagements());
    }

    public DispositionFields getForm() {
        return form;
    }
}
