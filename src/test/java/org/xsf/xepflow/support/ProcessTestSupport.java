package org.xsf.xepflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.store.FolderException;
import java.io.IOException;
import java.sql.SQLException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.context.annotation.Import;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.mail.EmbeddedStandardsList;
import org.xsf.xepflow.mail.MailConnector;
import org.xsf.xepflow.mail.QueueAnnouncement;

/**
 * Base of the tests that drive the real diagrams from bpmn/ through the real engine, database and
 * SMTP server. All share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// A coverage report of the diagrams per test class, in target/process-test-coverage/.
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {
  /** A {{name}} in a form's texts. */
  private static final Pattern SHOWN_VARIABLE = Pattern.compile("\\{\\{\\s*(\\w+)");

  @Autowired
  protected ProcessEngine processEngine;
  @Autowired
  protected IdentityService identityService;
  @Autowired
  protected ManagementService managementService;
  @Autowired
  protected EmbeddedStandardsList standardsList;
  @Autowired
  protected TransactionTemplate transaction;
  @Autowired
  protected MailConnector mailConnector;

  /**
   * With -Dxepflow.test.database=postgres the same tests run on a fresh PostgreSQL database on
   * 127.0.0.1:5432 (the second test run of the build).
   */
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    boolean postgres = "postgres".equals(System.getProperty("xepflow.test.database"));
    TestFolders.emptyOnce(postgres ? List.of("target/test-site-pg", "target/test-xep-sources-pg")
        : List.of("target/test-site", "target/test-xep-sources"));
    if (!postgres) {
      return;
    }
    PostgresTestDatabase.recreateOnce();
    registry.add("spring.datasource.url", () -> PostgresTestDatabase.URL);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("xepflow.site.dir", () -> "target/test-site-pg");
    registry.add("xepflow.source-control.dir", () -> "target/test-xep-sources-pg");
  }

  @BeforeEach
  void initEngineAssertions() throws FolderException {
    init(processEngine);
    // Other test contexts (PostgreSQL, import) install their own SMTP server in the static connector.
    mailConnector.install();
    standardsList.purge();
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /** Does something as a demo user with their groups, as Tasklist or the API would. */
  protected <T> T as(String user, Supplier<T> action) {
    identityService.setAuthentication(user, groupsOf(user));
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The groups a user acts in, read on every call as engine-rest reads them on every request. */
  protected List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  /** An author's ProtoXEP whose format the Editor accepted: its announcement written, not yet sent. */
  protected ProcessInstance protoXepFormatAccepted(String author, String fixture, String type) {
    ProcessInstance pi = protoXepSubmitted(author, fixture);
    complete("editor", pi.getId(), "Task_EditorFormatReview", Map.of("formatDecision", "accept", "xepType", type));
    return pi;
  }

  /** The Editor's format review of a ProtoXEP the author has just submitted. */
  protected Task submittedForFormatReview(String author, String fixture) {
    ProcessInstance submission = protoXepSubmitted(author, fixture);
    return processEngine.getTaskService().createTaskQuery().processInstanceId(submission.getId()).singleResult();
  }

  private ProcessInstance protoXepSubmitted(String author, String fixture) {
    return startForm(author, "protoxep-submission", Map.of("xml", fixture(fixture)));
  }

  /** Submits the start form of the latest version of a process as a demo user, as Tasklist does. */
  protected ProcessInstance startForm(String user, String processKey, Map<String, Object> fields) {
    String definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(processKey).latestVersion().singleResult().getId();
    return as(user, () -> processEngine.getFormService().submitStartForm(definition, fields));
  }

  protected void as(String user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }

  /** Moves the engine clock forward, as time passing would. */
  protected void advanceClock(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  /** Does something while a demo user has no mail address (Admin does not ask for one), then gives it back. */
  protected void withoutMailAddress(String user, Runnable action) {
    User person = identityService.createUserQuery().userId(user).singleResult();
    String address = person.getEmail();
    person.setEmail(null);
    identityService.saveUser(person);
    try {
      action.run();
    } finally {
      person.setEmail(address);
      identityService.saveUser(person);
    }
  }

  /**
   * Runs the due jobs of a process instance (due timers, ...) and of the announcements it wrote, as
   * the job executor would.
   */
  protected void runDueJobs(String processInstanceId) {
    // One at a time: a job (a timer ending a scope) can delete the others.
    for (int round = 0; round < 50; round++) {
      Set<String> instances = new HashSet<>(announcementsBy(processInstanceId));
      instances.add(processInstanceId);
      List<Job> due = managementService.createJobQuery().processInstanceIds(instances)
          .executable().orderByJobDuedate().asc().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      managementService.executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("Jobs keep coming for " + processInstanceId);
  }

  /** The announcement processes a process instance started that are still running (not yet sent). */
  protected List<String> announcementsBy(String processInstanceId) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(QueueAnnouncement.PROCESS)
        .variableValueEquals(QueueAnnouncement.ANNOUNCED_BY, processInstanceId).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  /** The job that sends the one announcement a process instance wrote and has not sent yet. */
  protected Job announcementJob(String processInstanceId) {
    List<String> written = announcementsBy(processInstanceId);
    assertThat(written).as("announcements written by %s", processInstanceId).hasSize(1);
    return managementService.createJobQuery().processInstanceId(written.get(0)).singleResult();
  }

  /**
   * Lets a job fail as the job executor would, each retry after its 10-minute wait, until its retries
   * run out and it becomes an incident.
   */
  protected void failUntilIncident(String jobId, String expectedError) {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(expectedError);
      advanceClock(Duration.ofMinutes(11));
    }
    assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries()).isZero();
  }

  /**
   * Completes a user's task (theirs, or one offered to their group) the way Tasklist does: by
   * submitting its form.
   */
  protected void complete(String user, String processInstanceId, String activity, Map<String, Object> variables) {
    TaskService tasks = processEngine.getTaskService();
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activity)
        .taskAssignee(user).singleResult();
    if (task == null) {
      task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activity)
          .singleResult();
    }
    if (task == null) {
      throw new AssertionError("No task " + activity + " in " + processInstanceId);
    }
    String id = task.getId();
    assertFormHasWhatItShows(task);
    as(user, () -> processEngine.getFormService().submitTaskForm(id, variables));
  }

  /**
   * Submits a task's form through engine-rest, logged in with HTTP Basic, as an API client would:
   * each field a String, whatever the form would have sent.
   */
  protected static ResponseEntity<String> submitThroughEngineRest(TestRestTemplate http, String user, String taskId,
      Map<String, String> fields) {
    Map<String, Object> variables = new HashMap<>();
    fields.forEach((key, value) -> variables.put(key, Map.of("value", value, "type", "String")));
    return http.withBasicAuth(user, "xsf").postForEntity("/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", variables), String.class);
  }

  /** The benchmark's driver completes tasks as the tests do, without this check's queries. */
  protected boolean checksForms() {
    return true;
  }

  /**
   * Each {{name}} in the texts of the task's form is a variable the task sees: one a called
   * process was not given would show blank in Tasklist, with no error anywhere.
   */
  private void assertFormHasWhatItShows(Task task) {
    if (!checksForms()) {
      return;
    }
    UserTask definition = processEngine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    try {
      String form = Files.readString(Path.of("forms", definition.getCamundaFormRef() + ".form"));
      List<String> shown = SHOWN_VARIABLE.matcher(form).results().map(m -> m.group(1)).toList();
      assertThat(processEngine.getTaskService().getVariables(task.getId()).keySet())
          .as("variables shown by the form of %s", task.getTaskDefinitionKey()).containsAll(shown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Members vote in the council-vote process open at or below {@code processInstanceId}: each
   * completes their "Vote on ..." task, or "Change your vote ..." if they voted before. Values are
   * "+1", "0" or "-1" (a -1 gets reasons).
   */
  protected void castVotes(String processInstanceId, Map<String, String> ballots) {
    String vote = openVote(processInstanceId);
    ballots.forEach((member, value) -> {
      Map<String, Object> form = value.equals("-1")
          ? Map.of("ballot", value, "ballotReasons", "Concerns of " + member)
          : Map.of("ballot", value);
      TaskService tasks = processEngine.getTaskService();
      Task task = tasks.createTaskQuery().processInstanceId(vote).taskAssignee(member).singleResult();
      if (task == null) {
        throw new AssertionError(member + " has no vote task in " + vote);
      }
      assertFormHasWhatItShows(task);
      as(member, () -> processEngine.getFormService().submitTaskForm(task.getId(), form));
    });
    runDueJobs(vote);
  }

  /** The council-vote process running at or below a process instance. */
  protected String openVote(String processInstanceId) {
    var runtime = processEngine.getRuntimeService();
    var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (instance != null && instance.getProcessDefinitionId().startsWith("council-vote:")) {
      return processInstanceId;
    }
    for (var sub : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()) {
      String found = openVote(sub.getId());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The mail subjects the Standards list (and everyone else) received, oldest first. */
  protected List<String> subjects() {
    return standardsList.messages().stream().map(ProcessTestSupport::subject).toList();
  }

  /** The mails anyone received with this subject, oldest first. */
  protected List<MimeMessage> mailsTitled(String subject) {
    return standardsList.messages().stream().filter(mail -> subject.equals(subject(mail))).toList();
  }

  protected static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String body(MimeMessage message) {
    try {
      return String.valueOf(message.getContent());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String fixture(String path) {
    try (InputStream in = ProcessTestSupport.class.getResourceAsStream("/xeps/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
