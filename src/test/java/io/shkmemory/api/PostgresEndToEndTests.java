package io.shkmemory.api;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The end-to-end suite on PostgreSQL (127.0.0.1:5432, database test), in a fresh schema.
 * Runs only with {@code -Dshk.test.postgres=true}, as .ci/run does.
 */
@EnabledIfSystemProperty(named = "shk.test.postgres", matches = "true")
class PostgresEndToEndTests extends EndToEndTests {

    private String schema;

    @Override
    Map<String, Object> database() {
        schema = TestDatabases.createPostgresSchema();
        return TestDatabases.postgres(schema);
    }

    @AfterAll
    void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
