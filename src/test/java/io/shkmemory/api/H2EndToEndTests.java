package io.shkmemory.api;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

/** The end-to-end suite on the default embedded H2 file database. */
class H2EndToEndTests extends EndToEndTests {

    @TempDir
    static Path dataDir;

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2File(dataDir);
    }
}
