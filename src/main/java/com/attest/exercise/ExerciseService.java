package com.attest.exercise;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemService;
import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Approval;
import com.attest.platform.change.Changes;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import com.attest.runbook.FileKind;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exercise records: recorded (after the exercise was held) and edited as drafts by responders and the compliance
 * lead, signed off by a compliance lead who did not facilitate it — then fixed, with the SHA-256 of the content —
 * and their action items moved on. Every change is in the audit trail, in the same transaction.
 */
@ApplicationScoped
@Transactional
public class ExerciseService {

    static final String ENTITY = "Exercise";
    private static final Changes.Kind KIND = new Changes.Kind("exercise", "exercise");
    /** Who signs an exercise off: a compliance lead who did not facilitate it. */
    private static final Approval.Wording SIGN_OFF = new Approval.Wording("this exercise", "exercise", "signOff",
            "comment", "facilitated", "sign off", "return", "returned", "another compliance lead signs it off", null);
    static final int TEXT_MAX = 20_000;
    static final int ROWS_MAX = 200;
    /** A clock time (10:05) or an offset from the start (+35, +1:20). */
    static final Pattern AT = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d|\\+\\d{1,3}(:[0-5]\\d)?");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private ActionItemService actionItems;

    @Inject
    private Caller caller;

    @Inject
    private UserService users;

    @Inject
    private DocumentService documents;

    @Inject
    private CalendarService calendars;

    @Inject
    private AuditorLimits auditors;

    // --- writing --------------------------------------------------------------------------------------------

