package io.shkmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.shkmemory.engine.Measure;
import org.junit.jupiter.api.Test;

class MemorySnapshotTests {

    private static final MemoryInfo INFO = new MemoryInfo("m",
            new MemorySettings(1, 0.05, 100, null), Instant.EPOCH, Instant.EPOCH, 1);

    @Test
    void pagesContinueAfterTheGivenIdInIdOrder() {
        MemoryIndex index = new MemoryIndex();
        index.putInfo(INFO, true);
        index.putPatterns(INFO, List.of(pattern("c"), pattern("a"), pattern("d"), pattern("b")));
        MemorySnapshot snapshot = index.find("m").orElseThrow();

        assertThat(ids(snapshot.page(null, 2))).containsExactly("a", "b");
        assertThat(ids(snapshot.page("b", 2))).containsExactly("c", "d");
        assertThat(ids(snapshot.page("bb", 5))).containsExactly("c", "d");
        assertThat(snapshot.page("d", 2)).isEmpty();
        assertThat(snapshot.hasAfter("c")).isTrue();
        assertThat(snapshot.hasAfter("d")).isFalse();
    }

    @Test
    void aSnapshotDoesNotChangeWhenTheIndexDoes() {
        MemoryIndex index = new MemoryIndex();
        index.putInfo(INFO, true);
        index.putPatterns(INFO, List.of(pattern("a")));
        MemorySnapshot before = index.find("m").orElseThrow();

        index.putPatterns(INFO, List.of(pattern("b")));
        index.removePatterns(INFO, List.of("a"));

        assertThat(ids(before.patterns())).containsExactly("a");
        assertThat(ids(index.find("m").orElseThrow().patterns())).containsExactly("b");
    }

    private static IndexedPattern pattern(String id) {
        return IndexedPattern.of(id, Measure.of(new double[][] {{0.0}}, null), Map.of(), 1);
    }

    private static List<String> ids(List<IndexedPattern> patterns) {
        return patterns.stream().map(IndexedPattern::id).toList();
    }
}
