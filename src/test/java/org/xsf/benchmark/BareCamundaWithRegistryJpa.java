package org.xsf.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Where xepflow's start-up goes: the bare starter application plus JPA with xepflow's entities
 * and xepflow's own JPA configuration (Hibernate booting beside the engine), and nothing else of
 * xepflow's. Its distance from the bare starter is the part of xepflow's start-up and memory that JPA takes.
 */
@SpringBootApplication(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
    UserDetailsServiceAutoConfiguration.class})
@EntityScan({"org.xsf.xepflow.registry", "org.xsf.xepflow.vote"})
@ComponentScan(basePackages = "org.xsf.xepflow.registry", useDefaultFilters = false,
    includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.RegistryConfiguration"))
public class BareCamundaWithRegistryJpa {
  public static void main(String[] args) {
    SpringApplication.run(BareCamundaWithRegistryJpa.class, args);
  }
}
