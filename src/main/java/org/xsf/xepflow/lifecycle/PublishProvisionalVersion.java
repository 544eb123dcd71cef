package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.ProvisionalCopies;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Publish the change provisionally" (XEP-0001 section 8.1): a material change to a Draft XEP goes
 * to tmp/ and is official only after the Council approves it. Its copy there is written once the step commits
 * ({@link ProvisionalCopies#provisionallyPublished}); its address, which the announcement gives, is known before.
 */
@Component("publishProvisionalVersion")
public class PublishProvisionalVersion implements JavaDelegate {
  private final XepRepository xeps;
  private final ProvisionalCopies tmp;

  public PublishProvisionalVersion(XepRepository xeps, ProvisionalCopies tmp) {
    this.xeps = xeps;
    this.tmp = tmp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    String version = vars.string("newVersion");
    xep.publishProvisionally(version, vars.string("versionInitials"), vars.string("versionRemark"),
        vars.string("xml"), ClockUtil.getCurrentTime().toInstant());
    execution.setVariable("provisionalUrl", tmp.provisionallyPublished(xep, version, vars.string("xml")));
  }
}
