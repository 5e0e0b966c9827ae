package com.attest.platform;

import java.sql.SQLException;

/**
 * Recognises failures that say nothing about the request and will pass: the database is unreachable or
 * refused connections, or two transactions collided (deadlock, serialisation). Callers answer 503 with
 * Retry-After, or try again.
 */
public final class Outage {

    private Outage() {
    }

    /** The database cannot be reached now (connection refused or lost, pool cannot connect, shutting down). */
    public static boolean isDatabaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.endsWith("PoolingException") || name.endsWith("ResourceAllocationException")
                    || message.contains("Error in allocating a connection")
                    || message.contains("Connection refused") || message.contains("This connection has been closed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Down, or a collision that a second attempt resolves (deadlock, serialisation failure, lock timeout, a row
     * changed by a concurrent transaction).
     */
    public static boolean isTransient(Throwable failure) {
        if (isDatabaseDown(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001")
                    || sql.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }
}
