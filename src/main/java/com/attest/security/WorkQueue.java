package com.attest.security;

import java.util.List;

/**
 * What waits for a person's action, as one feature knows it. Home shows one work queue per person, gathered from
 * every feature's contribution (CDI beans implementing this), so a feature built later adds its entries by
 * declaring a bean of its own, without Home knowing it. A contribution answers for the person signed in
 * ({@link Caller}): their name and roles decide what waits for them.
 */
public interface WorkQueue {

    /** The entries waiting for the person signed in; none when nothing of this feature waits for them. */
    List<WorkItem> waitingFor(Caller person);
}
