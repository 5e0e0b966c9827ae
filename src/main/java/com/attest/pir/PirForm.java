package com.attest.pir;

import java.time.LocalDate;

/** The policy's template fields as a responder writes them. Strings are never null (empty when not written). */
public record PirForm(String timeline, String rootCause, String systemsAffected, String dataInvolved,
                      boolean customersNotified, String containmentActions, String eradicationActions,
                      String recoveryActions, boolean notificationRequired, LocalDate notificationDate,
                      String notificationMethod) {

    public PirForm {
        timeline = clean(timeline);
        rootCause = clean(rootCause);
        systemsAffected = clean(systemsAffected);
        dataInvolved = clean(dataInvolved);
        containmentActions = clean(containmentActions);
        eradicationActions = clean(eradicationActions);
        recoveryActions = clean(recoveryActions);
        notificationMethod = notificationMethod == null || notificationMethod.isBlank() ? null : notificationMethod.strip();
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip().replace("\r\n", "\n");
    }
}
