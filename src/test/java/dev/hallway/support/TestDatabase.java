package dev.hallway.support;

import java.util.HashMap;
import java.util.Map;

/**
 * A database of its own for a test that needs one: an in-memory H2 database normally, or, in the postgres Maven
 * profile (-Ppostgres), a schema of its own in the PostgreSQL database given by hallwaytest.postgres.url
 * (127.0.0.1:5432/test by default), emptied before the test so runs never see each other's rows.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Empties the PostgreSQL schema of a durable test database (nothing to do for H2 files under target/). */
    public static void drop(String name) {
        if (!postgres()) {
            return;
        }
        String url = System.getProperty("hallwaytest.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url,
                System.getProperty("hallwaytest.postgres.user", "postgres"), "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS t_" + name.replace('-', '_') + " CASCADE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + name, e);
        }
    }

    /** A JDBC connection to the PostgreSQL schema of the test database {@code name}, for tests that read rows directly. */
    public static java.sql.Connection connect(String name) throws java.sql.SQLException {
        if (!postgres()) {
            throw new IllegalStateException("only PostgreSQL test databases can be reached from outside the service");
        }
        java.sql.Connection c = java.sql.DriverManager.getConnection(
                System.getProperty("hallwaytest.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("hallwaytest.postgres.user", "postgres"), "");
        c.setSchema("t_" + name.replace('-', '_'));
        return c;
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("hallwaytest.database"));
    }

    /** Config overrides for an isolated database named {@code name} (letters, digits and dashes). */
    /** {@link #isolated(String)} with more configuration: key, value, key, value, … */
    public static Map<String, String> isolated(String name, String... keysAndValues) {
        Map<String, String> config = isolated(name);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    public static Map<String, String> isolated(String name) {
        Map<String, String> config = new HashMap<>();
        if (postgres()) {
            String schema = "t_" + name.replace('-', '_');
            String base = System.getProperty("hallwaytest.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
            config.put("quarkus.datasource.jdbc.url", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            config.put("quarkus.flyway.schemas", schema);
            config.put("quarkus.flyway.create-schemas", "true");
            config.put("quarkus.flyway.clean-at-start", "true");
            config.put("quarkus.flyway.clean-disabled", "false");
            config.put("quarkus.datasource.username", System.getProperty("hallwaytest.postgres.user", "postgres"));
        } else {
            config.put("quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        return config;
    }

    /**
     * The same, for a packaged service started by a test. {@code durable}: the database outlives a restart of the
     * service (an H2 file, or a PostgreSQL schema that is not emptied at startup: call {@link #drop} when done).
     */
    public static Map<String, String> forProcess(String name, boolean durable) {
        if (postgres() && durable) {
            Map<String, String> config = isolated(name);
            config.remove("quarkus.flyway.clean-at-start");
            return config;
        }
        if (postgres() || !durable) {
            Map<String, String> config = isolated(name);
            if (!postgres()) {
                config.put("quarkus.datasource.jdbc.url", config.get("quarkus.datasource.jdbc.url").replace(";DB_CLOSE_DELAY=-1", ""));
            }
            return config;
        }
        return new HashMap<>(Map.of("quarkus.datasource.jdbc.url",
                "jdbc:h2:file:./data/" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"));
    }
}
