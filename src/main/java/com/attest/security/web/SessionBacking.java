package com.attest.security.web;

import com.attest.platform.Forwarded;
import com.attest.security.EntraSignIn;
import com.attest.security.SignInService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;

/** Signs the person out: records it, ends the container login and the session, returns to sign-in. */
@Named
@RequestScoped
public class SessionBacking {

    @Inject
    private SignInService signIn;

    @Inject
    private EntraSignIn entra;

    /** Ends the session here, and for a person who signed in with Entra ID, there too (then back to sign-in). */
    public void signOut() throws ServletException, IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            signIn.signedOut(request.getUserPrincipal().getName());
        }
        HttpSession session = request.getSession(false);
        String idToken = session == null ? null : (String) session.getAttribute(EntraSignInServlet.ID_TOKEN);
        request.logout();
        external.invalidateSession();
        String login = external.getRequestContextPath() + "/login.xhtml";
        URI atEntra = idToken == null ? null : entra.endSession(idToken,
                Forwarded.scheme(request) + "://" + Forwarded.host(request) + login);
        external.redirect(atEntra != null ? atEntra.toString() : login);
        FacesContext.getCurrentInstance().responseComplete();
    }
}
