package org.xsf.xepflow.api;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.Refusals;

/** Errors of the app's API as RFC 9457 problem details that say what was wrong. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

  @ExceptionHandler({DocumentRejectedException.class, InvalidInputException.class})
  ProblemDetail rejected(RuntimeException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Refused input");
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Bad request");
    return problem;
  }

  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail conflict(OptimisticLockingException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, Refusals.CONCURRENT);
    problem.setTitle("Changed at the same moment");
    return problem;
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Not allowed");
    return problem;
  }
}
