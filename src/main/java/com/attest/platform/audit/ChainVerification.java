package com.attest.platform.audit;

import java.io.Serializable;
import java.time.Instant;

/**
 * The outcome of recomputing the audit chain: how many rows were checked and, when the chain is broken,
 * the first row whose stored hashes do not match and why.
 */
public record ChainVerification(boolean intact, long rowsChecked, Long firstBrokenId, String problem,
                                Instant verifiedAt) implements Serializable {

    static ChainVerification intact(long rowsChecked, Instant at) {
        return new ChainVerification(true, rowsChecked, null, null, at);
    }

    static ChainVerification broken(long rowsChecked, long id, String problem, Instant at) {
        return new ChainVerification(false, rowsChecked, id, problem, at);
    }
}
