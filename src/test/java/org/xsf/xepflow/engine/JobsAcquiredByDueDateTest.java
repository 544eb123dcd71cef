package org.xsf.xepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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

    assertThat(acquireOne()).containsExactly(second.getId());
    assertThat(acquireOne()).containsExactly(first.getId());
  }

  /** An announcement waits for the job executor as an asynchronous continuation, due when it was made. */
  @Test
  void anAsynchronousContinuationIsDueWhenItIsMade() {
    Date now = new Date(ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    ClockUtil.setCurrentTime(now);
    assertThat(announcementDue("author1").getDuedate()).isEqualTo(now);
  }

  /** Jobs an earlier version made without a due date would never be acquired: they get the time they were made. */
  @Test
  void aJobLeftWithoutADueDateGetsTheTimeItWasMadeAtStart() {
    Job job = announcementDue("author1");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("update act_ru_job set duedate_ = null, create_time_ = ? where id_ = ?",
        Date.from(Instant.parse("2020-05-06T07:08:09Z")), job.getId());

    new JobsAcquiredByDueDate().postProcessEngineBuild(processEngine);

    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate().toInstant())
        .isEqualTo(Instant.parse("2020-05-06T07:08:09Z"));
  }

  /** The announcement of a ProtoXEP whose format the Editor accepted, waiting for the job executor. */
  private Job announcementDue(String author) {
    String submission = protoXepFormatAccepted(author, "inbox/xor.xml", "Standards Track").getId();
    return managementService.createJobQuery().processInstanceId(submission).singleResult();
  }

  private List<String> acquireOne() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired()
        .execute(new AcquireJobsCmd(configuration.getJobExecutor(), 1)).getJobIdBatches().stream()
        .flatMap(List::stream).toList();
  }
}
