package org.xsf.xepflow.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.engine.InvalidInputException;

/**
 * Refused documents and decisions are the user's error, not the server's: engine-rest (and so
 * Tasklist, which shows the message) answers 400 instead of 500.
 */
@Configuration
public class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer badInputIsABadRequest() {
    return config -> config.register(RejectedDocuments.class).register(InvalidInputs.class);
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
}
