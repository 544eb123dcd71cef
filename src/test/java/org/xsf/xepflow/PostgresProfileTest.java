package org.xsf.xepflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.support.PostgresTestDatabase;

/**
 * The production profile on a real PostgreSQL server (127.0.0.1:5432, as .ci/run starts it), without
 * the demo people: the engine and the XEPs database create their tables, and an author an operator
 * added to the XSF's authors gets a ProtoXEP to the Editor.
 */
// Without a hyphen, as ArchiveImportTest's: a name the starter accepts, not "default".
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "camunda.bpm.process-engine-name=xepflowPostgres",
        "xepflow.mail.smtp.port=0", "xepflow.site.dir=target/test-site-postgres",
        "xepflow.source-control.dir=target/test-xep-sources-postgres", "xepflow.demo.enabled=false"})
@ActiveProfiles("postgres")
class PostgresProfileTest {
  private static final String DATABASE = PostgresTestDatabase.ofThisCheckout("xepflow_test");

  @Autowired
  ProcessEngine processEngine;
  @Autowired
  ProtoXepRepository protoXeps;

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
    PostgresTestDatabase.recreate(DATABASE);
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
  }

  @Test
  void aProtoXepReachesTheEditorOnPostgres() throws Exception {
    String xml = new String(getClass().getResourceAsStream("/xeps/inbox/mix.xml").readAllBytes());
    String definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("protoxep-submission").latestVersion().singleResult().getId();
    // no demo people; the groups, their authorizations and Tasklist's filters are there
    IdentityService identity = processEngine.getIdentityService();
    assertThat(identity.createUserQuery().userId("author1").count()).isZero();
    assertThat(identity.createGroupQuery().groupIdIn("editor", "council", "board", "authors").count()).isEqualTo(4);
    assertThat(processEngine.getFilterService().createFilterQuery().count()).isEqualTo(2);
    // as an operator adds a real author in Admin (before, without the demo, refused: no authorization)
    User author = identity.newUser("realauthor");
    author.setEmail("realauthor@example.org");
    identity.saveUser(author);
    identity.createMembership("realauthor", "authors");
    identity.setAuthentication("realauthor", java.util.List.of("authors"));
    ProcessInstance pi;
    try {
      pi = processEngine.getFormService().submitStartForm(definition, Map.of("xml", xml));
    } finally {
      identity.clearAuthentication();
    }

    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_EditorFormatReview").count()).isEqualTo(1);
    assertThat(processEngine.getRuntimeService().getVariable(pi.getId(), "xml")).isEqualTo(xml);
    assertThat(protoXeps.findAll()).singleElement()
        .satisfies(p -> assertThat(p.getTitle()).isEqualTo("Mediated Information eXchange (MIX)"));
  }
}
