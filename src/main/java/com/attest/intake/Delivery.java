package com.attest.intake;

import com.attest.platform.audit.Sha256;

/** One HTTP delivery to an intake endpoint: the bytes as they came, and who sent them from where. */
public record Delivery(byte[] body, String contentType, String caller, String remoteAddr, String sha256) {

    public static Delivery of(byte[] body, String contentType, String caller, String remoteAddr) {
        return new Delivery(body, contentType.length() > 200 ? contentType.substring(0, 200) : contentType,
                caller, remoteAddr, Sha256.hex(body));
    }
}
