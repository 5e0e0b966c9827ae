package com.attest.incident;

/**
 * A part of the portal acting on its own authority, such as alert intake or the notification dispatcher:
 * it authenticated whoever called it, so the incident service does not ask for a signed-in role. The name
 * is what the timeline and the audit trail show as the actor, e.g. {@code intake:defender}.
 */
public record SystemActor(String name) {

    public SystemActor {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("A system actor needs a name of 1 to 64 characters.");
        }
    }
}
