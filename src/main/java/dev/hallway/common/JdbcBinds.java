package dev.hallway.common;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binding nullable values to plain JDBC statements the way Hibernate binds the same entity fields. */
public final class JdbcBinds {

    private JdbcBinds() {
    }

    /** As Hibernate binds an Instant to TIMESTAMP WITH TIME ZONE on H2 and PostgreSQL: an offset date-time in UTC. */
    public static void instant(PreparedStatement ps, int i, Instant value) throws SQLException {
        ps.setObject(i, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static void longOrNull(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    public static void intOrNull(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }
}
