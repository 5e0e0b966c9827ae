package com.attest.engagement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Writes the auditor access log, each row in its own transaction so a refused or failed request is kept too. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class AccessLog {

    @PersistenceContext
    private EntityManager em;

    public void record(String username, Long engagementId, Instant at, String method, String path, String query,
                       int status) {
        em.persist(new AuditorAccess(username, engagementId, at, method, path, query, status));
    }
}
