package com.attest.platform.change;

import java.time.Instant;

/**
 * A record people change from a page or the API, each change naming the version they saw. Who changed it last and
 * when is what the refusal tells the next person, so they know whose change they would have overwritten.
 */
public interface Versioned {

    long getVersion();

    /** Who changed it last, or null when the record does not keep it. */
    String lastChangedBy();

    /** When it was changed last, or null when the record does not keep it. */
    Instant lastChangedAt();
}
