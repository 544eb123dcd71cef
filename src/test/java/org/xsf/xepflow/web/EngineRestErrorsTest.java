package org.xsf.xepflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.Refusals;

/** How Camunda's REST applications answer what the engine threw, wrapped as a task form's submission wraps it. */
class EngineRestErrorsTest {
  private final EngineRestErrors.RefusedInRestExceptions submissions = new EngineRestErrors.RefusedInRestExceptions();

  @Test
  void aChangeSomeoneElseMadeFirstIsAConflictNotAServerError() {
    Response answer = submissions.toResponse(submitted(new ProcessEngineException("ENGINE-03005",
        new OptimisticLockingException("Entity was updated by another transaction concurrently."))));

    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(((Map<?, ?>) answer.getEntity()).get("message")).isEqualTo(Refusals.CONCURRENT);
  }

  @Test
  void refusedInputIsTheUsersErrorAndAnythingElseStaysTheServers() {
    assertThat(submissions.toResponse(submitted(new InvalidInputException("An objection needs written reasons."))).getStatus())
        .isEqualTo(400);
    assertThat(submissions.toResponse(submitted(new ProcessEngineException("disk full"))).getStatus()).isEqualTo(500);
  }

  private static RestException submitted(Exception engine) {
    return new RestException(Response.Status.INTERNAL_SERVER_ERROR, engine, "Cannot submit task form 42: " + engine.getMessage());
  }
}
