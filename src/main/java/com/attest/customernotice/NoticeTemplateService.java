package com.attest.customernotice;

import com.attest.platform.InvalidInput;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notice templates and who approves notices. The compliance lead writes templates — each save a new version, the
 * old ones kept — and maps the approver roles (Legal, CISO, CEO) to portal users with the policy "any one" or "all".
 * Everyone signed in reads them.
 */
@ApplicationScoped
@Transactional
public class NoticeTemplateService {

    private static final int MAX_BODY = 20_000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private UserService users;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeTemplate> templates() {
        return em.createNamedQuery(NoticeTemplate.ALL, NoticeTemplate.class).getResultList();
    }

    /** A template's versions, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeTemplateVersion> versions(long templateId) {
        return em.createNamedQuery(NoticeTemplateVersion.OF_TEMPLATE, NoticeTemplateVersion.class)
                .setParameter("template", templateId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<NoticeTemplateVersion> version(long versionId) {
        return Optional.ofNullable(em.find(NoticeTemplateVersion.class, versionId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<NoticeTemplate> template(long id) {
        return Optional.ofNullable(em.find(NoticeTemplate.class, id));
    }

    /**
     * Saves a template's text as its next version; {@code templateId} null creates the template called {@code name}.
     * Unknown placeholders and unclosed braces are refused, naming them.
     */
    public NoticeTemplateVersion save(Long templateId, String rawName, String rawSubject, String rawBody) {
        caller.require("write notice templates", Role.COMPLIANCE_LEAD);
        String subject = rawSubject == null ? "" : rawSubject.strip();
        String body = rawBody == null ? "" : rawBody.strip().replace("\r\n", "\n");
        String name = rawName == null ? "" : rawName.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        NoticeTemplate template = null;
        if (templateId != null) {
            template = em.find(NoticeTemplate.class, templateId, LockModeType.PESSIMISTIC_WRITE);
            if (template == null) {
                throw new InvalidInput("template", "No template " + templateId + ".");
            }
        } else if (name.isEmpty() || name.length() > 100) {
            errors.add("name", "Name the template (at most 100 characters).");
        } else if (templates().stream().anyMatch(t -> t.getName().equalsIgnoreCase(name))) {
            errors.add("name", "There is already a template called " + name + ": edit it to add a version.");
        }
        if (subject.isEmpty() || subject.length() > 255) {
            errors.add("subject", "The subject is required (at most 255 characters).");
        } else {
            Placeholders.problems(subject).forEach(p -> errors.add("subject", p));
        }
        if (body.isEmpty() || body.length() > MAX_BODY) {
            errors.add("body", "The text is required (at most 20,000 characters).");
        } else {
            Placeholders.problems(body).forEach(p -> errors.add("body", p));
        }
        List<NoticeTemplateVersion> earlier = template == null ? List.of() : versions(template.getId());
        if (!earlier.isEmpty() && earlier.get(0).getSubject().equals(subject) && earlier.get(0).getBody().equals(body)) {
            errors.add("body", "Nothing changed since version " + earlier.get(0).getNumber() + ".");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        if (template == null) {
            template = new NoticeTemplate(name, caller.name(), now);
            em.persist(template);
            em.flush();
        }
        NoticeTemplate stored = template;
        NoticeTemplateVersion version = new NoticeTemplateVersion(stored.getId(),
                earlier.isEmpty() ? 1 : earlier.get(0).getNumber() + 1, subject, body, caller.name(), now);
        changes.create(null, "notice.template-saved", "NoticeTemplate", stored::getId, () -> em.persist(version),
                () -> snapshot(stored, version));
        return version;
    }

    /** A saved version as the audit trail records it: under its template, which it names. */
    private static Map<String, Object> snapshot(NoticeTemplate template, NoticeTemplateVersion version) {
        Map<String, Object> s = version.snapshot();
        s.put("template", template.getName());
        return s;
    }

    /** Who approves as Legal, CISO and CEO (null: nobody). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<ApproverRole, String> approvers() {
        Map<ApproverRole, String> map = new EnumMap<>(ApproverRole.class);
        for (ApproverRole role : ApproverRole.values()) {
            NoticeApprover a = em.find(NoticeApprover.class, role);
            map.put(role, a == null ? null : a.getUsername());
        }
        return map;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApprovalPolicy policy() {
        return em.find(NoticePolicy.class, (short) 1).getApproval();
    }

    /**
     * Maps the approver roles to portal users (blank: nobody) and sets the policy. An approver must be an active
     * responder or compliance lead; at least one role must have one.
     */
    public void configureApprovers(Map<ApproverRole, String> raw, ApprovalPolicy policy) {
        caller.require("choose who approves customer notices", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<ApproverRole, String> wanted = new EnumMap<>(ApproverRole.class);
        for (ApproverRole role : ApproverRole.values()) {
            String name = raw.get(role) == null || raw.get(role).isBlank() ? null
                    : raw.get(role).strip().toLowerCase(java.util.Locale.ROOT);
            wanted.put(role, name);
            if (name != null && users.find(name).filter(User::isEnabled)
                    .filter(u -> u.hasRole(Role.RESPONDER) || u.hasRole(Role.COMPLIANCE_LEAD)).isEmpty()) {
                errors.add("approver" + role.name(), "'" + name + "' is not an active responder or compliance lead:"
                        + " an approver writes, which an auditor never does.");
            }
        }
        if (wanted.values().stream().allMatch(java.util.Objects::isNull)) {
            errors.add("approverLEGAL", "Name at least one approver: no notice can go out without approval.");
        }
        if (policy == null) {
            errors.add("approval", "Choose whether any one approver or all of them must approve.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        changes.apply(null, "notice.approvers-changed", "NoticePolicy", 1, this::settingsSnapshot, () -> {
            for (ApproverRole role : ApproverRole.values()) {
                em.find(NoticeApprover.class, role).assign(wanted.get(role), caller.name(), now);
            }
            em.find(NoticePolicy.class, (short) 1).change(policy, caller.name(), now);
        });
    }

    private Map<String, Object> settingsSnapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        approvers().forEach((role, user) -> s.put(role.name(), user));
        s.put("approval", policy());
        return s;
    }
}
