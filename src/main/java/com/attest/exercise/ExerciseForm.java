package com.attest.exercise;

import com.attest.actionitem.ActionItem;
import java.time.Instant;
import java.util.List;

/**
 * An exercise as a form or an API call writes it. Texts are stripped (never null); lists are never null. Empty
 * rows (nothing written in them) are left out, so a form may send the blank row it shows.
 */
public record ExerciseForm(Instant heldAt, Exercise.Kind kind, String title, String scenario, Long runbookVersionId,
                           String facilitator, List<Attendee> attendance, List<TimelineLine> timeline,
                           List<String> findings, List<ActionItem.Item> items) {

    /** A portal user (username) or an outside person (external name), with their part and whether they came. */
    public record Attendee(String username, String externalName, String role, boolean attended) {
        public Attendee {
            username = blankToNull(username);
            externalName = blankToNull(externalName);
            role = clean(role);
        }

        boolean empty() {
            return username == null && externalName == null && role.isEmpty();
        }
    }

    /** One line of the injects and timeline: a clock time ("10:05") or an offset ("+35", "+1:20"), and what happened. */
    public record TimelineLine(String at, String text) {
        public TimelineLine {
            at = clean(at);
            text = clean(text);
        }

        boolean empty() {
            return at.isEmpty() && text.isEmpty();
        }
    }

    public ExerciseForm {
        title = clean(title);
        scenario = clean(scenario);
        facilitator = blankToNull(facilitator);
        attendance = attendance == null ? List.of() : attendance.stream().filter(a -> a != null && !a.empty()).toList();
        timeline = timeline == null ? List.of() : timeline.stream().filter(t -> t != null && !t.empty()).toList();
        findings = findings == null ? List.of() : findings.stream().map(ExerciseForm::clean).filter(f -> !f.isEmpty())
                .toList();
        items = items == null ? List.of() : items.stream().filter(i -> i != null && !i.empty()).toList();
    }

    static String clean(String s) {
        return s == null ? "" : s.strip().replace("\r\n", "\n");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
