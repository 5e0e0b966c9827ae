package com.attest.customernotice.web;

import com.attest.customernotice.CustomerContact;
import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.CustomerService;
import com.attest.customernotice.DeliveryMethod;
import com.attest.customernotice.NoticeDecision;
import com.attest.customernotice.NoticeDelivery;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.oncall.Notification;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One customer notice: its text, approval, sending or recorded delivery, and its evidence. */
@Named
@ViewScoped
public class NoticeBacking implements Serializable {

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private CustomerService customers;

    @Inject
    private IncidentService incidents;

    @Inject
    private Caller caller;

    private Long id;
    private CustomerNotice notice;
    private Incident incident;
    private String subject;
    private String text;
    private String comment;
    private List<Long> contacts = new ArrayList<>();
    private DeliveryMethod method;
    private String recipients;
    private LocalDateTime deliveredAt;
    private String deliveryNote;
    private transient jakarta.servlet.http.Part proof;
    private boolean approver;
    private transient List<NoticeDecision> decisions = List.of();
    private transient NoticeDelivery delivery;
    private transient Notification mail;
    private String customerNames;
    private transient List<SelectItem> contactChoices = List.of();

    public void load() throws IOException {
        notice = id == null ? null : notices.find(id).orElse(null);
        if (notice == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such notice");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        incident = incidents.byId(notice.getIncidentId()).orElseThrow();
        subject = notice.getSubject();
        text = notice.getText();
        comment = null;
    }

    public void save() {
        act(() -> notices.edit(id, notice.getVersion(), subject, text), "notice.saved");
    }

    public void submit() {
        act(() -> notices.submit(id, notice.getVersion()), "notice.submitted");
    }

    public void approve() {
        act(() -> notices.approve(id, notice.getVersion(), comment), "notice.approvedMessage");
    }

    public void reject() {
        act(() -> notices.reject(id, notice.getVersion(), comment), "notice.rejectedMessage");
    }

    public void send() {
        act(() -> deliveries.send(id, notice.getVersion(), contacts), "notice.sentMessage");
    }

    public void record() throws IOException {
        byte[] body;
        try (InputStream in = proof == null ? InputStream.nullInputStream() : proof.getInputStream()) {
            body = in.readNBytes(10 * 1024 * 1024 + 1);
        }
        String name = proof == null ? null : proof.getSubmittedFileName();
        act(() -> deliveries.recordDelivery(id, notice.getVersion(), method, recipients,
                deliveredAt == null ? null : deliveredAt.toInstant(ZoneOffset.UTC), deliveryNote, name, body),
                "notice.recordedMessage");
    }

    /** Makes the change, shows the outcome, reloads (a refusal shows beside the fields and changes nothing). */
    private void act(Runnable change, String message) {
        change.run();
        Forms.info(message, id);
        try {
            load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isApprover() {
        return !notices.approverRoles(caller.name()).isEmpty();
    }

    public List<NoticeDecision> getDecisions() {
        return notices.decisions(id);
    }

    public NoticeDelivery getDelivery() {
        return notices.delivery(id).orElse(null);
    }

    public Notification getMail() {
        NoticeDelivery d = getDelivery();
        return d == null ? null : notices.notification(d).orElse(null);
    }

    public String getCustomerNames() {
        return String.join(", ", notice.getCustomerIds().stream()
                .map(c -> customers.customer(c).map(x -> x.getName()).orElse("?")).toList());
    }

    /** The active contacts of the notice's customers. */
    public List<jakarta.faces.model.SelectItem> getContactChoices() {
        List<jakarta.faces.model.SelectItem> all = new ArrayList<>();
        for (Long c : notice.getCustomerIds()) {
            customers.contacts(c).stream().filter(CustomerContact::isActive).forEach(k -> all.add(
                    new jakarta.faces.model.SelectItem(k.getId(), k.getName() + " · " + k.getRole().label() + " · "
                            + k.getEmail())));
        }
        return all;
    }

    public List<DeliveryMethod> getMethods() {
        return Arrays.stream(DeliveryMethod.values()).filter(m -> m != DeliveryMethod.GRAPH_MAIL).toList();
    }

    public CustomerNotice getNotice() {
        return notice;
    }

    public Incident getIncident() {
        return incident;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public List<Long> getContacts() {
        return contacts;
    }

    public void setContacts(List<Long> contacts) {
        this.contacts = contacts;
    }

    public DeliveryMethod getMethod() {
        return method;
    }

    public void setMethod(DeliveryMethod method) {
        this.method = method;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public LocalDateTime getDeliveredAt() {
        return deliveredAt;
    }

    public void setDeliveredAt(LocalDateTime deliveredAt) {
        this.deliveredAt = deliveredAt;
    }

    public String getDeliveryNote() {
        return deliveryNote;
    }

    public void setDeliveryNote(String deliveryNote) {
        this.deliveryNote = deliveryNote;
    }

    public jakarta.servlet.http.Part getProof() {
        return proof;
    }

    public void setProof(jakarta.servlet.http.Part proof) {
        this.proof = proof;
    }
}
