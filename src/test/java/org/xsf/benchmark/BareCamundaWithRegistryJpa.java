package org.xsf.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Where xepflow's start-up goes: the bare starter application plus JPA with xepflow's entities
 * (Hibernate booting beside the engine, as xepflow's does), and nothing else of xepflow's. Its
 * distance from the bare starter is the part of xepflow's start-up and memory that JPA takes.
 */
@SpringBootApplication(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
    UserDetailsServiceAutoConfiguration.class})
@EntityScan({"org.xsf.xepflow.registry", "org.xsf.xepflow.vote"})
public class BareCamundaWithRegistryJpa {
  public static void main(String[] args) {
    SpringApplication.run(BareCamundaWithRegistryJpa.class, args);
  }

  @Bean
  EntityManagerFactoryBuilderCustomizer bootstrapInBackground() {
    return builder -> builder.setBootstrapExecutor(new SimpleAsyncTaskExecutor("registry-bootstrap-"));
  }
}
