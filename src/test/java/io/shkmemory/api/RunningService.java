package io.shkmemory.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.shkmemory.ShkMemoryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One instance of the application on random ports, for end-to-end tests. */
final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final ApiClient api;
    final ApiClient management;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        var env = context.getEnvironment();
        this.api = new ApiClient("http://127.0.0.1:" + env.getProperty("local.server.port"));
        this.management = new ApiClient("http://127.0.0.1:"
                + env.getProperty("local.management.port"));
    }

    /** Starts an instance on the database and waits until it is ready. */
    static RunningService start(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.put("management.server.port", 0);
        all.put("spring.main.banner-mode", "off");
        all.putAll(properties);
        // command-line arguments, because default properties would lose to application.yml
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                ShkMemoryApplication.class).run(args);
        RunningService service = new RunningService(context);
        service.awaitReady(Duration.ofSeconds(30));
        return service;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Answer readiness = management.get("/actuator/health/readiness");
            if (readiness.status() == 200) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("not ready within " + timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The application context, to listen to its events. */
    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
