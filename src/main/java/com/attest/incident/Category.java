package com.attest.incident;

/** What kind of incident it is: the policy's examples, and "other". */
public enum Category {
    COMPROMISED_CREDENTIALS,
    CRYPTOMINER,
    DATA_EXFILTRATION,
    BRUTE_FORCE,
    ANOMALOUS_SIGN_IN,
    KEY_VAULT_ACCESS_SPIKE,
    POLICY_VIOLATION,
    MISCONFIGURATION,
    EXPOSED_STORAGE_ACCOUNT,
    INFORMATIONAL,
    OTHER
}
