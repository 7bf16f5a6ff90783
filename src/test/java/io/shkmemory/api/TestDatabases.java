package io.shkmemory.api;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** Database settings for end-to-end tests: an H2 file, or a fresh PostgreSQL schema. */
final class TestDatabases {

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    private TestDatabases() {
    }

    /** The service's default kind of database, in a file under {@code dir}. */
    static Map<String, Object> h2File(Path dir) {
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("shk-memory")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    /** Creates an empty schema, so that every run starts clean, and returns its name. */
    static String createPostgresSchema() {
        String schema = "shk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static Map<String, Object> postgres(String schema) {
        return Map.of(
                "spring.datasource.url", POSTGRES_URL + "?currentSchema=" + schema,
                "spring.datasource.username", POSTGRES_USER,
                "spring.datasource.password", "");
    }

    static void dropPostgresSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
