package io.shkmemory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the shk-memory HTTP service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShkMemoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShkMemoryApplication.class, args);
    }
}
