package io.shkmemory.api;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The crash test on PostgreSQL (127.0.0.1:5432, database test) in a fresh schema. Runs with
 * {@code -Dshk.test.crash=true -Dshk.test.postgres=true}.
 */
@EnabledIfSystemProperty(named = "shk.test.crash", matches = "true")
@EnabledIfSystemProperty(named = "shk.test.postgres", matches = "true")
class PostgresCrashSafetyTests extends CrashSafetyTests {

    private String schema;

    @Override
    Map<String, Object> database() {
        schema = TestDatabases.createPostgresSchema();
        return TestDatabases.postgres(schema);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
