package io.shkmemory.api;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

/** Two instances in one JVM sharing one H2 file database. */
class H2TwoInstanceTests extends TwoInstanceTests {

    @TempDir
    static Path dataDir;

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2File(dataDir);
    }
}
