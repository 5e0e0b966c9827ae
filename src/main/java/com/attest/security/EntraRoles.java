package com.attest.security;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which portal roles an Entra ID token gives: the values of its {@code roles} claim (app roles) or {@code groups}
 * claim (group object ids), mapped by {@code attest.signin.entra.roles}, e.g.
 * {@code COMPLIANCE_LEAD=Attest.Lead, RESPONDER=Attest.Responder|IR-Team, AUDITOR=Attest.Auditor}. A role not
 * named there is given by an app role of its own name. App role values compare ignoring case, as Entra ID does;
 * group ids are GUIDs.
 */
public final class EntraRoles {

    private final Map<Role, Set<String>> values;

    private EntraRoles(Map<Role, Set<String>> values) {
        this.values = values;
    }

    /**
     * @throws IllegalArgumentException naming an entry that is not {@code ROLE=value[|value…]} of a known role
     */
    public static EntraRoles parse(String configured) {
        Map<Role, Set<String>> values = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            values.put(role, new LinkedHashSet<>(Set.of(role.name().toLowerCase(Locale.ROOT))));
        }
        if (configured != null) {
            Set<Role> named = EnumSet.noneOf(Role.class);
            for (String entry : configured.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                Role role = eq < 0 ? null : role(entry.substring(0, eq).strip());
                if (role == null || entry.substring(eq + 1).isBlank()) {
                    throw new IllegalArgumentException("attest.signin.entra.roles: '" + entry.strip()
                            + "' is not ROLE=value, ROLE being COMPLIANCE_LEAD, RESPONDER or AUDITOR");
                }
                if (named.add(role)) {
                    values.get(role).clear();
                }
                for (String value : entry.substring(eq + 1).split("\\|")) {
                    if (!value.isBlank()) {
                        values.get(role).add(value.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return new EntraRoles(values);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The portal roles the claim's values give; empty when none is mapped. */
    public Set<Role> of(Collection<String> claimValues) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claimValues == null) {
            return roles;
        }
        for (String value : claimValues) {
            if (value == null) {
                continue;
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            values.forEach((role, accepted) -> {
                if (accepted.contains(v)) {
                    roles.add(role);
                }
            });
        }
        return roles;
    }
}
