package com.attest.security;

import com.attest.platform.AccessDenied;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Arrays;

/** The signed-in person, for services that check roles themselves (defence in depth behind web.xml). */
@ApplicationScoped
public class Caller {

    @Inject
    private SecurityContext securityContext;

    public String name() {
        return securityContext.getCallerPrincipal() == null ? null : securityContext.getCallerPrincipal().getName();
    }

    public boolean hasRole(Role role) {
        return securityContext.isCallerInRole(role.name());
    }

    /** Refuses unless the caller has one of the roles; {@code act} completes "Only … may …". */
    public void require(String act, Role... roles) {
        if (Arrays.stream(roles).noneMatch(this::hasRole)) {
            throw new AccessDenied("Only " + describe(roles) + " may " + act + ".");
        }
    }

    private static String describe(Role... roles) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < roles.length; i++) {
            if (i > 0) {
                sb.append(i == roles.length - 1 ? " or " : ", ");
            }
            sb.append(roles[i].name().toLowerCase().replace('_', ' ')).append('s');
        }
        return sb.toString();
    }
}
