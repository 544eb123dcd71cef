package org.xsf.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The baseline of the start-up benchmark: a plain Camunda 7.24 Spring Boot starter application
 * (webapps, REST, H2). It shares xepflow's class path, so what xepflow's other libraries would set
 * up on their own is switched off here; outside org.xsf.xepflow, none of xepflow's beans are found.
 */
@SpringBootApplication(exclude = {HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class,
    SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
public class BareCamundaApplication {
  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
