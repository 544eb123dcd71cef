package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.ProvisionalCopies;
import org.xsf.xepflow.registry.XepVersion;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * "Withdraw the change from tmp/": a material change to a Draft XEP published provisionally (XEP-0001
 * section 8.1) that ends without the Council's approval is no longer offered there as pending; its
 * version row stays, marked withdrawn. As the end listener of new-version it acts only when the process
 * was cancelled from outside (the XEP's status changed first): BPMN has no step for "was cut short".
 */
@Component("withdrawProvisionalVersion")
public class WithdrawProvisionalVersion implements JavaDelegate, ExecutionListener {
  private final XepVersionRepository versions;
  private final ProvisionalCopies tmp;

  public WithdrawProvisionalVersion(XepVersionRepository versions, ProvisionalCopies tmp) {
    this.versions = versions;
    this.tmp = tmp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    withdraw(execution);
  }

  @Override
  public void notify(DelegateExecution execution) {
    // a change cut short before its provisional publication has nothing in tmp/
    if (execution.isCanceled() && execution.getVariable("provisionalUrl") != null) {
      withdraw(execution);
    }
  }

  private void withdraw(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    versions.findByXepNumberAndVersion(vars.xepNumber(), vars.string("newVersion")).filter(XepVersion::isPending)
        .ifPresent(version -> {
          version.withdraw();
          tmp.provisionalEnded(vars.xepNumber(), version.getVersion());
        });
  }
}
