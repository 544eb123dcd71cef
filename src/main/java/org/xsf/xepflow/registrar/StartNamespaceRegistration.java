package org.xsf.xepflow.registrar;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * "Have the Editor initiate the registration of its protocol namespaces": starts a
 * {@code namespace-registration} process for the XEP that has just advanced to Draft or Active
 * (XEP-0001 section 14). The Editor's task lives there, not in the lifecycle: it holds up none of
 * the lifecycle's steps and stays open whatever status the XEP takes next.
 */
@Component("startNamespaceRegistration")
public class StartNamespaceRegistration implements JavaDelegate {
  public static final String PROCESS = "namespace-registration";
  /** What the registration reads of the lifecycle: the XEP, its new status and the version it advanced with. */
  private static final String[] PASSED = {"xepNumber", "xepLabel", "title", "status", "version", "xepUrl"};

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    for (String name : PASSED) {
      variables.put(name, execution.getVariable(name));
    }
    // whoever cast the deciding vote need not be allowed to start processes of their own
    Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(PROCESS, execution.getProcessBusinessKey(), variables));
  }
}
