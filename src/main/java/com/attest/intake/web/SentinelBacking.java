package com.attest.intake.web;

import com.attest.azure.SentinelApi;
import com.attest.azure.SentinelWorkspace;
import com.attest.intake.Receipt;
import com.attest.intake.SentinelService;
import com.attest.platform.web.Forms;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Sentinel page (responders and the compliance lead): a workspace's incidents with the policy's filter (High,
 * Active) by default, page by page; import one into the portal; assign a responder in Sentinel.
 */
@Named
@ViewScoped
public class SentinelBacking implements Serializable {

    @Inject
    private SentinelService sentinel;

    @Inject
    private UserService users;

    private String workspace;
    private List<String> severities = new ArrayList<>(List.of("High"));
    private List<String> statuses = new ArrayList<>(List.of("Active"));
    private String assignee;
    private transient List<SentinelService.Row> rows;
    private String nextLink;
    private final List<String> previous = new ArrayList<>();
    private String current;

    @PostConstruct
    void init() {
        List<SentinelWorkspace> all = sentinel.workspaces();
        workspace = all.isEmpty() ? null : all.get(0).name();
        assignee = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        if (workspace != null) {
            try {
                show(null);
            } catch (com.attest.platform.InvalidInput refused) {
                Forms.show(refused, "filters");
            }
        }
    }

    public void list() {
        previous.clear();
        show(null);
    }

    public void next() {
        if (nextLink != null) {
            previous.add(current);
            show(nextLink);
        }
    }

    public void back() {
        if (!previous.isEmpty()) {
            show(previous.remove(previous.size() - 1));
        }
    }

    private void show(String link) {
        rows = List.of();
        nextLink = null;
        SentinelService.Listing listing = sentinel.list(workspace, severities, statuses, link);
        rows = listing.rows();
        nextLink = listing.nextLink();
        current = link;
    }

    public void importIncident(SentinelService.Row row) {
        Receipt receipt = sentinel.importIncident(workspace, row.incident().name());
        Forms.info(receipt.duplicate() ? "sentinel.importedAgain" : "sentinel.imported", title(row),
                receipt.incidentReference());
        refresh();
    }

    public void assign(SentinelService.Row row) {
        SentinelService.Assigned assigned = sentinel.assign(workspace, row.incident().name(), row.incident().etag(),
                assignee);
        SentinelApi.Incident now = assigned.incident();
        if (assigned.conflict()) {
            Forms.error("sentinel.conflict", title(row), now.owner() == null ? "—" : now.owner(), now.status(),
                    assigned.owner());
        } else {
            Forms.info(assigned.reference() == null ? "sentinel.assigned" : "sentinel.assignedLinked", title(row),
                    assigned.owner(), assigned.reference());
        }
        rows = rows.stream().map(r -> r.incident().name().equals(now.name())
                ? new SentinelService.Row(now, assigned.reference() != null ? assigned.reference() : r.reference())
                : r).toList();
    }

    private void refresh() {
        show(current);
    }

    private static String title(SentinelService.Row row) {
        return row.incident().number() == null ? row.incident().name() : "#" + row.incident().number();
    }

    public List<SentinelWorkspace> getWorkspaces() {
        return sentinel.workspaces();
    }

    /** Whom an incident can be assigned to: active responders and compliance leads. */
    public List<User> getAssignees() {
        return Stream.concat(users.withRole(Role.RESPONDER).stream(), users.withRole(Role.COMPLIANCE_LEAD).stream())
                .distinct().sorted(Comparator.comparing(User::getUsername)).toList();
    }

    public List<String> getSeverityChoices() {
        return SentinelApi.SEVERITIES;
    }

    public List<String> getStatusChoices() {
        return SentinelApi.STATUSES;
    }

    public List<SentinelService.Row> getRows() {
        return rows == null ? List.of() : rows;
    }

    public boolean isHasNext() {
        return nextLink != null;
    }

    public boolean isHasPrevious() {
        return !previous.isEmpty();
    }

    public String getWorkspace() {
        return workspace;
    }

    public void setWorkspace(String workspace) {
        this.workspace = workspace;
    }

    public List<String> getSeverities() {
        return severities;
    }

    public void setSeverities(List<String> severities) {
        this.severities = severities == null ? new ArrayList<>() : new ArrayList<>(severities);
    }

    public List<String> getStatuses() {
        return statuses;
    }

    public void setStatuses(List<String> statuses) {
        this.statuses = statuses == null ? new ArrayList<>() : new ArrayList<>(statuses);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }
}
