package com.attest.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the compliance lead gives for a new engagement, as typed; {@link EngagementService#create} checks it. */
public record EngagementForm(String name, LocalDate periodFrom, LocalDate periodTo, Instant accessFrom,
                             Instant accessTo, List<String> auditors) {
}
