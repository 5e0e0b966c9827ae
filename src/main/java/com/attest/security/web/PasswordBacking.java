package com.attest.security.web;

import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.security.UserService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;

/** The change-password page, for every signed-in person. */
@Named
@ViewScoped
public class PasswordBacking implements Serializable {

    @Inject
    private UserService users;

    private String current;
    private String password;
    private String confirmation;

    public boolean isMustChange() {
        HttpServletRequest request = request();
        return request.getSession(false) != null
                && request.getSession(false).getAttribute(PasswordChangeFilter.MUST_CHANGE) != null;
    }

    public String change() {
        try {
            users.changeOwnPassword(current, password, confirmation);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "passwordForm");
            return null;
        }
        PasswordChangeFilter.passwordChanged(request().getSession());
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
