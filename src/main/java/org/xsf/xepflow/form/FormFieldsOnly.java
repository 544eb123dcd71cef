package org.xsf.xepflow.form;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
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
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.engine.PluginLists;

/**
 * A person changes a process only through the form of their step: a task's form or a process's start
 * form, with the fields it asks for and nothing else (what it only shows is left out of a submission).
 * The REST APIs would otherwise let anyone with a task write any variable of its process (a Council
 * member the ProtoXEP's author or document, in its objection step), hand the task to someone else
 * (claim it for them, or resolve it), start a process as someone else (its {@code author}), with a
 * business key of their choosing or at any of its activities (past the Editor and the Council).
 * Camunda's own permission checks come before the form's, so that someone with no right to a step
 * learns nothing of it from them. Operators ({@code camunda-admin}) and xepflow's own
 * calls, with no one logged in, are not held to it: Cockpit is where operators repair a process.
 */
@Component
public class FormFieldsOnly extends AbstractProcessEnginePlugin {
  private static final String ONLY_FORMS = ": a person's step changes only what its form asks for.";
  private static final VarHandle CLAIMED_TASK = field(ClaimTaskCmd.class, "taskId", String.class);
  private static final VarHandle CLAIMED_FOR = field(ClaimTaskCmd.class, "userId", String.class);
  private static final VarHandle COMPLETED_TASK = field(CompleteTaskCmd.class, "taskId", String.class);
  private static final VarHandle COMPLETED_WITH = field(CompleteTaskCmd.class, "variables", Map.class);
  private static final VarHandle SUBMITTED_TASK = field(SubmitTaskFormCmd.class, "taskId", String.class);
  private static final VarHandle SUBMITTED_WITH = field(SubmitTaskFormCmd.class, "properties", VariableMap.class);
  private static final VarHandle STARTED_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId", String.class);
  private static final VarHandle STARTED_KEY = field(SubmitStartFormCmd.class, "businessKey", String.class);
  private static final VarHandle STARTED_WITH = field(SubmitStartFormCmd.class, "variables", VariableMap.class);
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
  private Consumer<CommandContext> checkOf(Command<?> command, String person) {
    if (command instanceof ResolveTaskCmd) {
      return context -> refuse("A step is completed through its form; no step of the procedure is delegated and resolved.");
    }
    if (command instanceof CompleteTaskCmd) {
      return context -> COMPLETED_WITH.set(command,
          answers(context, (String) COMPLETED_TASK.get(command), (Map<?, ?>) COMPLETED_WITH.get(command)));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return context -> SUBMITTED_WITH.set(command,
          answers(context, (String) SUBMITTED_TASK.get(command), (Map<?, ?>) SUBMITTED_WITH.get(command)));
    }
    if (command instanceof ClaimTaskCmd) {
      return context -> claim(context, (String) CLAIMED_TASK.get(command), (String) CLAIMED_FOR.get(command), person);
    }
    if (command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
        || command instanceof RemoveTaskVariablesCmd) {
      return context -> refuse("A step's variables are set by submitting its form" + ONLY_FORMS);
    }
    // tasks made before TASK_WORK keep UPDATE for their people, who could hand them on with these
    if (command instanceof AbstractSetTaskPropertyCmd || command instanceof DelegateTaskCmd
        || command instanceof DeleteIdentityLinkCmd || command instanceof SaveTaskCmd) {
      return context -> refuse("Who takes a step, and by when, is the procedure's to say: a step offered to a group is"
          + " claimed by whoever takes it, and a person's own step stays theirs.");
    }
    if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      return context -> refuse("A step ends by submitting its form; no step of the procedure takes a BPMN error or escalation.");
    }
    if (command instanceof SubmitStartFormCmd) {
      return context -> STARTED_WITH.set(command, start(context, context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById((String) STARTED_DEFINITION.get(command)),
          (String) STARTED_KEY.get(command), (Map<?, ?>) STARTED_WITH.get(command)));
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) STARTED_BY.get(command);
      return context -> {
        var cache = context.getProcessEngineConfiguration().getDeploymentCache();
        VariableMap kept = start(context, builder.getProcessDefinitionId() != null
            ? cache.findDeployedProcessDefinitionById(builder.getProcessDefinitionId())
            : cache.findDeployedLatestProcessDefinitionByKey(builder.getProcessDefinitionKey()),
            builder.getBusinessKey(), builder.getVariables());
        builder.getVariables().keySet().retainAll(kept.keySet());
      };
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      return context -> refuse("A process starts at its start form, not at an activity of one's choosing.");
    }
    return null;
  }

  /** The answers a person's submission of a task's form keeps: refused if it has anything else. */
  private VariableMap answers(CommandContext context, String taskId, Map<?, ?> sent) {
    TaskEntity task = openTask(context, taskId);
    if (task.getDelegationState() == DelegationState.PENDING) {
      // submitting it would resolve it: back to its owner, with no complete listener run
      refuse("\"" + task.getName() + "\" was delegated, which the procedure never does: an operator gives it back.");
    }
    @SuppressWarnings("unchecked")
    VariableMap answers = sent == null ? null : Variables.fromMap((Map<String, Object>) sent);
    if (task.getTaskDefinition() == null || answers == null || answers.isEmpty()) {
      return answers; // nothing sent, or a task of no process: no process to change
    }
    Expression formKey = task.getTaskDefinition().getCamundaFormDefinitionKey();
    FormAnswers form = formKey == null ? FormAnswers.NONE : forms.form(formKey.getExpressionText());
    VariableMap kept = kept(form, answers, "The form of \"" + task.getName() + "\"");
    answered(form, name -> kept.containsKey(name) ? kept.get(name) : task.getVariable(name));
    return kept;
  }

  /** A step is claimed by whoever takes it, and given back only to the group it was offered to. */
  private static void claim(CommandContext context, String taskId, String claimant, String person) {
    TaskEntity task = openTask(context, taskId);
    if (claimant != null && !claimant.equals(person)) {
      refuse("\"" + task.getName() + "\" is claimed by whoever takes it, not for " + claimant + ".");
    }
    if (claimant == null && task.getCandidates().isEmpty()) {
      // unassigned, a member's answer would count as the Council meeting's (RecordCouncilResponse)
      refuse("\"" + task.getName() + "\" is a person's own step, offered to no group to give back to.");
    }
  }

  private static TaskEntity openTask(CommandContext context, String taskId) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      // the engine's own answer is a server error naming a null: a second click, or a colleague was first
      throw new InvalidInputException("There is no open step " + taskId
          + ": someone completed it, or its process moved on without it. Nothing was changed.");
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(task);
    }
    return task;
  }

  private VariableMap start(CommandContext context, ProcessDefinitionEntity definition, String businessKey, Map<?, ?> sent) {
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkCreateProcessInstance(definition);
    }
    String name = "\"" + (definition.getName() != null ? definition.getName() : definition.getKey()) + "\"";
    FormDefinition startForm = definition.getStartFormDefinition();
    Expression formKey = startForm == null ? null : startForm.getCamundaFormDefinitionKey();
    if (formKey == null) {
      refuse(name + " is started by the procedure itself, not from a form.");
    }
    if (businessKey != null) {
      refuse(name + " is started with no business key of the caller's: the procedure gives one where it needs one.");
    }
    @SuppressWarnings("unchecked")
    VariableMap answers = Variables.fromMap(sent == null ? Map.of() : (Map<String, Object>) sent);
    FormAnswers form = forms.form(formKey.getExpressionText());
    VariableMap kept = kept(form, answers, "The start form of " + name);
    answered(form, kept::get);
    return kept;
  }

  /**
   * A field the form requires once it shows it must be answered: checked here, on the answers as sent,
   * as the diagrams' listeners may clear an answer once they have recorded it (a ballot's reasons).
   */
  private static void answered(FormAnswers form, Function<String, Object> answers) {
    form.unanswered(answers).ifPresent(FormFieldsOnly::refuse);
  }

  /** The fields the form asks for; those it only shows are left out, anything else is refused. */
  private static VariableMap kept(FormAnswers form, VariableMap sent, String whose) {
    VariableMap kept = Variables.createVariables();
    for (String name : sent.keySet()) {
      if (form.asks(name)) {
        kept.putValueTyped(name, sent.getValueTyped(name));
      } else if (!form.shows(name)) {
        refuse(whose + " has no field '" + name + "'" + ONLY_FORMS);
      }
    }
    return kept;
  }

  private static void refuse(String why) {
    throw new InvalidInputException(why);
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
      Consumer<CommandContext> check = person == null || Context.getCommandContext() != null
          ? null : checkOf(command, person.getUserId());
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
