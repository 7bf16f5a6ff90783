package io.shkmemory.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.shkmemory.engine.Measure;
import io.shkmemory.memory.DimensionConflictException;
import io.shkmemory.memory.MemoryInfo;
import io.shkmemory.memory.MemoryNotFoundException;
import io.shkmemory.memory.MemorySettings;
import io.shkmemory.memory.MemoryStore;
import io.shkmemory.memory.PatternWrite;
import io.shkmemory.memory.StoredPattern;
import io.shkmemory.memory.TooManyPatternsException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MemoryStore} on JDBC, for PostgreSQL and for H2 in PostgreSQL mode (same SQL).
 *
 * <p>Every write first locks the memory's row ({@code SELECT ... FOR UPDATE}), so writes to
 * one memory are serialised across all instances sharing the database, and only then draws
 * its version from {@code shk_change_seq}: a memory's versions grow in commit order.
 */
public final class JdbcMemoryStore implements MemoryStore {

    private static final int IN_LIST_CHUNK = 500;
    private static final TypeReference<Map<String, Object>> METADATA =
            new TypeReference<>() { };
    private static final String MEMORY_COLUMNS =
            "name, dimension, epsilon, beta, description, created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final int maxPatterns;

    public JdbcMemoryStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this(jdbc, transactions, json, Integer.MAX_VALUE);
    }

    /** @param maxPatterns most patterns one memory may hold; checked under the memory's lock */
    public JdbcMemoryStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                           int maxPatterns) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = transactions;
        this.json = json;
        this.maxPatterns = maxPatterns;
    }

    @Override
    public Map<String, Long> memoryVersions() {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query("SELECT name, version FROM memories",
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                });
        return versions;
    }

    @Override
    public Optional<MemoryInfo> findMemory(String name) {
        return jdbc.query("SELECT " + MEMORY_COLUMNS + " FROM memories WHERE name = ?",
                JdbcMemoryStore::memoryRow, name).stream().findFirst();
    }

    @Override
    public Commit putMemory(String name, MemorySettings settings, Instant now) {
        try {
            return transactions.execute(status -> writeMemory(name, settings, now));
        } catch (DuplicateKeyException e) {
            // another instance created the memory between our lookup and insert: now it exists
            return transactions.execute(status -> writeMemory(name, settings, now));
        }
    }

    private Commit writeMemory(String name, MemorySettings settings, Instant now) {
        Optional<MemoryInfo> existing = lockMemory(name);
        long version = nextVersion();
        if (existing.isEmpty()) {
            jdbc.update("INSERT INTO memories (" + MEMORY_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    name, settings.dimension(), settings.epsilon(), settings.beta(),
                    settings.description(), timestamp(now), timestamp(now), version);
            return new Commit(new MemoryInfo(name, settings, now, now, version), -1, Set.of(),
                    version);
        }
        MemoryInfo old = existing.get();
        if (old.settings().dimension() != settings.dimension() && hasPatterns(name)) {
            throw new DimensionConflictException("dimension", "memory '" + name
                    + "' holds patterns of dimension " + old.settings().dimension()
                    + "; delete them before changing it to " + settings.dimension());
        }
        jdbc.update("UPDATE memories SET dimension = ?, epsilon = ?, beta = ?, description = ?,"
                        + " updated_at = ?, version = ? WHERE name = ?",
                settings.dimension(), settings.epsilon(), settings.beta(),
                settings.description(), timestamp(now), version, name);
        return new Commit(new MemoryInfo(name, settings, old.createdAt(), now, version),
                old.version(), Set.of(), version);
    }

    @Override
    public boolean deleteMemory(String name) {
        return transactions.execute(status -> {
            jdbc.update("DELETE FROM patterns WHERE memory_name = ?", name);
            return jdbc.update("DELETE FROM memories WHERE name = ?", name) > 0;
        });
    }

    @Override
    public Commit upsertPatterns(String memory, List<PatternWrite> patterns, Instant now) {
        return transactions.execute(status -> {
            MemoryInfo old = lockMemory(memory)
                    .orElseThrow(() -> new MemoryNotFoundException(memory));
            checkDimensions(old, patterns);
            long version = nextVersion();
            Set<String> existing = existingIds(memory, patterns);
            checkPatternLimit(memory, patterns, existing);
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            Set<String> created = new HashSet<>();
            for (PatternWrite p : patterns) {
                Measure m = p.measure();
                byte[] points = LittleEndianDoubles.encode(m.coordinates());
                byte[] weights = p.weights() == null ? null : LittleEndianDoubles.encode(p.weights());
                String metadata = json.writeValueAsString(p.metadata());
                if (existing.contains(p.id())) {
                    updates.add(new Object[] {m.size(), m.dimension(), points, weights, metadata,
                            version, memory, p.id()});
                } else {
                    created.add(p.id());
                    inserts.add(new Object[] {memory, p.id(), m.size(), m.dimension(), points,
                            weights, metadata, version});
                }
            }
            int[] updateTypes = {Types.INTEGER, Types.INTEGER, Types.BINARY, Types.BINARY,
                    Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR};
            batch("UPDATE patterns SET point_count = ?, dimension = ?, points = ?,"
                    + " weights = ?, metadata = ?, version = ? WHERE memory_name = ? AND id = ?",
                    updates, updateTypes);
            batch("INSERT INTO patterns (memory_name, id, point_count, dimension,"
                    + " points, weights, metadata, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    inserts, new int[] {Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
                            Types.INTEGER, Types.BINARY, Types.BINARY, Types.VARCHAR,
                            Types.BIGINT});
            return new Commit(touch(old, now, version), old.version(), created, version);
        });
    }

    @Override
    public Optional<Commit> deletePattern(String memory, String id, Instant now) {
        return transactions.execute(status -> {
            MemoryInfo old = lockMemory(memory)
                    .orElseThrow(() -> new MemoryNotFoundException(memory));
            int deleted = jdbc.update("DELETE FROM patterns WHERE memory_name = ? AND id = ?",
                    memory, id);
            if (deleted == 0) {
                return Optional.empty();
            }
            long version = nextVersion();
            return Optional.of(new Commit(touch(old, now, version), old.version(), Set.of(),
                    version));
        });
    }

    @Override
    public Map<String, Long> patternVersions(String memory) {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query("SELECT id, version FROM patterns WHERE memory_name = ?",
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                }, memory);
        return versions;
    }

    @Override
    public void readPatterns(String memory, Collection<String> ids, Consumer<StoredPattern> sink) {
        String select = "SELECT id, point_count, dimension, points, weights, metadata, version"
                + " FROM patterns WHERE memory_name = :memory";
        if (ids == null) {
            named.query(select, Map.of("memory", memory), rs -> {
                sink.accept(patternRow(rs));
            });
            return;
        }
        for (List<String> chunk : chunks(ids)) {
            MapSqlParameterSource params = new MapSqlParameterSource("memory", memory)
                    .addValue("ids", chunk);
            named.query(select + " AND id IN (:ids)", params, rs -> {
                sink.accept(patternRow(rs));
            });
        }
    }

    private void batch(String sql, List<Object[]> rows, int[] types) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, types);
        }
    }

    private Optional<MemoryInfo> lockMemory(String name) {
        return jdbc.query("SELECT " + MEMORY_COLUMNS + " FROM memories WHERE name = ? FOR UPDATE",
                JdbcMemoryStore::memoryRow, name).stream().findFirst();
    }

    private long nextVersion() {
        Long version = jdbc.queryForObject("SELECT nextval('shk_change_seq')", Long.class);
        return version;
    }

    private boolean hasPatterns(String memory) {
        return !jdbc.queryForList("SELECT id FROM patterns WHERE memory_name = ? LIMIT 1",
                String.class, memory).isEmpty();
    }

    private static void checkDimensions(MemoryInfo memory, List<PatternWrite> patterns) {
        int expected = memory.settings().dimension();
        for (int i = 0; i < patterns.size(); i++) {
            int d = patterns.get(i).measure().dimension();
            if (d != expected) {
                throw DimensionConflictException.ofPoints("patterns[" + i + "].points", d,
                        memory.name(), expected);
            }
        }
    }

    /** Counted under the memory's row lock, so concurrent writers cannot pass it together. */
    private void checkPatternLimit(String memory, List<PatternWrite> patterns,
                                   Set<String> existing) {
        long added = patterns.stream().map(PatternWrite::id).distinct()
                .filter(id -> !existing.contains(id)).count();
        if (added == 0) {
            return;
        }
        Long held = jdbc.queryForObject("SELECT COUNT(*) FROM patterns WHERE memory_name = ?",
                Long.class, memory);
        if (held + added > maxPatterns) {
            throw new TooManyPatternsException(memory, maxPatterns, held + added);
        }
    }

    private Set<String> existingIds(String memory, List<PatternWrite> patterns) {
        Set<String> existing = new HashSet<>();
        List<String> ids = patterns.stream().map(PatternWrite::id).toList();
        for (List<String> chunk : chunks(ids)) {
            MapSqlParameterSource params = new MapSqlParameterSource("memory", memory)
                    .addValue("ids", chunk);
            existing.addAll(named.queryForList(
                    "SELECT id FROM patterns WHERE memory_name = :memory AND id IN (:ids)",
                    params, String.class));
        }
        return existing;
    }

    private MemoryInfo touch(MemoryInfo old, Instant now, long version) {
        jdbc.update("UPDATE memories SET updated_at = ?, version = ? WHERE name = ?",
                timestamp(now), version, old.name());
        return new MemoryInfo(old.name(), old.settings(), old.createdAt(), now, version);
    }

    private StoredPattern patternRow(ResultSet rs) throws SQLException {
        int n = rs.getInt("point_count");
        int d = rs.getInt("dimension");
        double[] x = LittleEndianDoubles.decode(rs.getBytes("points"), n * d);
        byte[] weightBytes = rs.getBytes("weights");
        double[] weights = weightBytes == null ? null : LittleEndianDoubles.decode(weightBytes, n);
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(
                json.readValue(rs.getString("metadata"), METADATA));
        return new StoredPattern(rs.getString("id"), Measure.of(points, weights), metadata,
                rs.getLong("version"));
    }

    private static MemoryInfo memoryRow(ResultSet rs, int row) throws SQLException {
        MemorySettings settings = new MemorySettings(rs.getInt("dimension"),
                rs.getDouble("epsilon"), rs.getDouble("beta"), rs.getString("description"));
        return new MemoryInfo(rs.getString("name"), settings, instant(rs, "created_at"),
                instant(rs, "updated_at"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }
}
