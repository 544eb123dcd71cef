package org.xsf.xepflow.engine;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * History level "full", except the form-field log, the multi-instance counters and the form answers
 * xepflow records in its registry. Submitting a form logs every field as raw text in a 4000-character
 * column, which a pasted XEP overflows; the same values are recorded anyway as variable updates,
 * which store long text safely (see {@link LongStringValueSerializer}). The counters the engine keeps
 * for each Council member's task (loopCounter, nrOf...Instances) tell nothing the tasks' own history
 * does not. The answers a task listener stores as rows of their own (ballots, Council responses,
 * implementations: {@code xepflow.history.recorded-in-registry}) would otherwise be kept twice, and
 * each Council member's answer overwriting the last cost a lookup of its history row. Processes whose
 * record is kept elsewhere ({@code xepflow.history.processes-left-out}: an announcement, which once sent
 * is on the Standards list) leave no history at all, as an outbox forgets what it sent: with it, the
 * end of each such process marked every history table of its rows for removal, 17 statements.
 */
public class FullHistoryWithoutFormFields implements HistoryLevel {
  public static final String NAME = "full-without-form-fields";
  /** The variables a multi-instance activity sets itself (BPMN 2.0 §10.3.6, Camunda's names). */
  private static final Set<String> MULTI_INSTANCE_COUNTERS =
      Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
  private final Set<String> leftOut;
  private final Set<String> processesLeftOut;

  public FullHistoryWithoutFormFields(Set<String> recordedInRegistry, Set<String> processesLeftOut) {
    leftOut = new HashSet<>(MULTI_INSTANCE_COUNTERS);
    leftOut.addAll(recordedInRegistry);
    this.processesLeftOut = Set.copyOf(processesLeftOut);
  }

  @Override
  public int getId() {
    // Above "full" (3): checks of the form "at least full" still hold.
    return 4;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    return eventType != HistoryEventTypes.FORM_PROPERTY_UPDATE
        && !(entity instanceof VariableInstanceEntity variable && leftOut.contains(variable.getName()))
        && !isOfProcessLeftOut(entity)
        && HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }

  /** The entities of a process's history events: its executions, variables, jobs and incidents. */
  private boolean isOfProcessLeftOut(Object entity) {
    String definition = entity instanceof ExecutionEntity execution ? execution.getProcessDefinitionId()
        : entity instanceof VariableInstanceEntity variable ? variable.getProcessDefinitionId()
        : entity instanceof JobEntity job ? job.getProcessDefinitionId()
        : entity instanceof IncidentEntity incident ? incident.getProcessDefinitionId()
        : null;
    // asked for every history event: the key read from the id (key:version:id; a process id has no
    // colon), not a search of the keys
    int key = definition == null ? -1 : definition.indexOf(':');
    return key > 0 && processesLeftOut.contains(definition.substring(0, key));
  }
}
