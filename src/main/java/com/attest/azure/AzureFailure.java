package com.attest.azure;

import java.time.Duration;

/**
 * Azure or Graph refused or did not answer. The message is Azure's own text, prefixed with what was being done,
 * e.g. "Reading the VM: 403 AuthorizationFailed: The client '…' does not have authorization to perform action …".
 */
public class AzureFailure extends Exception {

    private final int status;
    private final String code;
    private final Duration retryAfter;
    private final boolean timedOut;

    /**
     * @param status     the HTTP status, 0 when there was no answer
     * @param code       Azure's error code (AuthorizationFailed, ResourceNotFound, Request_ResourceNotFound …) or null
     * @param message    what was being done and Azure's error text
     * @param retryAfter the Retry-After Azure gave with a 429 or 503, or null
     * @param timedOut   true when no answer came in time
     */
    public AzureFailure(int status, String code, String message, Duration retryAfter, boolean timedOut,
                        Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.timedOut = timedOut;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
