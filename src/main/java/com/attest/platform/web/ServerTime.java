package com.attest.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;

/**
 * The portal's time as a page was made ({@code #{serverTime.millis}}), sent with pages that count down live, so a
 * viewer's browser counts from the server's clock and not from its own, which may be off.
 */
@Named
@RequestScoped
public class ServerTime {

    @Inject
    private Clock clock;

    private Long millis;

    public long getMillis() {
        if (millis == null) {
            millis = clock.millis();
        }
        return millis;
    }
}
