package com.attest.platform.change;

import java.time.Instant;

/**
 * A record people change from a page or the API, each change naming the version they saw. Who changed it last and
 * when is what the refusal tells the next person, so they know whose change they would have overwritten.
 */
public interface Versioned {

    long getVersion();

    /**
     * Who changed it last; by default null, for a record that keeps no last editor (settings, accounts, whose sign-ins
     * change them too, runs, evidence items): the refusal then says only that it changed.
     */
    default String lastChangedBy() {
        return null;
    }

    /** When it was changed last; by default null, as {@link #lastChangedBy()}. */
    default Instant lastChangedAt() {
        return null;
    }
}
