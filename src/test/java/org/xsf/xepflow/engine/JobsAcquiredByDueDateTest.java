package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xsf.xepflow.mail.QueueAnnouncement;
import org.xsf.xepflow.support.ProcessTestSupport;

/**
 * The job executor takes the jobs due longest first, and every job has a due date to be taken by
 * (the indexes for its search: {@link EngineIndexesTest}).
 */
class JobsAcquiredByDueDateTest extends ProcessTestSupport {
  @Autowired
  DataSource dataSource;

  @Test
  void theJobDueLongestIsAcquiredFirst() {
    Job first = announcementDue("author1");
    Job second = announcementDue("author2");
    managementService.setJobDuedate(first.getId(), Date.from(Instant.parse("2000-01-02T00:00:00Z")));
    managementService.setJobDuedate(second.getId(), Date.from(Instant.parse("2000-01-01T00:00:00Z")));

    assertThat(nextJobsToAcquire()).startsWith(second.getId(), first.getId());
    deleteProcessOf(first, second);
  }

  /** An announcement waits for the job executor as an asynchronous continuation, due when it was made. */
  @Test
  void anAsynchronousContinuationIsDueWhenItIsMade() {
    Date now = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(now);
    Job announcement = announcementDue("author1");
    assertThat(announcement.getDuedate()).isEqualTo(now);
    deleteProcessOf(announcement);
  }

  /** Jobs an earlier version made without a due date are not acquired until they get the time they were made. */
  @Test
  void aJobLeftWithoutADueDateGetsTheTimeItWasMadeAtStart() {
    Job job = announcementDue("author1");
    new JdbcTemplate(dataSource).update("update act_ru_job set duedate_ = null, create_time_ = ? where id_ = ?",
        Date.from(Instant.parse("2020-05-06T07:08:09Z")), job.getId());
    assertThat(nextJobsToAcquire()).doesNotContain(job.getId());

    new JobsAcquiredByDueDate().postProcessEngineBuild(processEngine);

    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate().toInstant())
        .isEqualTo(Instant.parse("2020-05-06T07:08:09Z"));
    assertThat(nextJobsToAcquire()).startsWith(job.getId());
    deleteProcessOf(job);
  }

  /** The announcement of a ProtoXEP whose format the Editor accepted, waiting for the job executor. */
  private Job announcementDue(String author) {
    return announcementJob(protoXepFormatAccepted(author, "inbox/xor.xml", "Standards Track").getId());
  }

  /** What the job executor's search finds, in its order, without locking any of it. */
  private List<String> nextJobsToAcquire() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 1_000)).stream().map(AcquirableJobEntity::getId).toList());
  }

  /** Jobs due long ago would come first in other tests' searches. */
  private void deleteProcessOf(Job... jobs) {
    for (Job job : jobs) {
      var runtime = processEngine.getRuntimeService();
      String submission = (String) runtime.getVariable(job.getProcessInstanceId(), QueueAnnouncement.ANNOUNCED_BY);
      runtime.deleteProcessInstance(job.getProcessInstanceId(), "test done");
      runtime.deleteProcessInstance(submission, "test done");
    }
  }
}
