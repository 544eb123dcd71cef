package org.xsf.xepflow.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.Refusals;

/**
 * Refused documents and decisions are the user's error, not the server's: Camunda's REST applications
 * (engine-rest, and the engine API that Tasklist and Cockpit call) answer 400 with the message
 * instead of 500. Jersey finds this class (META-INF/services) for every application; it takes part
 * only in Camunda's, those that use Camunda's JSON resolver.
 */
public final class EngineRestErrors implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().isRegistered(JacksonConfigurator.class)) {
      context.register(RejectedDocuments.class).register(InvalidInputs.class)
          .register(RefusedInEngineExceptions.class).register(RefusedInRestExceptions.class);
    }
  }

  static Response badRequest(RuntimeException exception) {
    return error(Response.Status.BAD_REQUEST, exception.getClass().getSimpleName(), exception.getMessage());
  }

  private static Response error(Response.Status status, String type, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message)).build();
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
   * Camunda's own mappers answer with 500, and so does a change someone else made first (409 here);
   * anything else goes on to them.
   */
  abstract static class RefusedWithin<E extends Throwable> implements ExceptionMapper<E> {
    private final ExceptionMapper<E> otherwise;

    RefusedWithin(ExceptionMapper<E> otherwise) {
      this.otherwise = otherwise;
    }

    @Override
    public Response toResponse(E exception) {
      if (Refusals.concurrent(exception)) {
        return error(Response.Status.CONFLICT, "OptimisticLockingException", Refusals.CONCURRENT);
      }
      return Refusals.in(exception).map(EngineRestErrors::badRequest).orElseGet(() -> otherwise.toResponse(exception));
    }
  }

  // Ahead of Camunda's own mappers of the same exceptions by priority.
  @Priority(Priorities.USER - 1)
  public static class RefusedInEngineExceptions extends RefusedWithin<ProcessEngineException> {
    public RefusedInEngineExceptions() {
      super(new ProcessEngineExceptionHandler());
    }
  }

  /** Camunda's REST resources wrap the engine's exception once more when a task form is submitted. */
  @Priority(Priorities.USER - 1)
  public static class RefusedInRestExceptions extends RefusedWithin<RestException> {
    public RefusedInRestExceptions() {
      super(new RestExceptionHandler());
    }
  }
}
