package com.attest.security;

import com.attest.platform.AccessDenied;
import com.attest.platform.InvalidInput;
import com.attest.platform.change.Changes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Administers accounts (compliance lead only) and lets each person change their own password. Every
 * change is validated in full before anything is written and goes to the audit trail with its before and
 * after state.
 */
@ApplicationScoped
@Transactional
public class UserService {

    static final String ENTITY = "User";
    private static final long LEADS_LOCK = 0x4174746573744C44L;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    public List<User> list() {
        requireLead();
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    /** The enabled accounts holding {@code role}, e.g. the compliance leads to tell about an overdue review. */
    public List<User> withRole(Role role) {
        return em.createNamedQuery(User.ALL, User.class).getResultStream()
                .filter(u -> u.isEnabled() && u.hasRole(role)).toList();
    }

    /** Whether {@code username} names an enabled account holding one of {@code roles}. */
    public boolean activeWith(String username, Role... roles) {
        return find(username).filter(u -> u.isEnabled() && Arrays.stream(roles).anyMatch(u::hasRole)).isPresent();
    }

    public Optional<User> find(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("username", AccountForm.normalizeUsername(username))
                .getResultStream().findFirst();
    }

    /**
     * The enabled responder or compliance lead a source names by user name or e-mail address (a Sentinel owner's
     * UPN, say), for assigning work; no role is needed to ask.
     */
    public Optional<User> findHandler(String nameOrEmail) {
        String key = nameOrEmail == null ? "" : nameOrEmail.strip().toLowerCase(java.util.Locale.ROOT);
        return em.createQuery("SELECT u FROM User u WHERE u.enabled = TRUE AND (u.username = :key"
                        + " OR LOWER(u.email) = :key) ORDER BY u.id", User.class)
                .setParameter("key", key).getResultStream()
                .filter(u -> u.hasRole(Role.RESPONDER) || u.hasRole(Role.COMPLIANCE_LEAD)).findFirst();
    }

    /** Opens an account with a first password that its owner must change at first sign-in. */
    public User register(AccountForm raw, String initialPassword) {
        requireLead();
        AccountForm form = raw.normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors, true, today());
        if (!errors.has("username") && find(form.username()).isPresent()) {
            errors.add("username", "Username '" + form.username() + "' is already taken.");
        }
        String problem = PasswordPolicy.problem(initialPassword, form.username());
        if (problem != null) {
            errors.add("password", problem);
        }
        errors.throwIfAny();
        return create(form, initialPassword, true);
    }

