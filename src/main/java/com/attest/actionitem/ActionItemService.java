package com.attest.actionitem;

import com.attest.platform.InvalidInput;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads, checks and moves action items for the review or exercise that raised them. Moving an item is open to its
 * owner, the people the raising record names (the review's owner, the exercise's facilitator) and the compliance
 * lead; writing items is the raising record's business.
 */
@ApplicationScoped
@Transactional
public class ActionItemService {

    public static final int MAX_ITEMS = 100;
    public static final int MAX_DESCRIPTION = 1000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private Changes changes;

    @Inject
    private UserService users;

    /** The items {@code parentId} raised and still holds, in their order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionItem> of(ActionItem.RaisedBy raisedBy, long parentId) {
        return em.createNamedQuery(ActionItem.OF, ActionItem.class).setParameter("raisedBy", raisedBy)
                .setParameter("parent", parentId).getResultList();
    }

    /** The items {@code owner} still has to finish, the soonest due first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionItem> openOwnedBy(String owner) {
        return em.createQuery("SELECT a FROM ActionItem a WHERE a.owner = :owner AND a.withdrawn = FALSE"
                + " AND a.status <> :done ORDER BY a.dueOn, a.id", ActionItem.class)
                .setParameter("owner", owner).setParameter("done", ActionItem.Status.DONE).getResultList();
    }

    /**
     * The item, locked, if {@code raisedBy} raised it and it still stands; refused otherwise as if it did not
     * exist.
     */
    public ActionItem locked(ActionItem.RaisedBy raisedBy, long itemId) {
        ActionItem item = em.find(ActionItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || item.getRaisedBy() != raisedBy || item.isWithdrawn()) {
            throw new InvalidInput("item", "No action item " + itemId + ".");
        }
        return item;
    }

    /**
     * Moves the item on, audited as {@code action}: as any responder or lead when {@code alsoAllowed} is null,
     * otherwise only as the item's owner, one of {@code alsoAllowed} or a compliance lead.
     */
    public ActionItem move(ActionItem item, ActionItem.Status to, Collection<String> alsoAllowed, String action) {
        caller.require("update action items", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        if (to == null) {
            throw new InvalidInput("status", "Choose open, in progress or done.");
        }
        String me = caller.name();
        if (alsoAllowed != null && !me.equals(item.getOwner()) && !alsoAllowed.contains(me)
                && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            List<String> may = Stream.concat(Stream.of(item.getOwner()), alsoAllowed.stream())
                    .filter(Objects::nonNull).distinct().toList();
            throw new InvalidInput("item", "Only " + String.join(", ", may)
                    + " or a compliance lead may move this action item.");
        }
        return changes.apply(action, item, () -> item.move(to, me, clock.instant()));
    }

    /**
     * The problems of items as they are to be agreed: each needs what is to be done, an owner with an active
     * account and a due date; {@code field} names where the form shows them (null: one field per item, item1…).
     */
    public void checkAgreed(InvalidInput.Collector errors, List<ActionItem.Item> items, String field) {
        int n = 0;
        for (ActionItem.Item item : items) {
            if (item.empty()) {
                continue;
            }
            n++;
            String at = field == null ? "item" + n : field;
            if (item.description().isEmpty()) {
                errors.add(at, "Action item " + n + ": say what is to be done.");
            }
            if (item.owner() == null) {
                errors.add(at, "Action item " + n + ": an owner is required.");
            } else if (users.find(item.owner()).filter(User::isEnabled).isEmpty()) {
                errors.add(at, "Action item " + n + ": '" + item.owner() + "' is not an active account.");
            }
            if (item.dueOn() == null) {
                errors.add(at, "Action item " + n + ": a due date is required.");
            }
        }
    }
}
