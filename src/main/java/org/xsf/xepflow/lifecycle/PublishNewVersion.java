package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;

/**
 * "Publish the new version" (XEP-0001 section 6): put under source control in the XEPs database,
 * published at the XEP's canonical address, marked as an editorial change when the Editor published it
 * as not material. A vote open on an older revision no longer applies.
 */
@Component("publishNewVersion")
public class PublishNewVersion implements JavaDelegate {
  private final XepRepository xeps;
  private final NewOfficialVersion newOfficialVersion;

  public PublishNewVersion(XepRepository xeps, NewOfficialVersion newOfficialVersion) {
    this.xeps = xeps;
    this.newOfficialVersion = newOfficialVersion;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String version = vars.string("newVersion");
    xep.version(version).filter(XepVersion::isPending).ifPresentOrElse(
        provisional -> provisional.approve(now),
        () -> xep.publish(version, vars.string("versionInitials"), vars.string("versionRemark"),
            vars.string("xml"), now, vars.flag("editorialChange")));
    execution.setVariable("versionPublished", true);
    execution.setVariable("lastUpdated", Date.from(now));
    newOfficialVersion.published(execution, xep, version);
  }
}
