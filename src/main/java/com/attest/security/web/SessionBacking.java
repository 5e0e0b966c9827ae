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
        if (atEntra == null) {
            external.redirect(login);
        } else {
            // a page, not a redirect: the sign-out form may only lead to the portal itself (form-action 'self')
            String to = atEntra.toString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
            external.setResponseContentType("text/html");
            external.setResponseCharacterEncoding("UTF-8");
            external.setResponseHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'");
            external.getResponseOutputWriter().write("""
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="UTF-8"><title>Signed out · Attest</title>
                    <meta http-equiv="refresh" content="0;url=%s"></head>
                    <body><main><p>Signed out of Attest. <a href="%s">Sign out of Microsoft too</a></p></main></body>
                    </html>
                    """.formatted(to, to));
        }
        FacesContext.getCurrentInstance().responseComplete();
    }
}
