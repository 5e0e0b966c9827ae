package com.attest.control;

import java.io.Serializable;

/**
 * A record a gap concerns, as a link: what kind of record, its key (an incident reference, a review id, a document
 * slug), a label to show and a note on what is wrong with it.
 */
public record RecordRef(Kind kind, String key, String label, String note) implements Serializable {

    /** The kinds of record a gap may point at, each with the page that shows it. */
    public enum Kind {
        INCIDENT, PIR, DOCUMENT, EXERCISES, AUDIT_TRAIL, EVIDENCE, DETECTION_CHECK
    }

    /** The page that shows the record, relative to the portal's root (no leading slash). */
    public String path() {
        return switch (kind) {
            case INCIDENT -> "incidents/view.xhtml?ref=" + key;
            case PIR -> "pirs/view.xhtml?id=" + key;
            case DOCUMENT -> "runbooks/view.xhtml?doc=" + key;
            case EXERCISES -> "exercises/list.xhtml";
            case AUDIT_TRAIL -> "audit/trail.xhtml";
            case EVIDENCE -> "evidence/register.xhtml";
            case DETECTION_CHECK -> "detection/pipeline.xhtml?check=" + key;
        };
    }

    public static RecordRef incident(String reference, String note) {
        return new RecordRef(Kind.INCIDENT, reference, reference, note);
    }

    public String getLabel() {
        return label;
    }

    public String getNote() {
        return note;
    }

    public String getPath() {
        return path();
    }
}