    /**
     * Changes name, e-mail, roles and access date, as they were when the lead opened the account ({@code
     * seenVersion}); refuses to leave the portal without an active lead.
     */
    public User update(long id, long seenVersion, AccountForm raw) {
        requireLead();
        User user = Changes.seen(load(id), seenVersion);
        AccountForm form = raw.normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors, false, today());
        if (user.isEntra()) {
            // what Entra ID says wins at the next sign-in: only the access date is the portal's own
            if (!user.getRoles().equals(form.roles())) {
                errors.add("roles", user.getUsername() + " signs in with Entra ID: their roles follow the app roles "
                        + "assigned there.");
            }
            if (!user.getDisplayName().equals(form.displayName())) {
                errors.add("displayName", "The name of an Entra ID account follows Entra ID.");
            }
            if (!user.getEmail().equals(form.email())) {
                errors.add("email", "The e-mail of an Entra ID account follows Entra ID.");
            }
        }
        if (user.hasRole(Role.COMPLIANCE_LEAD) && user.isEnabled() && !form.roles().contains(Role.COMPLIANCE_LEAD)
                && activeLeads() <= 1) {
            errors.add("roles", "This is the last active compliance lead: give the role to someone else first.");
        }
        errors.throwIfAny();
        String action = user.getRoles().equals(form.roles()) ? "user.updated" : "user.roles-changed";
        return changes.apply(action, user, () -> {
            user.describe(form.displayName(), form.email());
            user.assign(form.roles(), form.accessUntil());
        });
    }

    public User disable(long id) {
        requireLead();
        User user = load(id);
        if (user.getUsername().equals(callerName())) {
            throw new InvalidInput("enabled", "You cannot disable your own account.");
        }
        if (user.hasRole(Role.COMPLIANCE_LEAD) && user.isEnabled() && activeLeads() <= 1) {
            throw new InvalidInput("enabled", "This is the last active compliance lead and cannot be disabled.");
        }
        return changes.apply("user.disabled", user, user::disable);
    }

    public User enable(long id) {
        requireLead();
        User user = load(id);
        return changes.apply("user.enabled", user, user::enable);
    }

    public User unlock(long id) {
        requireLead();
        User user = load(id);
        return changes.apply("user.unlocked", user, user::unlock);
    }

    /** Sets a temporary password that the owner must change at next sign-in; also lifts a lockout. */
    public User resetPassword(long id, String temporaryPassword) {
        requireLead();
        User user = load(id);
        if (user.isEntra()) {
            throw new InvalidInput("password", user.getUsername() + " signs in with Entra ID and has no password here.");
        }
        String problem = PasswordPolicy.problem(temporaryPassword, user.getUsername());
        if (problem != null) {
            throw new InvalidInput("password", problem);
        }
        return changes.apply("user.password-reset", user,
                () -> user.changePassword(hasher.hash(temporaryPassword), true, now()));
    }

    /** The signed-in person changes their own password, proving the current one. */
    public void changeOwnPassword(String current, String newPassword, String confirmation) {
        String username = callerName();
        User user = find(username).orElseThrow(() -> new AccessDenied("Sign in to change your password."));
        if (user.isEntra()) {
            throw new InvalidInput("current", "You sign in with Microsoft Entra ID: change your password there.");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (current == null || current.isEmpty()) {
            errors.add("current", "Current password is required.");
        } else if (current.length() > PasswordPolicy.MAX_LENGTH || !hasher.matches(current, user.getPasswordHash())) {
            errors.add("current", "Current password is not correct.");
        }
        String problem = PasswordPolicy.problem(newPassword, username);
        if (problem != null) {
            errors.add("password", problem);
        } else if (newPassword.equals(current)) {
            errors.add("password", "The new password must differ from the current one.");
        }
        if (problem == null && !newPassword.equals(confirmation)) {
            errors.add("confirmation", "The confirmation does not match the new password.");
        }
        errors.throwIfAny();
        changes.apply("user.password-changed", user, () -> user.changePassword(hasher.hash(newPassword), false, now()));
    }

    /**
     * On first start, creates the compliance lead {@code admin}. Returns empty when accounts already exist.
     * A password that does not meet the policy stops the start-up rather than weakening the portal.
     */
    public Optional<User> bootstrapAdmin(String password, String email, boolean mustChange) {
        com.attest.platform.cluster.Claims.firstStart(em, "admin"); // another node may be creating it right now
        if (em.createNamedQuery(User.COUNT, Long.class).getSingleResult() > 0) {
            return Optional.empty();
        }
        String problem = PasswordPolicy.problem(password, "admin");
        if (problem != null) {
            throw new IllegalStateException("ATTEST_ADMIN_PASSWORD is not acceptable: " + problem);
        }
        AccountForm form = new AccountForm("admin", "Administrator", email, EnumSet.of(Role.COMPLIANCE_LEAD), null);
        return Optional.of(create(form, password, mustChange));
    }

    private User create(AccountForm form, String password, boolean mustChange) {
        User user = new User(form.username(), form.displayName(), form.email(), hasher.hash(password),
                form.roles(), form.accessUntil(), mustChange, now());
        try {
            return changes.create("user.created", user);
        } catch (PersistenceException e) {
            // someone else took the username between the check and the insert (unique index)
            throw new InvalidInput("username", "Username '" + form.username() + "' is already taken.");
        }
    }

    private User load(long id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new InvalidInput("id", "No account with id " + id + ".");
        }
        return user;
    }

    /** Counted under a lock, so two leads cannot demote or disable each other at the same moment. */
    private long activeLeads() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LEADS_LOCK).getSingleResult();
        return em.createNamedQuery(User.ACTIVE_WITH_ROLE, Long.class)
                .setParameter("role", Role.COMPLIANCE_LEAD).getSingleResult();
    }

    private void requireLead() {
        caller.require("administer accounts", Role.COMPLIANCE_LEAD);
    }

    private String callerName() {
        return caller.name();
    }

    private Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
