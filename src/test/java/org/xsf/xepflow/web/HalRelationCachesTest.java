package org.xsf.xepflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;
import org.camunda.bpm.engine.rest.hal.processDefinition.HalProcessDefinition;
import org.camunda.bpm.engine.rest.hal.user.HalUser;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.xsf.xepflow.support.ProcessTestSupport;

/** A task list read as Tasklist reads it (HAL) takes its assignee and process definition from the caches once read. */
class HalRelationCachesTest extends ProcessTestSupport {
  @Autowired
  TestRestTemplate http;

  @Test
  void tasklistsHalAnswerFillsTheCachesOfItsRelations() {
    Task review = submittedForFormatReview("author1", "inbox/jingle-rtp-mti.xml");
    processEngine.getTaskService().claim(review.getId(), "editor");
    try {
      String filter = processEngine.getFilterService().createFilterQuery().filterName("My tasks").singleResult().getId();
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.set(HttpHeaders.ACCEPT, "application/hal+json, application/json; q=0.5");
      Map<?, ?> page = http.withBasicAuth("editor", "xsf").postForObject("/engine-rest/filter/" + filter + "/list",
          new HttpEntity<>("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}", headers), Map.class);

      assertThat(page.get("count")).isEqualTo(1);
      Map<?, ?> embedded = (Map<?, ?>) page.get("_embedded");
      List<?> assignees = (List<?>) embedded.get("assignee");
      assertThat(assignees).hasSize(1);
      assertThat(((Map<?, ?>) assignees.get(0)).get("id")).isEqualTo("editor");
      assertThat(cache(HalUser.class).get("editor")).isNotNull();
      assertThat(cache(HalProcessDefinition.class).get(review.getProcessDefinitionId())).isNotNull();
    } finally {
      processEngine.getRuntimeService().deleteProcessInstance(review.getProcessInstanceId(), "test done");
    }
  }

  private static DefaultHalResourceCache cache(Class<?> relation) {
    return (DefaultHalResourceCache) Hal.getInstance().getHalRelationCache(relation);
  }
}
