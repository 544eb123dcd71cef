package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Publish the change provisionally" (XEP-0001 section 8.1): a material change to a Draft XEP goes
 * to tmp/ and is official only after the Council approves it.
 */
@Component("publishProvisionalVersion")
public class PublishProvisionalVersion implements JavaDelegate {
  private final XepRepository xeps;
  private final SiteWriter site;

  public PublishProvisionalVersion(XepRepository xeps, SiteWriter site) {
    this.xeps = xeps;
    this.site = site;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    String version = vars.string("newVersion");
    xep.publishProvisionally(version, vars.string("versionInitials"), vars.string("versionRemark"),
        vars.string("xml"), ClockUtil.getCurrentTime().toInstant());
    execution.setVariable("provisionalUrl", site.publishProvisionally(xep, version, vars.string("xml")));
  }
}
