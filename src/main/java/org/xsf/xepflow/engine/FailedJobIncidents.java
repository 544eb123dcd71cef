package org.xsf.xepflow.engine;

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
 * failed-job incident belongs to an execution of the job's process instance, and each execution row
 * says whether it has any incident (the engine reads its incidents only if it has), so a job whose
 * process instance has none of its own has nothing to resolve. The engine queried anyway: a
 * statement per job, 19 on a XEP's way to Final and two in every deferral. A job without an
 * execution, or not loaded by the command, is looked up as before.
 */
final class FailedJobIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomIncidentHandlers(PluginLists.with(configuration.getCustomIncidentHandlers(), new Handler()));
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
      if (execution == null || hasIncident(execution.getProcessInstance(), context.getConfiguration())) {
        super.removeIncident(context, incidentResolved);
      }
    }

    /**
     * Anywhere in the process instance: a job moves to a new execution when its own becomes
     * concurrent (a second branch started beside it), and its incident stays where it was.
     */
    private static boolean hasIncident(ExecutionEntity execution, String configuration) {
      return execution.getIncidents().stream().anyMatch(incident -> configuration.equals(incident.getConfiguration()))
          || execution.getExecutions().stream().anyMatch(child -> hasIncident(child, configuration));
    }
  }
}
