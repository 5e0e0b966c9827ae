package com.attest.platform.change;

import com.attest.platform.InvalidInput;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A second person's decision on a record someone asked them to decide: a post-incident review sent for approval, an
 * action run asked for, a customer notice sent to its approvers, an exercise waiting for sign-off. Each is asked for
 * ({@link #request}) in rounds — a record returned and asked for again, or changed while asked for, starts a new
 * round — and decided once per round ({@link #decide}). The latest decision's decider, time and comment stay until the next one, so a record
 * returned and asked for again still shows why it was returned.
 *
 * <p>One rule says who may decide, the same for every record ({@link #refusals}): there must be something to decide;
 * nobody decides what they wrote or asked for (four eyes); a return says why; a comment is at most 2,000 characters.
 * Each record type maps these fields onto its own columns.
 */
@Embeddable
public class Approval implements Serializable {

    public static final int COMMENT_MAX = 2000;

    public enum Decision { APPROVED, RETURNED }

    /**
     * How a record is spoken of in the rule's messages. {@code noun} names this one ("notice 12", "this review"),
     * {@code kind} its kind ("notice"); {@code field} is the field a refusal to decide stands against and
     * {@code commentField} the comment's; {@code authorship} says what an author did ("wrote", "asked for");
     * {@code approve}/{@code giveBack} are the two decisions ("approve"/"reject"), {@code givenBack} the second's
     * participle ("rejected"); {@code approveInstead}/{@code giveBackInstead} say who decides instead of an author
     * ("another approver must approve it").
     */
    public record Wording(String noun, String kind, String field, String commentField, String authorship,
                          String approve, String giveBack, String givenBack, String approveInstead,
                          String giveBackInstead) {
    }

    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "approval_decision")
    private Decision decision;
    @Column(name = "decision_comment")
    private String comment;
    @Column(name = "approval_round")
    private int round;

    /** Not asked for yet. */
    public Approval() {
    }

    /** Asked for by {@code by} at {@code at}. */
    public static Approval requested(String by, Instant at) {
        Approval approval = new Approval();
        approval.request(by, at);
        return approval;
    }

    /** Asked for: waiting for a decision, in a new round when the current one was decided already. */
    public void request(String by, Instant at) {
        if (round == 0 || decision != null) {
            round++;
        }
        requestedBy = by;
        requestedAt = at;
        decision = null;
    }

    /** Ends the current round undecided or after its decision (the text changed, or was given back). */
    public void nextRound() {
        round++;
        requestedBy = null;
        requestedAt = null;
        decision = null;
    }

    /** Decided: approved, or given back with the comment saying why. */
    public void decide(boolean approve, String by, Instant at, String comment) {
        if (decision != null) {
            throw new IllegalStateException("Round " + round + " was decided already");
        }
        decision = approve ? Decision.APPROVED : Decision.RETURNED;
        decidedBy = by;
        decidedAt = at;
        this.comment = comment;
    }

    /** Withdrawn by the person who asked, with why: the round ends undecided (an earlier decision stays). */
    public void withdraw(String why) {
        comment = why;
    }

    /** A comment as a decision keeps it: stripped, null when blank. */
    public static String comment(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /**
     * Adds to {@code errors} every reason {@code decider} may not decide now. {@code open} says whether the record
     * waits for a decision, {@code state} how it stands when it does not; {@code authors} are the people who wrote
     * or asked for it.
     */
    public static void refusals(InvalidInput.Collector errors, Wording words, boolean open, String state,
                                String decider, Collection<String> authors, boolean approve, String comment) {
        if (!open) {
            errors.add(words.field(), capitalised(words.noun()) + " is " + state + ": there is nothing to "
                    + (approve ? words.approve() : words.giveBack()) + ".");
        } else if (authors.stream().filter(Objects::nonNull).anyMatch(decider::equals)) {
            errors.add(words.field(), "You " + words.authorship() + " " + words.noun() + ": "
                    + (approve ? words.approveInstead() : words.giveBackInstead()) + ".");
        }
        if (!approve && comment == null) {
            errors.add(words.commentField(), "Say why the " + words.kind() + " is " + words.givenBack() + ".");
        }
        if (comment != null && comment.length() > COMMENT_MAX) {
            errors.add(words.commentField(), "A comment is at most 2,000 characters.");
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Asked for and not yet decided in this round. */
    public boolean isPending() {
        return requestedAt != null && decision == null;
    }

    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public Decision getDecision() { return decision; }
    public String getComment() { return comment; }
    public int getRound() { return round; }
}
