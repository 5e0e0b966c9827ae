package com.attest.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clock every service reads, so that time is one injectable thing. {@code attest.clock.start} (an instant)
 * starts it at that moment when the portal starts and lets it run on from there: for tests and demonstrations of
 * deadlines (review reminders on a chosen day), never in production.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class.getName());

    @Inject
    @ConfigProperty(name = "attest.clock.start", defaultValue = " ")
    private String start;

    @Produces
    @ApplicationScoped
    Clock clock() {
        if (start.isBlank()) {
            return Clock.systemUTC();
        }
        Instant from = Instant.parse(start.strip());
        LOG.warning("The clock starts at " + from + " (attest.clock.start is set): for tests only.");
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), from));
    }
}
