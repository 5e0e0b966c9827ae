package com.attest.security.web;

import com.attest.platform.web.Forms;
import com.attest.security.SessionGuard;
import com.attest.security.UserService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Clock;

/** The change-password page, for every signed-in person. */
@Named
@ViewScoped
public class PasswordBacking implements Serializable {

    @Inject
    private UserService users;

    @Inject
    private Clock clock;

    private String current;
    private String password;
    private String confirmation;

    public boolean isMustChange() {
        return SessionGuard.isPasswordChangeRequired(request().getSession(false));
    }

    public String change() {
        users.changeOwnPassword(current, password, confirmation);
        SessionGuard.passwordChanged(request().getSession(), clock.instant());
        Forms.info("password.changed");
        return "/index?faces-redirect=true";
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
