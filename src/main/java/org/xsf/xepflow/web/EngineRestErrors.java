package org.xsf.xepflow.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.Refusals;

/**
 * Refused documents and decisions are the user's error, not the server's: engine-rest (and so
 * Tasklist, which shows the message) answers 400 instead of 500.
 */
@Configuration
public class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer badInputIsABadRequest() {
    return config -> config.register(RejectedDocuments.class).register(InvalidInputs.class)
        .register(RefusedInEngineExceptions.class).register(RefusedInRestExceptions.class);
  }

  static Response badRequest(RuntimeException exception) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", exception.getClass().getSimpleName(), "message", exception.getMessage()))
        .build();
  }

  // Concrete classes: Jersey reads the exception type from the mapper's declared generic type.
  public static class RejectedDocuments implements ExceptionMapper<DocumentRejectedException> {
    @Override
    public Response toResponse(DocumentRejectedException exception) {
      return badRequest(exception);
    }
  }

  public static class InvalidInputs implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException exception) {
      return badRequest(exception);
    }
  }

  /**
   * A task listener's refusal (a -1 without reasons) arrives wrapped in the engine's exception, which
   * engine-rest's own mappers answer with 500; anything else goes on to them. Ahead of them by priority.
   */
  @Priority(Priorities.USER - 1)
  public static class RefusedInEngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return Refusals.in(exception).map(EngineRestErrors::badRequest)
          .orElseGet(() -> new ProcessEngineExceptionHandler().toResponse(exception));
    }
  }

  /** The same, when engine-rest has wrapped the engine's exception once more (a task form submitted). */
  @Priority(Priorities.USER - 1)
  public static class RefusedInRestExceptions implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return Refusals.in(exception).map(EngineRestErrors::badRequest)
          .orElseGet(() -> new RestExceptionHandler().toResponse(exception));
    }
  }
}
