package com.attest.platform;

/** The caller's roles do not allow this act; the web layer answers 403. */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message);
    }
}
