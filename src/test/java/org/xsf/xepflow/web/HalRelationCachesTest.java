package org.xsf.xepflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.cache.Cache;
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

      assertThat(page.get("count")).isNotNull();
      Map<?, ?> embedded = (Map<?, ?>) page.get("_embedded");
      assertThat(ids(embedded.get("task"))).contains(review.getId());
      assertThat(ids(embedded.get("assignee"))).containsExactly("editor");
      assertThat(cache(HalUser.class).get("editor")).isNotNull();
      assertThat(cache(HalProcessDefinition.class).get(review.getProcessDefinitionId())).isNotNull();
    } finally {
      processEngine.getRuntimeService().deleteProcessInstance(review.getProcessInstanceId(), "test done");
    }
  }

  private static Cache cache(Class<?> relation) {
    Cache cache = Hal.getInstance().getHalRelationCache(relation);
    assertThat(cache).isInstanceOf(ConcurrentHalResourceCache.class);
    return cache;
  }

  private static List<String> ids(Object resources) {
    return ((List<?>) resources).stream().map(resource -> String.valueOf(((Map<?, ?>) resource).get("id"))).toList();
  }
}
