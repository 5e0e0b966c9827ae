package com.attest.incident.web;

import java.io.Serializable;

/**
 * One line of an incident's timeline as the page shows it, worked out once per load: a busy incident has hundreds of
 * entries, and the page renders them as text rather than asking the backing bean for each cell. (A class with
 * getters rather than a record: Expression Language 5 reads bean properties only.)
 */
public final class TimelineRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int number;
    private final String when;
    private final String milestone;
    private final String correction;
    private final String text;
    private final String recordedBy;
    private final String recordedAt;

    /**
     * @param number     the entry's number on its incident (1, 2, 3 … in the order recorded)
     * @param when       when it happened, formatted
     * @param milestone  the milestone's label, or null
     * @param correction "correction of entry N", or null
     * @param text       what happened
     * @param recordedBy who recorded it
     * @param recordedAt when it was recorded, formatted
     */
    public TimelineRow(int number, String when, String milestone, String correction, String text, String recordedBy,
                       String recordedAt) {
        this.number = number;
        this.when = when;
        this.milestone = milestone;
        this.correction = correction;
        this.text = text;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public int getNumber() {
        return number;
    }

    public String getWhen() {
        return when;
    }

    public String getMilestone() {
        return milestone;
    }

    public String getCorrection() {
        return correction;
    }

    public String getText() {
        return text;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public String getRecordedAt() {
        return recordedAt;
    }
}
