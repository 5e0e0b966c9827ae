package com.attest.security.web;

import com.attest.platform.web.Forms;
import com.attest.security.AccountForm;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.primefaces.PrimeFaces;

/** The user-administration page (compliance lead): create, edit roles, disable, unlock, reset password. */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    @Inject
    private UserService service;

    @Inject
    private Clock clock;

    private List<User> users;
    private Long editingId;
    private long editingVersion;
    private String editingUsername;
    private String username;
    private String displayName;
    private String email;
    private Role[] roles = new Role[0];
    private LocalDate accessUntil;
    private String password;

    @PostConstruct
    void load() {
        users = service.list();
    }

    public void startNew() {
        editingId = null;
        editingUsername = null;
        username = displayName = email = password = null;
        roles = new Role[0];
        accessUntil = null;
    }

    public void startEdit(User user) {
        editingId = user.getId();
        editingVersion = user.getVersion();
        editingUsername = user.getUsername();
        username = user.getUsername();
        displayName = user.getDisplayName();
        email = user.getEmail();
        roles = user.getRoles().toArray(new Role[0]);
        accessUntil = user.getAccessUntil();
        password = null;
    }

    public void save() {
        AccountForm form = new AccountForm(username, displayName, email,
                roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(roles)), accessUntil);
        User saved = editingId == null ? service.register(form, password)
                : service.update(editingId, editingVersion, form);
        Forms.info(editingId == null ? "users.created" : "users.saved", saved.getUsername());
        PrimeFaces.current().executeScript("PF('userDialog').hide()");
        load();
    }

    public void disable(User user) {
        act(() -> service.disable(user.getId()), "users.disabledMsg", user);
    }

    public void enable(User user) {
        act(() -> service.enable(user.getId()), "users.enabledMsg", user);
    }

    public void unlock(User user) {
        act(() -> service.unlock(user.getId()), "users.unlockedMsg", user);
    }

    public void startReset(User user) {
        editingId = user.getId();
        editingUsername = user.getUsername();
        password = null;
    }

    public void resetPassword() {
        service.resetPassword(editingId, password);
        Forms.info("users.resetMsg", editingUsername);
        PrimeFaces.current().executeScript("PF('resetDialog').hide()");
        load();
    }

    private void act(Runnable action, String doneKey, User user) {
        try {
            action.run();
            Forms.info(doneKey, user.getUsername());
        } finally {
            load();
        }
    }

    public boolean isLocked(User user) {
        return user.isLocked(clock.instant());
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public List<User> getUsers() {
        return users;
    }

    public boolean isCreating() {
        return editingId == null;
    }

    public String getEditingUsername() {
        return editingUsername;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Role[] getRoles() {
        return roles;
    }

    public void setRoles(Role[] roles) {
        this.roles = roles == null ? new Role[0] : roles;
    }

    public LocalDate getAccessUntil() {
        return accessUntil;
    }

    public void setAccessUntil(LocalDate accessUntil) {
        this.accessUntil = accessUntil;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
