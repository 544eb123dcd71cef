package org.xsf.xepflow.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The engine's "failedJob" incidents, without a query for every job the engine deletes. A job's
 * failed-job incident belongs to the job's execution, and each execution row says whether it has
 * any incident (the engine reads its incidents only if it has), so a job whose execution has none
 * of its own has nothing to resolve. The engine queried anyway: a statement per job, 19 on a XEP's
 * way to Final and two in every deferral. A job without an execution, or not loaded by the command,
 * is looked up as before.
 */
final class FailedJobIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomIncidentHandlers(List.of(new Handler()));
  }

  static final class Handler extends DefaultIncidentHandler {
    Handler() {
      super(IncidentEntity.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    protected void removeIncident(IncidentContext context, boolean incidentResolved) {
      JobEntity job = Context.getCommandContext().getDbEntityManager()
          .getCachedEntity(JobEntity.class, context.getConfiguration());
      ExecutionEntity execution = job == null ? null : job.getExecution();
      if (execution == null || execution.getIncidents().stream()
          .anyMatch(incident -> context.getConfiguration().equals(incident.getConfiguration()))) {
        super.removeIncident(context, incidentResolved);
      }
    }
  }
}
