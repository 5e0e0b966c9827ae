package com.attest.action;

import java.io.Serializable;

/**
 * One typed parameter of an action.
 *
 * @param name  the key in the parameter map and the form field ({@code param.<name>} in error messages)
 * @param label what the form calls it
 * @param kind  what values it takes
 * @param help  an example or a hint shown under the field
 */
public record Param(String name, String label, Kind kind, boolean required, String help) implements Serializable {

    /** The kinds of value an action takes, each with its own validation. */
    public enum Kind {
        VM_ID, NIC_ID, NSG_ID, SQL_DATABASE_ID, RECOVERY_VAULT_ID, DEFENDER_ALERT_ID, SCOPE,
        RESOURCE_GROUP, RESOURCE_NAME, USER, OBJECT_ID, IP_ADDRESS, HOURS, WORKSPACE, SUBSCRIPTION,
        VAULT_NAME, SECRET_NAME, ROLE_NAME, DATABASE_NAME, RECOVERY_POINT, POINT_IN_TIME, MOMENT, COMMAND, HTTPS_URL,
        OUTCOME;

        /** A kind the form offers as a list of choices. */
        public boolean choice() {
            return this == WORKSPACE || this == SUBSCRIPTION || this == OUTCOME;
        }
    }

    static Param required(String name, String label, Kind kind, String help) {
        return new Param(name, label, kind, true, help);
    }

    static Param optional(String name, String label, Kind kind, String help) {
        return new Param(name, label, kind, false, help);
    }
}
