package dev.hallway.common;

import java.sql.SQLException;

/** What a database failure means, read from its SQLState (the same codes on H2 and PostgreSQL) or Hibernate's type. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** SQLState 23505: another transaction inserted the same key first. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && (c.getSQLState() == null || "23505".equals(c.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Another transaction changed the row since it was read (an optimistic version check failed): read it again. */
    public static boolean isStaleRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
