package org.xsf.xepflow.registry;

import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Hibernate boots on a thread of its own while the process engine reads its configuration, each on
 * a core (the repositories wait for it: spring.data.jpa.repositories.bootstrap-mode=deferred); the
 * first transaction, the engine's schema check, waits until it is ready. One after the other they
 * took a second more to start.
 */
@Configuration
class RegistryConfiguration {
  @Bean
  EntityManagerFactoryBuilderCustomizer bootstrapInBackground() {
    return builder -> builder.setBootstrapExecutor(new SimpleAsyncTaskExecutor("registry-bootstrap-"));
  }
}
