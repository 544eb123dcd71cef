package org.xsf.xepflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.xsf.xepflow.api.ArchiveImportController;

/**
 * HTTP Basic for the app's API and Camunda's engine-rest. Other paths are left alone: the Camunda
 * webapps have their own login, and the published site at /extensions/ and /registrar/ is public.
 */
@Configuration
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
      IdentityService identityService) throws Exception {
    return http
        // Path patterns, not MVC matchers: engine-rest is a Jersey servlet, not a Spring MVC handler.
        .securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**")))
        // The archive import is the Editor's. A rule here, not method security: that matched every
        // method of every bean against its pointcuts at start, about 5 % of the start's CPU.
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(ArchiveImportController.PATH + "/**"))
            .hasAuthority("editor")
            .anyRequest().authenticated())
        .authenticationProvider(provider)
        .httpBasic(basic -> basic.realmName("xepflow"))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }
}
