package io.shkmemory.api;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two instances sharing one PostgreSQL schema, as in a deployment of several replicas.
 * Runs only with {@code -Dshk.test.postgres=true}.
 */
@EnabledIfSystemProperty(named = "shk.test.postgres", matches = "true")
class PostgresTwoInstanceTests extends TwoInstanceTests {

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
