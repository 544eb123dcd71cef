package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Providers;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.task.Task;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.xsf.xepflow.support.ProcessTestSupport;

/** engine-rest writes JSON and HAL (which Tasklist asks for) with one ObjectMapper, configured as Camunda's own resolver configures a new one per request. */
class OneObjectMapperPerRestApplicationTest extends ProcessTestSupport {
  @Autowired
  TestRestTemplate http;
  @Autowired
  ServletRegistrationBean<ServletContainer> jerseyServletRegistration;

  @Test
  void everyRequestUsesTheSameMapperWithCamundasSettings() throws Exception {
    Task task = processEngine.getTaskService().newTask();
    task.setName("A task to read back");
    task.setAssignee("editor");
    task.setDueDate(new Date(0));
    processEngine.getTaskService().saveTask(task);
    try {
      // the first request starts Jersey's application
      Map<?, ?> read = http.withBasicAuth("editor", "xsf").getForObject("/engine-rest/task/" + task.getId(), Map.class);
      assertThat(read.get("due")).isEqualTo("1970-01-01T00:00:00.000+0000");

      Providers providers = jerseyServletRegistration.getServlet().getApplicationHandler().getInjectionManager()
          .getInstance(Providers.class);
      ContextResolver<ObjectMapper> resolver = providers.getContextResolver(ObjectMapper.class, MediaType.APPLICATION_JSON_TYPE);
      ObjectMapper mapper = resolver.getContext(Task.class);
      assertThat(resolver.getContext(Task.class)).isSameAs(mapper);
      assertThat(mapper.writeValueAsString(new Date(0))).isEqualTo("\"1970-01-01T00:00:00.000+0000\"");
      assertThat(providers.getContextResolver(ObjectMapper.class, MediaType.valueOf(Hal.APPLICATION_HAL_JSON))
          .getContext(Task.class)).isSameAs(mapper);
    } finally {
      processEngine.getTaskService().deleteTask(task.getId(), true);
    }
  }
}
