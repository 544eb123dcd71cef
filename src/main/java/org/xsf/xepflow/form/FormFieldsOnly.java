package org.xsf.xepflow.form;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.PluginLists;

/**
 * A person changes a process only through the form of their step: a task's form or a process's start
 * form, with that form's fields and nothing else. The REST APIs would otherwise let anyone with a task
 * write any variable of its process (a Council member the ProtoXEP's author or document, in its
 * objection step), start a process as someone else (its {@code author}) or at any of its activities
 * (past the Editor and the Council). Camunda's operators ({@code camunda-admin}) and xepflow's own
 * calls, with no one logged in, are not held to it: Cockpit is where operators repair a process.
 */
@Component
public class FormFieldsOnly extends AbstractProcessEnginePlugin {
  private static final String ONLY_FORMS = ": a person's step changes only what its form asks for.";
  private static final VarHandle COMPLETED_TASK = field(CompleteTaskCmd.class, "taskId", String.class);
  private static final VarHandle COMPLETED_WITH = field(CompleteTaskCmd.class, "variables", Map.class);
  private static final VarHandle SUBMITTED_TASK = field(SubmitTaskFormCmd.class, "taskId", String.class);
  private static final VarHandle SUBMITTED_WITH = field(SubmitTaskFormCmd.class, "properties",
      org.camunda.bpm.engine.variable.VariableMap.class);
  private static final VarHandle STARTED_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId", String.class);
  private static final VarHandle STARTED_WITH = field(SubmitStartFormCmd.class, "variables",
      org.camunda.bpm.engine.variable.VariableMap.class);
  private static final VarHandle STARTED_BY = field(StartProcessInstanceCmd.class, "instantiationBuilder",
      ProcessInstantiationBuilderImpl.class);

  private final FormAnswersChecked forms;

  public FormFieldsOnly(FormAnswersChecked forms) {
    this.forms = forms;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(PluginLists.with(
        configuration.getCustomPreCommandInterceptorsTxRequired(), new Interceptor(configuration)));
  }

  /** What a person's command must be checked for, or null when it carries nothing of theirs into a process. */
  private Consumer<CommandContext> checkOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return context -> task(context, (String) COMPLETED_TASK.get(command), (Map<?, ?>) COMPLETED_WITH.get(command));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return context -> task(context, (String) SUBMITTED_TASK.get(command), (Map<?, ?>) SUBMITTED_WITH.get(command));
    }
    if (command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
        || command instanceof RemoveTaskVariablesCmd) {
      return context -> refuse("A step's variables are set by submitting its form");
    }
    if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      return context -> refuse("A step ends by submitting its form; no step of the procedure takes a BPMN error or escalation");
    }
    if (command instanceof SubmitStartFormCmd) {
      return context -> start(cache(context).findDeployedProcessDefinitionById((String) STARTED_DEFINITION.get(command)),
          (Map<?, ?>) STARTED_WITH.get(command));
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) STARTED_BY.get(command);
      return context -> start(builder.getProcessDefinitionId() != null
          ? cache(context).findDeployedProcessDefinitionById(builder.getProcessDefinitionId())
          : cache(context).findDeployedLatestProcessDefinitionByKey(builder.getProcessDefinitionKey()), builder.getVariables());
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      return context -> refuse("A process starts at its start form, not at an activity of one's choosing");
    }
    return null;
  }

  private void task(CommandContext context, String taskId, Map<?, ?> sent) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      // the engine's own answer is a server error naming a null: a second click, or a colleague was first
      throw new InvalidInputException("There is no open step " + taskId
          + ": someone completed it, or its process moved on without it. Nothing was changed.");
    }
    if (task.getTaskDefinition() == null || sent == null || sent.isEmpty()) {
      return; // a task of no process has no process to change
    }
    Expression formKey = task.getTaskDefinition().getCamundaFormDefinitionKey();
    FormAnswers form = formKey == null ? FormAnswers.NONE : forms.form(formKey.getExpressionText());
    form.unasked(names(sent), task::getVariable).ifPresent(unasked ->
        refuse("The form of \"" + task.getName() + "\" " + unasked));
  }

  private void start(ProcessDefinitionEntity definition, Map<?, ?> sent) {
    FormDefinition startForm = definition.getStartFormDefinition();
    Expression formKey = startForm == null ? null : startForm.getCamundaFormDefinitionKey();
    if (formKey == null) {
      refuse("\"" + (definition.getName() != null ? definition.getName() : definition.getKey())
          + "\" is started by the procedure itself, not from a form");
    }
    if (sent != null) {
      forms.form(formKey.getExpressionText()).unasked(names(sent), name -> null).ifPresent(unasked ->
          refuse("The start form of \"" + definition.getName() + "\" " + unasked));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> names(Map<?, ?> sent) {
    return (Map<String, ?>) sent;
  }

  private static DeploymentCache cache(CommandContext context) {
    return context.getProcessEngineConfiguration().getDeploymentCache();
  }

  private static void refuse(String why) {
    throw new InvalidInputException(why + ONLY_FORMS);
  }

  private static VarHandle field(Class<?> command, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(command, MethodHandles.lookup()).findVarHandle(command, name, type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getSimpleName() + " has no field " + name, e);
    }
  }

  /**
   * Checks the command a person sends, in its own command context and transaction, before it runs;
   * not the commands the procedure runs inside it (a lifecycle started by the acceptance).
   */
  private final class Interceptor extends CommandInterceptor {
    private final ProcessEngineConfigurationImpl configuration;

    Interceptor(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      Authentication person = configuration.getIdentityService().getCurrentAuthentication();
      Consumer<CommandContext> check = person == null || Context.getCommandContext() != null ? null : checkOf(command);
      if (check == null) {
        return next.execute(command);
      }
      return next.execute(context -> {
        if (!context.getAuthorizationManager().isCamundaAdmin(person)) {
          check.accept(context);
        }
        return command.execute(context);
      });
    }
  }
}