    /** Records an exercise that was held, as a draft. */
    public Exercise record(ExerciseForm form) {
        caller.require("record exercises", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        check(form, errors);
        errors.throwIfAny();
        Exercise exercise = new Exercise(form, caller.name(), clock.instant());
        changes.create(null, "exercise.recorded", ENTITY, exercise::getId, () -> {
            em.persist(exercise);
            em.flush();
            writeParts(exercise, form);
        }, () -> snapshot(exercise));
        return exercise;
    }

    /** Saves a draft as the form has it, based on the version the writer saw. */
    public Exercise save(long id, long seenVersion, ExerciseForm form) {
        caller.require("edit exercises", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Exercise exercise = changes.lock(Exercise.class, id, seenVersion, KIND);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!exercise.isDraft()) {
            errors.add("state", "The exercise is signed off: its record is fixed.");
        }
        check(form, errors);
        errors.throwIfAny();
        changes.applyIfChanged(null, "exercise.saved", ENTITY, exercise.getId(), () -> snapshot(exercise), () -> {
            exercise.write(form, caller.name(), clock.instant());
            writeParts(exercise, form);
        });
        return exercise;
    }

    /**
     * A compliance lead who did not facilitate the exercise signs it off. Required then: the runbook version
     * exercised, someone who attended, and each action item's owner (an active account) and due date.
     */
    public Exercise signOff(long id, long seenVersion) {
        caller.require("sign off exercises", Role.COMPLIANCE_LEAD);
        Exercise exercise = changes.lock(Exercise.class, id, seenVersion, KIND);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Approval.refusals(errors, SIGN_OFF, exercise.isDraft(), "signed off by " + exercise.getSignedOffBy(),
                caller.name(), List.of(exercise.getFacilitator()), true, null);
        if (!exercise.isDraft()) {
            errors.throwIfAny();
        }
        if (exercise.getRunbookVersionId() == null) {
            errors.add("runbookVersion", "Say which runbook version was exercised.");
        }
        if (participants(exercise).stream().noneMatch(ExerciseParticipant::isAttended)) {
            errors.add("attendance", "Record who attended.");
        }
        actionItems.checkAgreed(errors, items(exercise).stream().map(ActionItem::item).toList(), "items");
        errors.throwIfAny();
        changes.apply(null, "exercise.signed-off", ENTITY, exercise.getId(), () -> snapshot(exercise),
                () -> exercise.signOff(caller.name(), clock.instant(), contentHash(exercise)));
        return exercise;
    }

    /** Attaches a report file to a draft: checked by its content, at most 10 MB, kept with its SHA-256. */
    public ExerciseAttachment attach(long id, String rawName, byte[] body) {
        caller.require("attach exercise reports", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Exercise exercise = em.find(Exercise.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (exercise == null) {
            throw new InvalidInput("exercise", "No exercise " + id + ".");
        }
        String name = FileKind.cleanName(rawName);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        FileKind kind = FileKind.check(name, body, errors);
        if (!exercise.isDraft()) {
            errors.add("state", "The exercise is signed off: its record is fixed.");
        }
        errors.throwIfAny();
        ExerciseAttachment attachment = new ExerciseAttachment(id, name, kind, body, Sha256.hex(body), caller.name(),
                clock.instant());
        changes.create(null, "exercise.report-attached", ENTITY, () -> id, () -> em.persist(attachment),
                attachment::snapshot);
        return attachment;
    }

    /** An action item moves on (also after sign-off): its owner, a responder or the compliance lead. */
    public ActionItem move(long itemId, ActionItem.Status to) {
        ActionItem item = actionItems.locked(ActionItem.RaisedBy.EXERCISE, itemId);
        return actionItems.move(item, to, null, "exercise.action-item-moved");
    }

    private void check(ExerciseForm form, InvalidInput.Collector errors) {
        Instant now = clock.instant();
        if (form.heldAt() == null) {
            errors.add("heldAt", "Give the date and time the exercise was held.");
        } else if (form.heldAt().isAfter(now)) {
            errors.add("heldAt", "The exercise is in the future: record it after it was held.");
        }
        if (form.kind() == null) {
            errors.add("kind", "Choose tabletop or live.");
        }
        if (form.title().isEmpty()) {
            errors.add("title", "Give the exercise a title.");
        } else if (form.title().length() > 200) {
            errors.add("title", "At most 200 characters.");
        }
        if (form.scenario().isEmpty()) {
            errors.add("scenario", "Describe the scenario that was exercised.");
        } else if (form.scenario().length() > TEXT_MAX) {
            errors.add("scenario", "At most 20,000 characters.");
        }
        if (form.facilitator() == null) {
            errors.add("facilitator", "Name the facilitator (a portal user).");
        } else if (users.find(form.facilitator()).filter(User::isEnabled).isEmpty()) {
            errors.add("facilitator", "'" + form.facilitator() + "' is not an active account.");
        }
        if (form.runbookVersionId() != null && runbookVersions().stream()
                .noneMatch(v -> v.getId().equals(form.runbookVersionId()))) {
            errors.add("runbookVersion", "That is not a version of the incident-response runbook.");
        }
        if (form.attendance().size() > ROWS_MAX || form.timeline().size() > ROWS_MAX
                || form.findings().size() > ROWS_MAX || form.items().size() > ROWS_MAX) {
            errors.add("rows", "At most 200 rows in each list.");
        }
        int n = 0;
        for (ExerciseForm.Attendee a : form.attendance()) {
            n++;
            if (a.username() != null && a.externalName() != null) {
                errors.add("attendance", "Attendee " + n + ": a portal user or an outside name, not both.");
            } else if (a.username() != null && users.find(a.username()).isEmpty()) {
                errors.add("attendance", "Attendee " + n + ": '" + a.username() + "' is not an account.");
            } else if (a.username() == null && a.externalName() == null) {
                errors.add("attendance", "Attendee " + n + ": name the person.");
            }
            if ((a.externalName() != null && a.externalName().length() > 200) || a.role().length() > 200) {
                errors.add("attendance", "Attendee " + n + ": at most 200 characters.");
            }
        }
        n = 0;
        for (ExerciseForm.TimelineLine line : form.timeline()) {
            n++;
            if (!AT.matcher(line.at()).matches()) {
                errors.add("timeline", "Timeline entry " + n + ": give a clock time (10:05) or an offset (+35, +1:20).");
            }
            if (line.text().isEmpty() || line.text().length() > 2000) {
                errors.add("timeline", "Timeline entry " + n + ": say what happened (at most 2,000 characters).");
            }
        }
        n = 0;
        for (String finding : form.findings()) {
            n++;
            if (finding.length() > 2000) {
                errors.add("findings", "Finding " + n + ": at most 2,000 characters.");
            }
        }
        n = 0;
        for (ActionItem.Item item : form.items()) {
            n++;
            if (item.description().isEmpty()) {
                errors.add("items", "Action item " + n + ": say what is to be done.");
            } else if (item.description().length() > 1000) {
                errors.add("items", "Action item " + n + ": at most 1,000 characters.");
            }
            if (item.owner() != null && users.find(item.owner()).isEmpty()) {
                errors.add("items", "Action item " + n + ": '" + item.owner() + "' is not an account.");
            }
        }
    }

    /** Each list as the form has it: unchanged rows stay; a changed list withdraws its rows and adds the new ones. */
    private void writeParts(Exercise exercise, ExerciseForm form) {
        long id = exercise.getId();
        List<ExerciseParticipant> people = participants(exercise);
        if (!people.stream().map(ExerciseParticipant::attendee).toList().equals(form.attendance())) {
            people.forEach(ExerciseParticipant::withdraw);
            for (int i = 0; i < form.attendance().size(); i++) {
                em.persist(new ExerciseParticipant(id, i + 1, form.attendance().get(i)));
            }
        }
        List<ExerciseTimelineEntry> lines = timeline(exercise);
        if (!lines.stream().map(ExerciseTimelineEntry::line).toList().equals(form.timeline())) {
            lines.forEach(ExerciseTimelineEntry::withdraw);
            for (int i = 0; i < form.timeline().size(); i++) {
                em.persist(new ExerciseTimelineEntry(id, i + 1, form.timeline().get(i)));
            }
        }
        List<ExerciseFinding> findings = findings(exercise);
        if (!findings.stream().map(ExerciseFinding::getText).toList().equals(form.findings())) {
            findings.forEach(ExerciseFinding::withdraw);
            for (int i = 0; i < form.findings().size(); i++) {
                em.persist(new ExerciseFinding(id, i + 1, form.findings().get(i)));
            }
        }
        List<ActionItem> items = items(exercise);
        List<ActionItem.Item> wanted = form.items().stream().map(ActionItem.Item::withoutId).toList();
        if (!items.stream().map(i -> i.item().withoutId()).toList().equals(wanted)) {
            items.forEach(ActionItem::withdraw);
            for (int i = 0; i < wanted.size(); i++) {
                em.persist(new ActionItem(ActionItem.RaisedBy.EXERCISE, id, i + 1, wanted.get(i), caller.name(),
                        clock.instant()));
            }
        }
        em.flush();
    }

    /** The exercise with its attendance, timeline, findings, action items (not their status) and report files. */
    public String contentHash(Exercise exercise) {
        return Sha256.hex(CanonicalJson.write(content(exercise)));
    }

    /** What a sign-off fixes: {@link #contentHash} is the SHA-256 of this, canonical. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> content(Exercise exercise) {
        Map<String, Object> c = exercise.content();
        c.put("runbookVersion", runbookVersion(exercise).map(v -> v.getNumber() + " " + v.getCommitId()).orElse(null));
        c.put("attendance", participants(exercise).stream().map(ExerciseParticipant::content).toList());
        c.put("timeline", timeline(exercise).stream().map(ExerciseTimelineEntry::content).toList());
        c.put("findings", findings(exercise).stream().map(ExerciseFinding::getText).toList());
        c.put("actionItems", items(exercise).stream().map(ActionItem::content).toList());
        c.put("reports", attachments(exercise).stream().map(a -> Map.of("filename", a.getFilename(),
                "sha256", a.getSha256())).toList());
        return c;
    }

    /** The exercise as the audit trail and the API show it. */
    public Map<String, Object> snapshot(Exercise exercise) {
        Map<String, Object> s = exercise.snapshot();
        s.put("runbookVersion", runbookVersion(exercise).map(v -> v.getNumber() + " " + v.getCommitId()).orElse(null));
        s.put("attendance", participants(exercise).stream().map(ExerciseParticipant::content).toList());
        s.put("timeline", timeline(exercise).stream().map(ExerciseTimelineEntry::content).toList());
        s.put("findings", findings(exercise).stream().map(ExerciseFinding::getText).toList());
        s.put("actionItems", items(exercise).stream().map(ActionItem::snapshot).toList());
        return s;
    }

    // --- reading --------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Exercise> find(long id) {
        return Optional.ofNullable(em.find(Exercise.class, id));
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Exercise> all() {
        return em.createNamedQuery(Exercise.ALL, Exercise.class).getResultList();
    }

    /** The exercises the caller may read: every one, or an auditor's those held in their periods. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Exercise> readable() {
        List<AuditPeriod> limits = auditors.limits();
        ZoneId zone = calendars.zone();
        return all().stream().filter(e -> AuditorLimits.within(limits, e.getHeldAt().atZone(zone).toLocalDate()))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExerciseParticipant> participants(Exercise exercise) {
        return parts(ExerciseParticipant.class, exercise);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExerciseTimelineEntry> timeline(Exercise exercise) {
        return parts(ExerciseTimelineEntry.class, exercise);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExerciseFinding> findings(Exercise exercise) {
        return parts(ExerciseFinding.class, exercise);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionItem> items(Exercise exercise) {
        return actionItems.of(ActionItem.RaisedBy.EXERCISE, exercise.getId());
    }

    private <T> List<T> parts(Class<T> type, Exercise exercise) {
        return em.createQuery("SELECT p FROM " + type.getSimpleName() + " p WHERE p.exerciseId = :exercise"
                        + " AND p.withdrawn = FALSE ORDER BY p.position, p.id", type)
                .setParameter("exercise", exercise.getId()).getResultList();
    }

    /** The report files, without their content. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExerciseAttachment> attachments(Exercise exercise) {
        return em.createQuery("SELECT a FROM ExerciseAttachment a WHERE a.exerciseId = :exercise ORDER BY a.id",
                ExerciseAttachment.class).setParameter("exercise", exercise.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ExerciseAttachment> attachment(Exercise exercise, long id) {
        ExerciseAttachment a = em.find(ExerciseAttachment.class, id);
        return a == null || !a.getExerciseId().equals(exercise.getId()) ? Optional.empty() : Optional.of(a);
    }

    /** The incident-response runbook's versions, newest first: the ones an exercise can name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DocumentVersion> runbookVersions() {
        return documents.find(DocumentService.RUNBOOK).map(documents::versions).orElse(List.of());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DocumentVersion> runbookVersion(Exercise exercise) {
        Long id = exercise.getRunbookVersionId();
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(DocumentVersion.class, id));
    }

    /** The last signed-off exercise and when the next is due, on the organisation's calendar, today. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ExerciseSchedule.Due schedule() {
        ZoneId zone = calendars.zone();
        List<java.time.LocalDate> held = em.createNamedQuery(Exercise.SIGNED_OFF_HELD, Instant.class).getResultList()
                .stream().map(i -> i.atZone(zone).toLocalDate()).toList();
        return ExerciseSchedule.lastAndNextDue(held, clock.instant().atZone(zone).toLocalDate());
    }

    /** The people who may facilitate or own an action item: enabled responders and compliance leads, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> people() {
        return java.util.stream.Stream.concat(users.withRole(Role.RESPONDER).stream(),
                        users.withRole(Role.COMPLIANCE_LEAD).stream())
                .map(User::getUsername).distinct().sorted().toList();
    }

    /** The organisation's time zone, in which exercises are held and shown. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ZoneId zone() {
        return calendars.zone();
    }
}
