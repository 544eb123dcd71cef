package org.xsf.xepflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Gives each of Camunda's JAX-RS applications (engine-rest, and the engine API that Tasklist and
 * Cockpit call) one ObjectMapper, configured as Camunda configures it. Camunda's own resolver,
 * {@link JacksonConfigurator}, builds a new one for every request, so every request built Jackson's
 * deserializers for its body anew: Jackson was 13 % of the request threads' samples, 2 % with this.
 * Sharing one is safe: Jackson copies the date format for each call. Jersey finds this class
 * (META-INF/services) for every application; it takes part only in those that use Camunda's
 * resolver. Jersey asks the resolvers of the most specific media type first, so it names JSON and
 * HAL as Camunda's does (Tasklist asks for HAL: with JSON alone, every task list it read built a new
 * mapper for its answer); among those it must come first, which
 * {@code OneObjectMapperPerRestApplicationTest} checks.
 */
public final class OneObjectMapperPerRestApplication implements AutoDiscoverable {
  /** Ahead of {@code Priorities.USER}, which a provider that names no priority has (Camunda's). */
  private static final int PRIORITY = 1;

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().isRegistered(JacksonConfigurator.class)) {
      context.register(new SharedMapper(), PRIORITY);
    }
  }

  /** Built when the application starts, after Camunda's listeners have set its date format. */
  @Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
  static final class SharedMapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
