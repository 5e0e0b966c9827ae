package com.attest.platform.audit;

import com.attest.platform.Forwarded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who is acting and from where: the signed-in caller and client address, or "system" outside a request. */
@ApplicationScoped
public class AuditOrigin {

    public static final String SYSTEM = "system";

    @Inject
    private Instance<SecurityContext> securityContext;

    @Inject
    private Instance<HttpServletRequest> request;

    public String actor() {
        try {
            Principal principal = securityContext.get().getCallerPrincipal();
            return principal == null ? SYSTEM : principal.getName();
        } catch (ContextNotActiveException | IllegalStateException | NullPointerException e) {
            return SYSTEM;
        }
    }

    public String clientAddress() {
        try {
            return Forwarded.clientAddress(request.get());
        } catch (ContextNotActiveException | IllegalStateException | NullPointerException e) {
            return null;
        }
    }
}
