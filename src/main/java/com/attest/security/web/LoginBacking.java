package com.attest.security.web;

import com.attest.platform.Times;
import com.attest.platform.web.Forms;
import com.attest.security.EntraRefusal;
import com.attest.security.EntraSettings;
import com.attest.security.PortalAuthenticationMechanism;
import com.attest.security.SessionGuard;
import com.attest.security.SignInOutcome;
import com.attest.security.SignInResult;
import com.attest.security.SignInStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The sign-in page: hands the credentials to Jakarta Security and says plainly why a sign-in failed. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private SignInOutcome outcome;

    @Inject
    private EntraSettings settings;

    private String username;
    private String password;

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request,
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, new Password(password))));
        if (status == AuthenticationStatus.SUCCESS) {
            request.changeSessionId();
            HttpSession session = request.getSession();
            SignInResult result = outcome.result();
            String target = (String) session.getAttribute(PortalAuthenticationMechanism.RETURN_TO);
            session.removeAttribute(PortalAuthenticationMechanism.RETURN_TO);
            if (result != null && result.mustChangePassword()) {
                SessionGuard.requirePasswordChange(session);
                target = SessionGuard.PASSWORD_PAGE;
            }
            external.redirect(external.getRequestContextPath() + (isSafe(target) ? target : "/"));
            faces.responseComplete();
        } else if (status == AuthenticationStatus.SEND_FAILURE) {
            SignInResult result = outcome.result();
            SignInStatus refused = result == null ? SignInStatus.BAD_CREDENTIALS : result.status();
            switch (refused) {
                case LOCKED -> Forms.error("login.locked");
                case DISABLED -> Forms.error("login.disabled");
                case EXPIRED -> Forms.error("login.expired");
                case THROTTLED -> Forms.error("login.throttled", Times.format(result.lockedUntil()));
                case LOCAL_OFF -> Forms.error("login.localOff");
                default -> Forms.error("login.failed");
            }
            password = null;
        } else {
            faces.responseComplete();
        }
    }

    /** Says why a sign-in with Entra ID sent the person back here ({@code ?signin=}, one of a known few). */
    public void showRefusal() {
        String reason = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("signin");
        for (EntraRefusal.Reason r : EntraRefusal.Reason.values()) {
            if (r.parameter().equals(reason)) {
                Forms.error("login.entra." + r.parameter());
            }
        }
    }

    /** Whether the page offers sign-in with Microsoft Entra ID. */
    public boolean isEntra() {
        return settings.isOn();
    }

    /** Whether the page offers the local username and password. */
    public boolean isLocal() {
        return settings.localSignIn();
    }

    /** Only paths inside the portal: never an absolute URL that would send the person elsewhere. */
    static boolean isSafe(String target) {
        return target != null && target.startsWith("/") && !target.startsWith("//") && !target.contains("\\");
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
