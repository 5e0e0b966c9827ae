package com.attest.detection;

/** How one part of the pipeline stands, best first; a check is as bad as its worst part. */
public enum Verdict {
    PASS, WARN, FAIL,
    /** Azure could not be asked or refused to answer: never a pass, always a gap. */
    UNREADABLE;

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** A gap in CC7.3: the pipeline fails, or nobody can say it works. */
    public boolean gap() {
        return this == FAIL || this == UNREADABLE;
    }
}
