package org.xsf.xepflow.form;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.PluginLists;

/**
 * Holds every submitted task form and start form to what its Camunda Form accepts
 * ({@link FormAnswers}): an answer no form offers would otherwise reach a gateway with no way out,
 * or a step that fails later for someone else. Refused in the submitter's transaction, nothing kept.
 * The forms are read from the engine, the latest of each key as the diagrams bind them, once until
 * this engine deploys anything again (another node's deployment is read after this node's restart,
 * when it deploys {@code forms/} itself).
 */
@Component
public class FormAnswersChecked extends AbstractProcessEnginePlugin {
  private final Map<String, FormAnswers> byKey = new ConcurrentHashMap<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostBPMNParseListeners(
        PluginLists.with(configuration.getCustomPostBPMNParseListeners(), new Listeners()));
    // a deployment may bring new versions of the forms: read once it has committed, not before
    configuration.setCustomPostDeployers(PluginLists.with(configuration.getCustomPostDeployers(),
        (Deployer) deployment -> Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, committed -> byKey.clear())));
  }

  /** The latest form of this key, as the diagrams bind them; read in a command. */
  FormAnswers form(String formKey) {
    return byKey.computeIfAbsent(formKey, FormAnswersChecked::latest);
  }

  private void check(String formKey, VariableScope answers) {
    form(formKey).refusal(answers::getVariable).ifPresent(refusal -> {
      throw new InvalidInputException(refusal);
    });
  }

  private static FormAnswers latest(String formKey) {
    CommandContext command = Context.getCommandContext();
    CamundaFormDefinitionEntity form = command.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formKey);
    if (form == null) {
      return FormAnswers.NONE;
    }
    return FormAnswers.read(command.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName()).getBytes());
  }

  private static String formRef(Element element) {
    return element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
  }

  private final class Listeners extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      String formKey = formRef(element);
      if (formKey != null) {
        // after the diagram's own listeners, whose refusals say more about their own fields
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> check(formKey, task));
      }
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      String formKey = formRef(element);
      // a process's start form is on its plain start event; a message or a timer starts with no form
      boolean plain = scope instanceof ProcessDefinitionEntity
          && element.elements().stream().noneMatch(child -> child.getTagName().endsWith("EventDefinition"));
      if (formKey != null && plain) {
        activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> check(formKey, execution));
      }
    }
  }
}
