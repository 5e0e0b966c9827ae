package com.attest.action.web;

/**
 * What a checklist item offers for its Azure action: the way to prepare it, a note that Azure is not connected, or
 * nothing. Only someone who may change the incident, on an open incident, for an item still open (done or not
 * applicable items are reopened first) with an action, is offered anything; without a configured subscription the
 * note replaces the button, which would lead to a form that cannot run.
 */
public enum PrepareOffer {
    PREPARE, NO_AZURE, NONE;

    public static PrepareOffer of(boolean writer, boolean incidentOpen, boolean itemOpen, boolean hasAction,
                                  boolean azureConfigured) {
        if (!writer || !incidentOpen || !itemOpen || !hasAction) {
            return NONE;
        }
        return azureConfigured ? PREPARE : NO_AZURE;
    }
}
