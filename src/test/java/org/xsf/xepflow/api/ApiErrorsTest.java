package org.xsf.xepflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.engine.Refusals;

/** The xepflow API's answer to a change that lost to one made at the same moment. */
class ApiErrorsTest {
  @Test
  void aChangeSomeoneElseMadeFirstIsAConflictThatKeptNothing() {
    var problem = new ApiErrors().conflict(new OptimisticLockingException("ENGINE-03005 updated concurrently"));

    assertThat(problem.getStatus()).isEqualTo(409);
    assertThat(problem.getDetail()).isEqualTo(Refusals.CONCURRENT);
  }
}
