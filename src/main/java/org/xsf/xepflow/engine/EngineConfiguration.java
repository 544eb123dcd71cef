package org.xsf.xepflow.engine;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.connect.plugin.impl.ConnectProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine plugins: Camunda Connect (for the mail connector), long String variables with the history
 * level that goes with them, failed-job incidents and event jobs looked for only where there can be
 * one, refused input logged as a bad request, indexes the engine's schema lacks, jobs acquired by
 * due date, and for Tasklist's queries on PostgreSQL planner statistics, a plan per call and the
 * authorized groups read through an index.
 */
@Configuration
public class EngineConfiguration {

  @Bean
  ProcessEnginePlugin connectPlugin() {
    return new ConnectProcessEnginePlugin();
  }

  @Bean
  ProcessEnginePlugin authorizationStatistics() {
    return new AuthorizationStatistics();
  }

  @Bean
  ProcessEnginePlugin authorizedGroupsByIndex() {
    return new AuthorizedGroupsByIndex();
  }

  @Bean
  ProcessEnginePlugin taskQueriesPlannedPerExecution() {
    return new TaskQueriesPlannedPerExecution();
  }

  @Bean
  ProcessEnginePlugin failedJobIncidents() {
    return new FailedJobIncidents();
  }

  @Bean
  ProcessEnginePlugin messageSubscriptionsWithoutJobs() {
    return new MessageSubscriptionsWithoutJobs();
  }

  @Bean
  ProcessEnginePlugin refusedInputLoggedAsBadRequest() {
    return new RefusedInputLoggedAsBadRequest();
  }

  @Bean
  ProcessEnginePlugin engineIndexes() {
    return new EngineIndexes();
  }

  @Bean
  ProcessEnginePlugin jobsAcquiredByDueDate() {
    return new JobsAcquiredByDueDate();
  }

  @Bean
  ProcessEnginePlugin longStringVariables(
      @Value("${xepflow.history.recorded-in-registry:}") Set<String> recordedInRegistry,
      @Value("${xepflow.history.processes-left-out:}") Set<String> processesLeftOut) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreVariableSerializers(
            PluginLists.with(configuration.getCustomPreVariableSerializers(), new LongStringValueSerializer()));
        configuration.setCustomHistoryLevels(List.of(new FullHistoryWithoutFormFields(recordedInRegistry, processesLeftOut)));
      }
    };
  }
}
