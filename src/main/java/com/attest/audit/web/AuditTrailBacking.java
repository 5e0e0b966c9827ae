package com.attest.audit.web;

import com.attest.platform.audit.AuditEvent;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.ChainVerification;
import com.attest.platform.web.Forms;
import com.attest.platform.web.InstantFormat;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit-trail page (compliance lead): the trail newest first, narrowed by actor, action, record type and id,
 * dates and free text (all in the address, so a view can be bookmarked and exported as CSV); each row names the
 * user a user record is, and shows its change field by field; and chain verification.
 */
@Named
@ViewScoped
public class AuditTrailBacking implements Serializable {

    @Inject
    private AuditTrail trail;

    @Inject
    private UserService users;

    private String actor;
    private String action;
    private String type;
    private String record;
    private LocalDate from;
    private LocalDate to;
    private String q;
    private Map<String, String> userNames;

    /** One field of a record whose value the change set, changed or removed. */
    public record FieldChange(String field, String before, String after) implements Serializable {
    }

    private final LazyDataModel<AuditEvent> events = new LazyDataModel<>() {
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) trail.count(filter());
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            return trail.page(filter(), first, pageSize);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    };

    private ChainVerification verification;

    /** The filters in force, the dates read as UTC days, as the trail's times are shown (both included). */
    public AuditTrail.Filter filter() {
        ZoneId zone = java.time.ZoneOffset.UTC;
        return new AuditTrail.Filter(actor, action, type, record,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), q);
    }

    public String apply() {
        return "/audit/trail?faces-redirect=true&includeViewParams=true";
    }

    public String clear() {
        return "/audit/trail?faces-redirect=true";
    }

    /** The CSV export of the rows the filters leave. */
    public String getCsv() {
        List<String> query = new ArrayList<>();
        add(query, "actor", actor);
        add(query, "action", action);
        add(query, "type", type);
        add(query, "record", record);
        add(query, "from", from == null ? null : from.toString());
        add(query, "to", to == null ? null : to.toString());
        add(query, "q", q);
        return "/api/audit/events.csv" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }

    /** The user a "User" record's id names, for showing beside the id; null for other records. */
    public String name(AuditEvent event) {
        if (!"User".equals(event.getEntityType()) || event.getEntityId() == null) {
            return null;
        }
        if (userNames == null) {
            userNames = new HashMap<>();
            for (User u : users.list()) {
                userNames.put(String.valueOf(u.getId()), u.getDisplayName() == null || u.getDisplayName().isBlank()
                        ? u.getUsername() : u.getDisplayName() + " (" + u.getUsername() + ")");
            }
        }
        return userNames.get(event.getEntityId());
    }

    /** The change field by field: every field whose value differs between the before and after states. */
    public List<FieldChange> changes(AuditEvent event) {
        return changes(event.getBeforeState(), event.getAfterState());
    }

    /** Every field whose value differs between two JSON states (objects; anything else is one field "value"). */
    static List<FieldChange> changes(String beforeState, String afterState) {
        Map<String, JsonValue> before = object(beforeState);
        Map<String, JsonValue> after = object(afterState);
        List<FieldChange> changes = new ArrayList<>();
        for (String field : new TreeSet<>(union(before, after))) {
            JsonValue b = before.get(field);
            JsonValue a = after.get(field);
            if (b == null ? a != null : !b.equals(a)) {
                changes.add(new FieldChange(field, text(b), text(a)));
            }
        }
        return changes;
    }

    private static java.util.Set<String> union(Map<String, JsonValue> a, Map<String, JsonValue> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, JsonValue> object(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonValue value = Json.createReader(new StringReader(json)).readValue();
            return value instanceof JsonObject o ? new LinkedHashMap<>(o) : Map.of("value", value);
        } catch (RuntimeException notJson) {
            return Map.of("value", Json.createValue(json));
        }
    }

    private static String text(JsonValue value) {
        if (value == null) {
            return "—";
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) value).getString()
                : value.toString();
    }

    public void verify() {
        verification = trail.verify();
        if (verification.intact()) {
            Forms.info("audit.intact", verification.rowsChecked(),
                    InstantFormat.format(verification.verifiedAt()));
        } else {
            Forms.error("audit.broken", verification.firstBrokenId(), verification.problem(),
                    verification.rowsChecked());
        }
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public ChainVerification getVerification() {
        return verification;
    }

    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getRecord() { return record; }
    public void setRecord(String record) { this.record = record; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
}
