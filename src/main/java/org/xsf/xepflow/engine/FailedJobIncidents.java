package org.xsf.xepflow.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The engine's "failedJob" incidents, without the lookup of an incident for every job it deletes.
 * A failed-job incident is opened when a job's retries reach 0 and closed when they rise again,
 * so a job deleted with retries left has none: looking for one cost a statement per job (19 on a
 * XEP's way to Final, two in every deferral). A job the command has not loaded is looked up as before.
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
      if (job == null || job.getRetries() == 0) {
        super.removeIncident(context, incidentResolved);
      }
    }
  }
}
