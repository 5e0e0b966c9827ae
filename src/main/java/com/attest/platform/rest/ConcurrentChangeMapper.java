package com.attest.platform.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Two saves of the same record that raced past the version check: the second transaction cannot commit.
 * Answers 409 and asks the client to reload, as for a stale version.
 */
@Provider
public class ConcurrentChangeMapper implements ExceptionMapper<TransactionalException> {

    @Override
    public Response toResponse(TransactionalException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return ErrorBodies.response(409, "version",
                        "Someone else saved this record at the same moment: reload and try again.");
            }
        }
        return Response.serverError().build();
    }
}
