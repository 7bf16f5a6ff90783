package io.shkmemory.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shkmemory.engine.Measure;
import io.shkmemory.memory.DimensionConflictException;
import io.shkmemory.memory.MemoryNotFoundException;
import io.shkmemory.memory.MemorySettings;
import io.shkmemory.memory.MemoryStore;
import io.shkmemory.memory.PatternWrite;
import io.shkmemory.memory.StoredPattern;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The JDBC store on H2 in PostgreSQL mode, migrated by the service's Flyway scripts. */
class JdbcMemoryStoreTests {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private JdbcTemplate jdbc;
    private JdbcMemoryStore store;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        store = new JdbcMemoryStore(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JsonMapper.builder().build());
        store.putMemory("m", new MemorySettings(2, 0.05, 100, null), NOW);
    }

    @Test
    void pointsAreStoredAsLittleEndianFloat64Rows() {
        Measure measure = Measure.of(new double[][] {{1.0, -2.0}}, null);

        store.upsertPatterns("m", List.of(new PatternWrite("p", measure, null, Map.of())), NOW);

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT point_count, dimension, points, weights FROM patterns WHERE id = 'p'");
        assertThat(row.get("point_count")).isEqualTo(1);
        assertThat(row.get("dimension")).isEqualTo(2);
        assertThat((byte[]) row.get("points")).containsExactly(
                0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F,
                0, 0, 0, 0, 0, 0, 0, (byte) 0xC0);
        assertThat(row.get("weights")).isNull();
    }

    @Test
    void weightsAreStoredAsSentAndReadBackNormalised() {
        double[] sent = {1.0, 3.0};
        Measure measure = Measure.of(new double[][] {{0, 0}, {1, 1}}, sent);
        store.upsertPatterns("m", List.of(new PatternWrite("p", measure, sent, Map.of())), NOW);

        List<StoredPattern> read = new ArrayList<>();
        store.readPatterns("m", null, read::add);

        assertThat(read).hasSize(1);
        assertThat(read.get(0).measure().weights()).containsExactly(0.25, 0.75);
        assertThat(LittleEndianDoubles.decode(jdbc.queryForObject(
                "SELECT weights FROM patterns WHERE id = 'p'", byte[].class), 2))
                .containsExactly(1.0, 3.0);
    }

    @Test
    void everyWriteGivesTheMemoryANewVersion() {
        long created = store.memoryVersions().get("m");
        Measure measure = Measure.of(new double[][] {{0, 0}}, null);

        MemoryStore.Commit upsert = store.upsertPatterns("m",
                List.of(new PatternWrite("p", measure, null, Map.of())), NOW);
        MemoryStore.Commit delete = store.deletePattern("m", "p", NOW).orElseThrow();

        assertThat(upsert.previousVersion()).isEqualTo(created);
        assertThat(delete.previousVersion()).isEqualTo(upsert.memory().version());
        assertThat(store.memoryVersions().get("m")).isEqualTo(delete.memory().version())
                .isGreaterThan(upsert.memory().version());
    }

    @Test
    void batchWithAPatternOfAnotherDimensionStoresNone() {
        List<PatternWrite> batch = List.of(
                new PatternWrite("a", Measure.of(new double[][] {{0, 0}}, null), null, Map.of()),
                new PatternWrite("b", Measure.of(new double[][] {{0, 0, 0}}, null), null,
                        Map.of()));

        assertThatThrownBy(() -> store.upsertPatterns("m", batch, NOW))
                .isInstanceOf(DimensionConflictException.class)
                .extracting("field").isEqualTo("patterns[1].points");
        assertThat(store.patternVersions("m")).isEmpty();
    }

    @Test
    void writingToAMissingMemoryFails() {
        assertThatThrownBy(() -> store.deletePattern("none", "p", NOW))
                .isInstanceOf(MemoryNotFoundException.class);
    }

    @Test
    void deletingAMemoryDeletesItsPatterns() {
        store.upsertPatterns("m", List.of(new PatternWrite("p",
                Measure.of(new double[][] {{0, 0}}, null), null, Map.of())), NOW);

        assertThat(store.deleteMemory("m")).isTrue();

        assertThat(store.findMemory("m")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patterns", Integer.class)).isZero();
        assertThat(store.deleteMemory("m")).isFalse();
    }
}
