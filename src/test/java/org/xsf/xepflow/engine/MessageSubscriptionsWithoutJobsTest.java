package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.support.H2Statements;

/** The message events a lifecycle stops waiting at go without a search for jobs (MessageSubscriptionsWithoutJobs). */
class MessageSubscriptionsWithoutJobsTest extends LifecycleTestSupport {
  private static final String EVENT_JOB_LOOKUP =
      "SELECT * FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = ? AND TENANT_ID_ IS NULL AND (HANDLER_CFG_ = ? )";
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anAuthorsNewVersionEndsTheWaitForOneOrARetractionWithoutLookingForJobs() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-node-bookmark.xml", "Standards Track");
    assertThat(waitingAt(lifecycle, "Message_RetractExperimental")).isOne();
    try (H2Statements statements = H2Statements.counting(processEngine, jdbc)) {
      long before = statements.count(EVENT_JOB_LOOKUP);

      submitAsAuthor("author1", lifecycle, Map.of("xml", nextVersion(lifecycle, "0.2", "Changes 0.2")));

      assertThat(called(lifecycle, "new-version")).isWaitingAt("Task_EditorReviewVersion");
      assertThat(waitingAt(lifecycle, "Message_RetractExperimental")).isZero();
      assertThat(waitingAt(lifecycle, "Message_NewVersionExperimental")).isZero();
      assertThat(statements.count(EVENT_JOB_LOOKUP)).isEqualTo(before);
    }
  }

  private long waitingAt(ProcessInstance lifecycle, String event) {
    return runtimeService.createEventSubscriptionQuery().processInstanceId(lifecycle.getId()).activityId(event).count();
  }
}
