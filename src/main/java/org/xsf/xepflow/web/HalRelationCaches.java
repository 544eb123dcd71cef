package org.xsf.xepflow.web;

import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheBootstrap;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tasklist reads its task lists as HAL, whose answer embeds each task's assignee and process
 * definition: uncached, a user query and a process definition query, each with its authorization
 * check, for every list it shows or refreshes (and a task it opens embeds its candidate groups and
 * people too). Camunda's own distribution caches them with this
 * listener and a context parameter in its web.xml; the Spring Boot starter has no web.xml, so the
 * listener is registered here and application.yaml gives the parameter
 * ({@code server.servlet.context-parameters}).
 */
@Configuration(proxyBeanMethods = false)
public class HalRelationCaches {

  @Bean
  ServletListenerRegistrationBean<HalRelationCacheBootstrap> halRelationCacheBootstrap() {
    return new ServletListenerRegistrationBean<>(new HalRelationCacheBootstrap());
  }
}
