package io.shkmemory.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application behind MockMvc on an in-memory H2 database, with small limits so
 * that the limits can be tested; one cached context for all test classes that use it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:validation;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "management.server.port=-1",
        "shk.limits.max-dimension=16",
        "shk.limits.max-points=50",
        "shk.limits.max-batch=3",
        "shk.limits.max-top-k=20",
        "shk.limits.max-steps=500",
        "shk.limits.max-timeout=10s",
        "shk.limits.max-metadata-bytes=100",
        "shk.limits.max-request-bytes=20KB"})
@AutoConfigureMockMvc
@interface MockMvcServiceTest {
}
