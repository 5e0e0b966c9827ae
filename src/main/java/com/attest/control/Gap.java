package com.attest.control;

import java.io.Serializable;
import java.util.List;

/**
 * A gap in one control for a period: how serious it is, a sentence a person reads, the records concerned (links)
 * and how many there are.
 */
public record Gap(Control control, Finding.Kind kind, Severity severity, String sentence, List<RecordRef> records,
                  long count) implements Serializable {

    /** How serious a gap is. */
    public enum Severity {
        /** The control is not operating now: an auditor would record an exception. */
        FAILING,
        /** Something to explain or put right before the audit: a past deviation, a deadline reached, a lag. */
        ATTENTION
    }

    public Finding.Kind getKind() {
        return kind;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getSentence() {
        return sentence;
    }

    public List<RecordRef> getRecords() {
        return records;
    }

    public long getCount() {
        return count;
    }
}
