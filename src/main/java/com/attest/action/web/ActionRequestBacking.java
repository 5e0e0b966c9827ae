package com.attest.action.web;

import com.attest.action.ActionInputs;
import com.attest.action.ActionPreparation;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.action.ActionType;
import com.attest.action.DryRun;
import com.attest.action.Param;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.runbook.WalkthroughService;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preparing an action from a runbook item: typed parameters (filled in from the incident), the dry run, and the
 * request, which waits for a second person's approval unless it changes nothing or glass is broken on a P1.
 */
@Named
@ViewScoped
public class ActionRequestBacking implements Serializable {

    @Inject
    private ActionRunService runs;

    @Inject
    private ActionPreparation preparation;

    @Inject
    private IncidentService incidents;

    @Inject
    private WalkthroughService walkthroughs;

    private String ref;
    private String item;
    private String typeCode;
    private Long from;

    private Incident incident;
    private ActionType type;
    private String itemText;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();
    private DryRun dryRun;
    private String reason;
    private boolean breakGlass;
    private String breakGlassReason;

    public void load() throws IOException {
        incident = incidents.find(ref).orElse(null);
        ActionType asked = typeCode == null || typeCode.isBlank() ? null : ActionType.ofCode(typeCode).orElse(null);
        if (incident != null && asked != null && asked.collectsEvidence()) {
            type = asked;
            item = null;
            itemText = null;
        } else {
            Optional<WalkthroughService.ItemState> state = incident == null ? Optional.empty()
                    : walkthroughs.checklist(incident).flatMap(c -> c.items().stream()
                    .filter(i -> i.item().key().equals(item)).findFirst());
            if (state.isEmpty() || state.get().item().action() == null) {
                notFound("No automated runbook item " + item + " on " + ref);
                return;
            }
            itemText = state.get().item().text();
            type = asked != null ? asked : ActionType.ofCode(state.get().item().action()).orElse(null);
        }
        if (type == null) {
            notFound("No action " + typeCode);
            return;
        }
        values.clear();
        Optional<ActionRun> source = from == null ? Optional.empty() : runs.find(from)
                .filter(r -> r.getIncidentId().equals(incident.getId()));
        if (type == ActionType.RELEASE_VM) {
            source.map(ActionRun::getBeforeState).filter(s -> s != null && !s.isBlank()).ifPresent(this::fromQuarantine);
        } else if (source.isPresent() && source.get().type() == type) {
            values.putAll(source.get().parameterMap()); // run again: the same values, checked again
        } else {
            values.putAll(preparation.suggestions(incident, type));
        }
    }

    /** The quarantine's remembered state: the NIC and the NSG it had before. */
    private void fromQuarantine(String before) {
        JsonObject state = Json.createReader(new StringReader(before)).readObject();
        String nic = state.getString("nic", null);
        String previous = state.isNull("networkSecurityGroup") ? null : state.getString("networkSecurityGroup", null);
        if (nic != null) {
            values.put("nic", nic);
        }
        if (previous != null) {
            values.put("previousNsg", previous);
        }
    }

    private void notFound(String message) throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.responseSendError(404, message);
        FacesContext.getCurrentInstance().responseComplete();
    }

    public void preview() {
        errors.clear();
        dryRun = null;
        try {
            dryRun = preparation.preview(type, values).getValue();
        } catch (InvalidInput invalid) {
            show(invalid);
        }
    }

    public String submit() {
        errors.clear();
        try {
            ActionRun run = runs.request(ref, item, type.code(), values, reason, breakGlass, breakGlassReason,
                    from != null && (type == ActionType.RELEASE_VM || runs.find(from).map(r -> r.type() == type)
                            .orElse(false)) ? from : null);
            Forms.info("action.requested." + run.getState(), type.label());
            return "/incidents/run?faces-redirect=true&id=" + run.getId();
        } catch (InvalidInput invalid) {
            show(invalid);
            return null;
        }
    }

    private void show(InvalidInput invalid) {
        List<InvalidInput.FieldError> others = new ArrayList<>();
        for (InvalidInput.FieldError e : invalid.errors()) {
            if (e.field().startsWith("param.")) {
                errors.merge(e.field().substring(6), e.message(), (a, b) -> a + " " + b);
            } else {
                others.add(e);
            }
        }
        Forms.show(new InvalidInput(others.isEmpty() ? List.of(new InvalidInput.FieldError("values",
                "Check the values marked below.")) : others), "actionForm");
    }

    /** The choices of a workspace, subscription or outcome parameter. */
    public List<SelectItem> choices(Param param) {
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem("", "—"));
        switch (param.kind()) {
            case WORKSPACE -> preparation.workspaces().forEach(w -> items.add(new SelectItem(w.workspaceId(),
                    w.name() + " (" + w.workspaceId() + ")")));
            case SUBSCRIPTION -> preparation.identities().forEach(i -> items.add(new SelectItem(i.subscriptionId(),
                    i.name() + " (" + i.subscriptionId() + ")")));
            case OUTCOME -> ActionInputs.OUTCOMES.stream().sorted().forEach(o -> items.add(new SelectItem(o, o)));
            default -> {
            }
        }
        return items;
    }

    public boolean isBreakGlassOffered() {
        return type.destructive() && incident.getSeverity() == com.attest.incident.Severity.P1;
    }

    public Map<String, String> getValues() {
        return values;
    }

    public Map<String, String> getErrors() {
        return errors;
    }

    public List<Param> getParams() {
        return type.params();
    }

    public ActionType getType() {
        return type;
    }

    public Incident getIncident() {
        return incident;
    }

    public String getItemText() {
        return itemText;
    }

    public DryRun getDryRun() {
        return dryRun;
    }

    public String getRef() { return ref; }
    public void setRef(String ref) { this.ref = ref; }
    public String getItem() { return item; }
    public void setItem(String item) { this.item = item; }
    public String getTypeCode() { return typeCode; }
    public void setTypeCode(String typeCode) { this.typeCode = typeCode; }
    public Long getFrom() { return from; }
    public void setFrom(Long from) { this.from = from; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public boolean isBreakGlass() { return breakGlass; }
    public void setBreakGlass(boolean breakGlass) { this.breakGlass = breakGlass; }
    public String getBreakGlassReason() { return breakGlassReason; }
    public void setBreakGlassReason(String breakGlassReason) { this.breakGlassReason = breakGlassReason; }
}
