package io.shkmemory.api;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The crash test on the default embedded H2 file. Runs with {@code -Dshk.test.crash=true}. */
@EnabledIfSystemProperty(named = "shk.test.crash", matches = "true")
class H2CrashSafetyTests extends CrashSafetyTests {

    @TempDir
    Path dataDir;

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2File(dataDir);
    }
}
